package io.kubelpa.review;

import static io.kubelpa.testing.RbacFixtures.clusterRole;
import static io.kubelpa.testing.RbacFixtures.clusterRoleBinding;
import static io.kubelpa.testing.RbacFixtures.group;
import static io.kubelpa.testing.RbacFixtures.role;
import static io.kubelpa.testing.RbacFixtures.roleBinding;
import static io.kubelpa.testing.RbacFixtures.serviceAccount;
import static io.kubelpa.testing.RbacFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.kubelpa.audit.Observability;
import io.kubelpa.findings.Finding;
import io.kubelpa.findings.FindingType;
import io.kubelpa.findings.FindingsOptions;
import io.kubelpa.ownership.Owner;
import io.kubelpa.policy.Policy;
import io.kubelpa.policy.PolicyReader;
import io.kubelpa.proposal.Proposal;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.tightening.RoleTightener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A cluster as a platform engineer meets it: the bootstrap policy's objects with their real marks, an
 * add-on, an operator installed by Helm, and the team's own objects, with a policy file and an
 * acceptance written on an object. Nothing of the platform is proposed, the managed object's
 * proposal names its chart, the team's proposals are the same as without a policy, and every
 * exclusion and suppression is visible with its reason, on both sides of an expiry.
 */
class PolicyReviewTest {
    private static final ReviewOptions OPTIONS = new ReviewOptions(
            new FindingsOptions(Duration.ofDays(7), 2, Set.of("kube-system")),
            RoleTightener.Options.EXACT,
            Observability.EVERYTHING,
            "test");
    private static final String POLICY = """
            apiVersion: kube-lpa.io/v1
            kind: Policy
            exclude:
              namespaces: ["legacy"]
              subjects: ["User:break-glass@example.com"]
            suppress:
              - finding: UNUSED_BINDING
                object: ClusterRoleBinding/team-viewers
                reason: "alice is on leave until April (OPS-77)"
                expires: 2027-03-31
            """;

    private final ClusterRole nodeRole =
            bootstrap(clusterRole("system:node", "verbs=get,list,watch groups=\"\" resources=secrets,configmaps,pods"));
    private final ClusterRoleBinding nodeBinding =
            bootstrap(clusterRoleBinding("system:node", "system:node", group("system:nodes")));
    private final ClusterRole view = autoupdate(clusterRole("view", "verbs=get,list,watch groups=\"\" resources=pods"));
    private final ClusterRoleBinding dnsAddon = labelled(
            clusterRoleBinding("kube-dns-addon", "view", serviceAccount("kube-system", "kube-dns")),
            Map.of("addonmanager.kubernetes.io/mode", "Reconcile"));
    private final ClusterRole operatorRole =
            helm(clusterRole("prom-operator", "verbs=get,list,watch,delete groups=\"\" resources=pods,services"));
    private final ClusterRoleBinding operatorBinding =
            helm(clusterRoleBinding("prom-operator", "prom-operator", serviceAccount("monitoring", "prom-operator")));
    private final Role app = role("team", "app", "verbs=get,list,delete groups=\"\" resources=pods");
    private final RbacObjects rbac = rbac(
            nodeRole,
            nodeBinding,
            view,
            dnsAddon,
            operatorRole,
            operatorBinding,
            clusterRoleBinding("team-viewers", "view", user("alice")),
            clusterRoleBinding("break-glass", "view", user("break-glass@example.com")),
            app,
            roleBinding("team", "app", "Role", "app", serviceAccount("team", "app")),
            role("legacy", "old", "verbs=get groups=\"\" resources=configmaps"),
            roleBinding("legacy", "old", "Role", "old", serviceAccount("legacy", "old")));

    private UsageFixture usage() {
        UsageFixture usage = new UsageFixture(rbac).window(10);
        usage.request("system:serviceaccount:team:app", "get", "team", "", "pods", "web");
        usage.request("system:serviceaccount:monitoring:prom-operator", "list", "", "", "pods", "");
        return usage;
    }

    @Test
    void nothingOfThePlatformIsProposedAndTheManagedProposalNamesItsChart() {
        Review review = review(OPTIONS.withPolicy(policy()).withClock(day("2027-03-31")));

        Set<ObjectRef> platform =
                Set.of(ObjectRef.of(nodeRole), ObjectRef.of(nodeBinding), ObjectRef.of(view), ObjectRef.of(dnsAddon));
        review.proposals().forEach(o -> assertThat(changed(o.proposal()))
                .as(o.proposal().summary())
                .doesNotContainAnyElementsOf(platform));
        ProposalOutcome operator = review.proposals().stream()
                .filter(o -> changed(o.proposal()).contains(ObjectRef.of(operatorRole)))
                .findFirst()
                .orElseThrow();
        assertThat(operator.accepted())
                .as("managed objects get proposals in the report")
                .isTrue();
        assertThat(operator.managedBy())
                .singleElement()
                .asString()
                .contains("ClusterRole/prom-operator")
                .contains("Helm release monitoring/prom");
        assertThat(review.proposals())
                .filteredOn(o -> changed(o.proposal()).contains(ObjectRef.role("team", "app")))
                .allSatisfy(o -> assertThat(o.managedBy()).isEmpty());

        Finding secrets = only(review, f -> ObjectRef.of(nodeRole).equals(f.role()));
        assertThat(secrets.owner().owner()).isEqualTo(Owner.PLATFORM);
        assertThat(secrets.counts(false)).isFalse();
        assertThat(secrets.counts(true)).isTrue();
    }

    @Test
    void theTeamsOwnProposalsAreTheSameWithOrWithoutThePolicy() {
        Set<String> without = summaries(review(OPTIONS));
        Set<String> with = summaries(review(OPTIONS.withPolicy(policy()).withClock(day("2027-03-31"))));
        Set<String> excludedByPolicy = without.stream()
                .filter(s -> s.contains("legacy") || s.contains("break-glass"))
                .collect(Collectors.toSet());
        assertThat(excludedByPolicy)
                .as("the fixture has proposals the policy excludes")
                .isNotEmpty();
        without.removeAll(excludedByPolicy);
        assertThat(with).isEqualTo(without);
    }

    @Test
    void exclusionsAreCountedWithTheirRuleAndNoProposalChangesWhatTheyName() {
        Review review = review(OPTIONS.withPolicy(policy()).withClock(day("2027-03-31")));
        assertThat(review.findings())
                .noneMatch(f -> f.object() != null && f.object().namespace().equals("legacy"))
                .noneMatch(f -> ObjectRef.clusterRoleBinding("break-glass").equals(f.binding()));
        assertThat(review.excluded())
                .anySatisfy(e -> assertThat(e.why()).isEqualTo("exclude.namespaces legacy"))
                .anySatisfy(e -> assertThat(e.why()).contains("exclude.subjects"));
        assertThat(review.accepted()).noneMatch(o -> changed(o.proposal()).stream()
                .anyMatch(
                        r -> r.namespace().equals("legacy") || r.equals(ObjectRef.clusterRoleBinding("break-glass"))));
        assertThat(review.policySource()).isEqualTo("policy.yaml");
    }

    @Test
    void aSuppressionHoldsThroughItsLastDayAndThenCountsAgainWithANote() {
        Finding onTheDay = only(
                review(OPTIONS.withPolicy(policy()).withClock(day("2027-03-31"))), PolicyReviewTest::teamViewersUnused);
        assertThat(onTheDay.suppressed()).isTrue();
        assertThat(onTheDay.suppression().reason()).isEqualTo("alice is on leave until April (OPS-77)");
        assertThat(onTheDay.suppression().source()).isEqualTo("policy.yaml:7");
        assertThat(onTheDay.counts(true)).isFalse();

        Review dayAfter = review(OPTIONS.withPolicy(policy()).withClock(day("2027-04-01")));
        Finding after = only(dayAfter, PolicyReviewTest::teamViewersUnused);
        assertThat(after.suppressed()).isFalse();
        assertThat(after.counts(false)).isTrue();
        assertThat(dayAfter.policyNotes())
                .singleElement()
                .asString()
                .contains("policy.yaml:7")
                .contains("expired on 2027-03-31");
    }

    @Test
    void anAcceptanceOnTheObjectSuppressesItsFindingsThere() {
        app.getMetadata()
                .setAnnotations(Map.of(
                        "kube-lpa.io/accept",
                        "PARTIALLY_USED_RULE: the nightly job lists and deletes pods\nNO_SUCH_FINDING: whatever"));
        Review review = review(OPTIONS);
        Finding partly = only(
                review,
                f -> f.type() == FindingType.PARTIALLY_USED_RULE
                        && ObjectRef.role("team", "app").equals(f.role()));
        assertThat(partly.suppression().source()).isEqualTo("annotation kube-lpa.io/accept on Role/team/app");
        assertThat(partly.suppression().reason()).isEqualTo("the nightly job lists and deletes pods");
        assertThat(review.policyNotes()).singleElement().asString().contains("NO_SUCH_FINDING");
    }

    @Test
    void anOwnershipOverrideOptsAPlatformObjectIn() {
        Policy optIn = PolicyReader.read("policy.yaml", """
                apiVersion: kube-lpa.io/v1
                kind: Policy
                ownership:
                  - object: ClusterRoleBinding/kube-dns-addon
                    owner: yours
                    reason: the add-on is gone; this binding is ours now
                """);
        assertThat(review(OPTIONS).proposals())
                .noneMatch(o -> changed(o.proposal()).contains(ObjectRef.of(dnsAddon)));
        Review review = review(OPTIONS.withPolicy(optIn));
        assertThat(review.accepted()).anyMatch(o -> changed(o.proposal()).contains(ObjectRef.of(dnsAddon)));
        assertThat(only(review, f -> ObjectRef.of(dnsAddon).equals(f.binding()))
                        .owner()
                        .rule())
                .contains("policy.yaml:4");
    }

    private Review review(ReviewOptions options) {
        return LeastPrivilegeReview.run(rbac, BuiltinMode.REFERENCED_ROLES, usage().report(), options);
    }

    private static Policy policy() {
        return PolicyReader.read("policy.yaml", POLICY);
    }

    private static boolean teamViewersUnused(Finding f) {
        return f.type() == FindingType.UNUSED_BINDING
                && ObjectRef.clusterRoleBinding("team-viewers").equals(f.binding());
    }

    private static Finding only(Review review, java.util.function.Predicate<Finding> which) {
        List<Finding> found = review.findings().stream().filter(which).toList();
        assertThat(found).as("findings matching").isNotEmpty();
        return found.get(0);
    }

    private static Set<String> summaries(Review review) {
        return review.accepted().stream()
                .map(o -> o.proposal().summary())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    private static Clock day(String date) {
        return Clock.fixed(Instant.parse(date + "T12:00:00Z"), ZoneOffset.UTC);
    }

    private static Set<ObjectRef> changed(Proposal proposal) {
        return Stream.concat(
                        proposal.deletions().stream(),
                        proposal.upserts().stream().map(ObjectRef::of))
                .collect(Collectors.toSet());
    }

    private static <T extends HasMetadata> T bootstrap(T object) {
        return labelled(object, Map.of("kubernetes.io/bootstrapping", "rbac-defaults"));
    }

    private static <T extends HasMetadata> T autoupdate(T object) {
        object.getMetadata().setAnnotations(Map.of("rbac.authorization.kubernetes.io/autoupdate", "true"));
        return bootstrap(object);
    }

    private static <T extends HasMetadata> T helm(T object) {
        object.getMetadata()
                .setAnnotations(
                        Map.of("meta.helm.sh/release-name", "prom", "meta.helm.sh/release-namespace", "monitoring"));
        return labelled(object, Map.of("app.kubernetes.io/managed-by", "Helm"));
    }

    private static <T extends HasMetadata> T labelled(T object, Map<String, String> labels) {
        object.getMetadata().setLabels(new HashMap<>(labels));
        return object;
    }

    private static RbacObjects rbac(Object... objects) {
        RbacObjects.Builder builder = new RbacObjects.Builder();
        for (Object o : objects) {
            builder.add(o);
        }
        return builder.build();
    }
}
