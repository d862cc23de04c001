package io.kubelpa.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.kubelpa.audit.Observability;
import io.kubelpa.authz.RbacAuthorizer;
import io.kubelpa.authz.RequestAttributes;
import io.kubelpa.authz.UserInfo;
import io.kubelpa.findings.FindingsOptions;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.rbac.SnapshotAssembler;
import io.kubelpa.tightening.RoleTightener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Random roles, bindings and usage (seeded): whatever kube-lpa proposes, accepted or not, its proof
 * must hold, and an independent brute-force check over a finite universe of requests must agree:
 * every observed allowed request is still allowed, and nothing the proposed RBAC allows anyone was
 * refused to them before.
 */
class ProposalSafetyPropertyTest {
    private static final int CASES = 1500;
    private static final List<String> VERBS = List.of("get", "list", "watch", "create", "patch", "delete");
    private static final List<String> GROUPS = List.of("", "apps");
    private static final List<String> RESOURCES =
            List.of("pods", "pods/log", "configmaps", "secrets", "deployments", "nodes");
    private static final List<String> NAMES = List.of("", "a", "b");
    private static final List<String> NAMESPACES = List.of("", "ns1", "ns2");
    private static final List<String> USERS = List.of("u1", "u2", "system:serviceaccount:ns1:sa");
    private static final List<String> USER_GROUPS = List.of("g1", "g2");
    private static final ReviewOptions OPTIONS = new ReviewOptions(
            new FindingsOptions(Duration.ZERO, 2, Set.of()),
            RoleTightener.Options.EXACT,
            Observability.EVERYTHING,
            "property");

    @Test
    void proposalsNeverWidenAccessNorDenyAnObservedRequest() {
        long proposals = 0;
        for (int seed = 0; seed < CASES; seed++) {
            Random random = new Random(seed);
            RbacObjects rbac = randomRbac(random);
            List<RequestAttributes> universe = universe(random);
            UsageFixture usage = new UsageFixture(rbac).window(30);
            List<RequestAttributes> allowed = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                RequestAttributes request = universe.get(random.nextInt(universe.size()));
                if (usage.request(request)) {
                    allowed.add(request);
                }
            }
            Review review = LeastPrivilegeReview.run(rbac, BuiltinMode.NONE, usage.report(), OPTIONS);
            proposals += review.proposals().size();
            String context = "seed " + seed;
            review.proposals().forEach(p -> assertThat(p.verification().passed())
                    .as(context + " " + p)
                    .isTrue());
            RbacAuthorizer before = new RbacAuthorizer(SnapshotAssembler.assemble(rbac, BuiltinMode.NONE));
            RbacAuthorizer after = new RbacAuthorizer(SnapshotAssembler.assemble(review.proposed(), BuiltinMode.NONE));
            for (RequestAttributes request : allowed) {
                assertThat(after.authorize(request).allowed())
                        .as(context + " replay " + request)
                        .isTrue();
            }
            for (RequestAttributes request : universe) {
                if (after.authorize(request).allowed()) {
                    assertThat(before.authorize(request).allowed())
                            .as(context + " widened " + request)
                            .isTrue();
                }
            }
        }
        assertThat(proposals).as("the cases exercise the planner").isGreaterThan(CASES);
    }

    private static RbacObjects randomRbac(Random random) {
        RbacObjects.Builder builder = new RbacObjects.Builder();
        int roles = 1 + random.nextInt(3);
        for (int r = 0; r < roles; r++) {
            List<PolicyRule> rules = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                rules.add(randomRule(random));
            }
            builder.add(new ClusterRoleBuilder()
                    .withNewMetadata()
                    .withName("cr" + r)
                    .endMetadata()
                    .withRules(rules)
                    .build());
            builder.add(new RoleBuilder()
                    .withNewMetadata()
                    .withName("r" + r)
                    .withNamespace("ns1")
                    .endMetadata()
                    .withRules(randomRule(random))
                    .build());
        }
        for (int b = 0, n = 1 + random.nextInt(4); b < n; b++) {
            String role = (random.nextBoolean() ? "cr" : "r") + random.nextInt(roles);
            List<Subject> subjects = randomSubjects(random);
            if (role.startsWith("cr") && random.nextBoolean()) {
                builder.add(new ClusterRoleBindingBuilder()
                        .withNewMetadata()
                        .withName("crb" + b)
                        .endMetadata()
                        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", role)
                        .withSubjects(subjects)
                        .build());
            } else {
                String namespace = role.startsWith("r") ? "ns1" : NAMESPACES.get(1 + random.nextInt(2));
                builder.add(new RoleBindingBuilder()
                        .withNewMetadata()
                        .withName("rb" + b)
                        .withNamespace(namespace)
                        .endMetadata()
                        .withNewRoleRef(
                                "rbac.authorization.k8s.io", role.startsWith("cr") ? "ClusterRole" : "Role", role)
                        .withSubjects(subjects)
                        .build());
            }
        }
        return builder.build();
    }

    private static PolicyRule randomRule(Random random) {
        PolicyRuleBuilder rule = new PolicyRuleBuilder()
                .withVerbs(random.nextInt(5) == 0 ? List.of("*") : pick(random, VERBS, 1 + random.nextInt(3)))
                .withApiGroups(random.nextInt(5) == 0 ? List.of("*") : pick(random, GROUPS, 1 + random.nextInt(2)))
                .withResources(random.nextInt(6) == 0 ? List.of("*") : pick(random, RESOURCES, 1 + random.nextInt(3)));
        if (random.nextInt(4) == 0) {
            rule.withResourceNames(pick(random, List.of("a", "b"), 1 + random.nextInt(2)));
        }
        return rule.build();
    }

    private static List<Subject> randomSubjects(Random random) {
        List<Subject> subjects = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) {
            switch (random.nextInt(4)) {
                case 0 ->
                    subjects.add(new SubjectBuilder()
                            .withKind("Group")
                            .withApiGroup("rbac.authorization.k8s.io")
                            .withName(USER_GROUPS.get(random.nextInt(USER_GROUPS.size())))
                            .build());
                case 1 ->
                    subjects.add(new SubjectBuilder()
                            .withKind("ServiceAccount")
                            .withName("sa")
                            .withNamespace(random.nextBoolean() ? "ns1" : null)
                            .build());
                default ->
                    subjects.add(new SubjectBuilder()
                            .withKind("User")
                            .withApiGroup("rbac.authorization.k8s.io")
                            .withName(USERS.get(random.nextInt(2)))
                            .build());
            }
        }
        return subjects;
    }

    /** Every user (with a random group membership) against a random sample of requests. */
    private static List<RequestAttributes> universe(Random random) {
        List<UserInfo> users = new ArrayList<>();
        for (String name : USERS) {
            users.add(UserInfo.withDefaultGroups(name, pick(random, USER_GROUPS, random.nextInt(3))));
        }
        List<RequestAttributes> requests = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String resource = RESOURCES.get(random.nextInt(RESOURCES.size()));
            int slash = resource.indexOf('/');
            String verb = VERBS.get(random.nextInt(VERBS.size()));
            String name = verb.equals("create") || verb.equals("list") ? "" : NAMES.get(random.nextInt(NAMES.size()));
            for (UserInfo user : users) {
                requests.add(RequestAttributes.resource(
                        user,
                        verb,
                        NAMESPACES.get(random.nextInt(NAMESPACES.size())),
                        GROUPS.get(random.nextInt(GROUPS.size())),
                        slash < 0 ? resource : resource.substring(0, slash),
                        slash < 0 ? "" : resource.substring(slash + 1),
                        name));
            }
        }
        return requests;
    }

    private static List<String> pick(Random random, List<String> values, int count) {
        List<String> shuffled = new ArrayList<>(values);
        java.util.Collections.shuffle(shuffled, random);
        return List.copyOf(shuffled.subList(0, Math.min(count, shuffled.size())));
    }
}
