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
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.kubelpa.audit.Observability;
import io.kubelpa.findings.Finding;
import io.kubelpa.findings.FindingType;
import io.kubelpa.findings.FindingsOptions;
import io.kubelpa.proposal.ProposalKind;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.PolicyRuleSpec;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.tightening.RoleTightener;
import io.kubelpa.usage.UsageCounters;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LeastPrivilegeReviewTest {
    private static final ReviewOptions OPTIONS = new ReviewOptions(
            new FindingsOptions(Duration.ofDays(7), 2, Set.of("kube-system")),
            RoleTightener.Options.EXACT,
            Observability.EVERYTHING,
            "test");

    private static RbacObjects rbac(Object... objects) {
        RbacObjects.Builder builder = new RbacObjects.Builder();
        for (Object o : objects) {
            builder.add(o);
        }
        return builder.build();
    }

    private static RbacObjects aliceUsesOneBindingBobHoldsAnIdleOne() {
        return rbac(
                clusterRole("reader", "verbs=get groups=\"\" resources=pods"),
                roleBinding("team", "used", "ClusterRole", "reader", user("alice")),
                roleBinding("other", "idle", "ClusterRole", "reader", user("bob")));
    }

    private static Review review(RbacObjects rbac, UsageFixture usage) {
        return LeastPrivilegeReview.run(rbac, BuiltinMode.REFERENCED_ROLES, usage.report(), OPTIONS);
    }

    private static List<Finding> of(Review review, FindingType type) {
        return review.findings().stream().filter(f -> f.type() == type).toList();
    }

    private static ProposalOutcome proposal(Review review, ProposalKind kind) {
        return review.proposals().stream()
                .filter(p -> p.proposal().kind() == kind)
                .findFirst()
                .orElseThrow();
    }

    private static List<String> rulesOf(HasMetadata object) {
        var rules = object instanceof Role r ? r.getRules() : ((ClusterRole) object).getRules();
        return rules.stream().map(PolicyRuleSpec::format).toList();
    }

    @Test
    void aPartlyUsedRoleIsTightenedToWhatWasUsedAndProven() {
        RbacObjects rbac = rbac(
                role(
                        "team",
                        "app",
                        "verbs=get,list,watch,delete groups=\"\" resources=pods,configmaps",
                        "verbs=get groups=\"\" resources=secrets"),
                roleBinding("team", "app", "Role", "app", serviceAccount("team", "app")));
        UsageFixture usage = new UsageFixture(rbac).window(10);
        usage.request("system:serviceaccount:team:app", "get", "team", "", "pods", "web");
        usage.request("system:serviceaccount:team:app", "list", "team", "", "pods", "");
        Review review = review(rbac, usage);

        assertThat(of(review, FindingType.UNUSED_RULE)).singleElement().satisfies(f -> assertThat(f.ruleIndex())
                .isEqualTo(1));
        assertThat(of(review, FindingType.PARTIALLY_USED_RULE)).singleElement().satisfies(f -> assertThat(
                        f.evidence().get("unused").toString())
                .contains("watch", "delete", "configmaps"));
        ProposalOutcome tighten = proposal(review, ProposalKind.TIGHTEN_ROLE);
        assertThat(tighten.accepted()).isTrue();
        assertThat(rulesOf(tighten.proposal().upserts().get(0)))
                .containsExactly("verbs=get,list groups=\"\" resources=pods");
        assertThat(tighten.proposal().removed())
                .contains("verbs=get groups=\"\" resources=secrets", "verbs=delete groups=\"\" resources=pods");
        assertThat(tighten.verification().replayedShapes()).isEqualTo(2);
        assertThat(tighten.verification().passed()).isTrue();
        assertThat(review.combined().passed()).isTrue();
    }

    @Test
    void findingsRankBySeverityThenUnusedBeforeUsedAndCarryTheRuleTheyAreAbout() {
        RbacObjects rbac = rbac(
                clusterRole(
                        "deployer",
                        "verbs=create groups=\"\" resources=pods",
                        "verbs=get groups=\"\" resources=secrets"),
                clusterRoleBinding("deployer", "deployer", user("alice")),
                clusterRole("lister", "verbs=list groups=\"\" resources=secrets"),
                roleBinding("team", "lister", "ClusterRole", "lister", user("bob")));
        UsageFixture usage = new UsageFixture(rbac).window(10);
        usage.request("alice", "create", "team", "", "pods", "");
        Review review = review(rbac, usage);

        List<Finding> findings = review.findings();
        for (int i = 1; i < findings.size(); i++) {
            Finding before = findings.get(i - 1);
            Finding after = findings.get(i);
            assertThat(before.severity().compareTo(after.severity()))
                    .as("%s before %s", before.key(), after.key())
                    .isGreaterThanOrEqualTo(0);
            if (before.severity() == after.severity()) {
                assertThat(Boolean.FALSE.equals(before.evidence().get("used"))
                                || !Boolean.FALSE.equals(after.evidence().get("used")))
                        .as("unused %s before used %s", after.key(), before.key())
                        .isTrue();
            }
        }
        Map<String, String> rules = Map.of(
                "deployer 0", "verbs=create groups=\"\" resources=pods",
                "deployer 1", "verbs=get groups=\"\" resources=secrets",
                "lister 0", "verbs=list groups=\"\" resources=secrets");
        assertThat(findings)
                .filteredOn(f -> f.ruleIndex() != null)
                .hasSizeGreaterThan(2)
                .allSatisfy(f -> assertThat(f.evidence().get("rule"))
                        .isEqualTo(rules.get(f.role().name() + " " + f.ruleIndex())));
        // An unused high grant no longer ranks before a used critical one.
        assertThat(findings.stream()
                        .limit(3)
                        .map(f -> f.severity() + " " + f.evidence().get("used")))
                .containsExactly("CRITICAL false", "CRITICAL true", "HIGH false");
    }

    @Test
    void unusedBindingsAreDeletedOnlyWithEnoughWindow() {
        RbacObjects rbac = aliceUsesOneBindingBobHoldsAnIdleOne();
        UsageFixture longWindow = new UsageFixture(rbac).window(8);
        longWindow.request("alice", "get", "team", "", "pods", "x");
        Review review = review(rbac, longWindow);
        assertThat(of(review, FindingType.UNUSED_BINDING)).singleElement().satisfies(f -> assertThat(f.binding())
                .isEqualTo(ObjectRef.roleBinding("other", "idle")));
        assertThat(of(review, FindingType.DORMANT_SUBJECT))
                .singleElement()
                .satisfies(f -> assertThat(f.subject().name()).isEqualTo("bob"));
        ProposalOutcome delete = proposal(review, ProposalKind.DELETE_BINDING);
        assertThat(delete.accepted()).isTrue();
        assertThat(review.proposed().roleBindings())
                .extracting(b -> b.getMetadata().getName())
                .containsExactly("used");

        UsageFixture shortWindow = new UsageFixture(rbac).window(2);
        shortWindow.request("alice", "get", "team", "", "pods", "x");
        Review early = review(rbac, shortWindow);
        assertThat(of(early, FindingType.UNUSED_BINDING))
                .singleElement()
                .satisfies(f -> assertThat(f.confidence().high()).isFalse());
        assertThat(proposal(early, ProposalKind.DELETE_BINDING).withheldBecause())
                .singleElement()
                .satisfies(reason -> assertThat(reason).contains("shorter than the minimum of 7d"));
        assertThat(early.accepted()).isEmpty();
    }

    @Test
    void theMinimumWindowIsTheTimeTheLogsCoverNotTheirFirstToLastSpan() {
        RbacObjects rbac = aliceUsesOneBindingBobHoldsAnIdleOne();
        UsageFixture holed = new UsageFixture(rbac).window(10).logged(0, 2).logged(9, 10);
        holed.request("alice", "get", "team", "", "pods", "x");
        Review review = review(rbac, holed);
        assertThat(proposal(review, ProposalKind.DELETE_BINDING).withheldBecause())
                .singleElement()
                .satisfies(reason -> assertThat(reason).contains("the logs cover 3d of the window's 10d"));

        UsageFixture whole = new UsageFixture(rbac).window(10).logged(0, 10);
        whole.request("alice", "get", "team", "", "pods", "x");
        assertThat(proposal(review(rbac, whole), ProposalKind.DELETE_BINDING).accepted())
                .isTrue();
    }

    @Test
    void recordsWithoutGroupsLowerConfidenceInBindingsToGroupsOnly() {
        RbacObjects rbac = rbac(
                clusterRole("reader", "verbs=get groups=\"\" resources=pods"),
                roleBinding("team", "used", "ClusterRole", "reader", user("alice")),
                roleBinding("other", "idle-user", "ClusterRole", "reader", user("bob")),
                roleBinding("other", "idle-group", "ClusterRole", "reader", group("devs")),
                roleBinding("other", "idle-accounts", "ClusterRole", "reader", group("system:serviceaccounts:ci")));
        UsageFixture usage = new UsageFixture(rbac).window(8).counted(UsageCounters.DEGRADED, 40);
        usage.request("alice", "get", "team", "", "pods", "x");
        Review review = review(rbac, usage);

        assertThat(review.proposals())
                .filteredOn(p -> p.proposal().kind() == ProposalKind.DELETE_BINDING)
                .extracting(p -> p.proposal().summary(), ProposalOutcome::accepted)
                .contains(
                        org.assertj.core.groups.Tuple.tuple(
                                "Delete RoleBinding/other/idle-user: nothing was allowed through it in the window",
                                true),
                        org.assertj.core.groups.Tuple.tuple(
                                "Delete RoleBinding/other/idle-accounts: nothing was allowed through it in the window",
                                true),
                        org.assertj.core.groups.Tuple.tuple(
                                "Delete RoleBinding/other/idle-group: nothing was allowed through it in the window",
                                false));
        assertThat(of(review, FindingType.UNUSED_BINDING))
                .filteredOn(f -> f.binding().equals(ObjectRef.roleBinding("other", "idle-group")))
                .singleElement()
                .satisfies(f -> assertThat(f.confidence().reasons())
                        .singleElement()
                        .satisfies(r -> assertThat(r)
                                .contains("held through Group:devs")
                                .contains("40 request(s) in the window were logged without the user's groups")));
    }

    @Test
    void whenTheLogsOwnDecisionsDisagreeWithTheRbacGivenNothingIsProposed() {
        RbacObjects rbac = aliceUsesOneBindingBobHoldsAnIdleOne();
        UsageFixture stale = new UsageFixture(rbac).window(8).counted(UsageCounters.REASON_MISMATCHES, 1);
        stale.request("alice", "get", "team", "", "pods", "x");
        assertThat(proposal(review(rbac, stale), ProposalKind.DELETE_BINDING).withheldBecause())
                .singleElement()
                .satisfies(r -> assertThat(r).contains("1 allowed request(s) in the window name a reason"));

        UsageFixture elsewhere = new UsageFixture(rbac)
                .window(8)
                .counted(UsageCounters.ALLOWED, 100)
                .counted(UsageCounters.ALLOWED_OUTSIDE_RBAC, 51);
        elsewhere.request("alice", "get", "team", "", "pods", "x");
        assertThat(proposal(review(rbac, elsewhere), ProposalKind.DELETE_BINDING)
                        .withheldBecause())
                .singleElement()
                .satisfies(
                        r -> assertThat(r).contains("51 of 100 allowed requests in the window were allowed outside"));

        UsageFixture some = new UsageFixture(rbac)
                .window(8)
                .counted(UsageCounters.ALLOWED, 100)
                .counted(UsageCounters.ALLOWED_OUTSIDE_RBAC, 50);
        some.request("alice", "get", "team", "", "pods", "x");
        assertThat(proposal(review(rbac, some), ProposalKind.DELETE_BINDING).accepted())
                .isTrue();
    }

    @Test
    void aBindingCreatedInsideTheWindowIsLowConfidence() {
        RoleBinding young = roleBinding("other", "young", "ClusterRole", "reader", user("bob"));
        young.getMetadata().setCreationTimestamp("2025-05-05T00:00:00Z");
        RbacObjects rbac = rbac(clusterRole("reader", "verbs=get groups=\"\" resources=pods"), young);
        Review review = review(rbac, new UsageFixture(rbac).window(30));
        assertThat(of(review, FindingType.UNUSED_BINDING)).singleElement().satisfies(f -> {
            assertThat(f.confidence().high()).isFalse();
            assertThat(f.confidence().reasons()).singleElement().satisfies(r -> assertThat(r)
                    .contains("only since 2025-05-05"));
        });
    }

    @Test
    void wildcardsAreReportedAndReplacedByTheValuesUsed() {
        RbacObjects rbac = rbac(
                clusterRole("ops", "verbs=* groups=apps resources=*"), clusterRoleBinding("ops", "ops", user("carol")));
        UsageFixture usage = new UsageFixture(rbac).window(10);
        usage.request("carol", "patch", "", "apps", "deployments", "web");
        usage.request("carol", "get", "", "apps", "deployments/scale", "web");
        Review review = review(rbac, usage);
        assertThat(of(review, FindingType.OVERBROAD_WILDCARD)).singleElement().satisfies(f -> assertThat(f.message())
                .contains("verbs and resources", "deployments/scale"));
        assertThat(rulesOf(proposal(review, ProposalKind.TIGHTEN_ROLE)
                        .proposal()
                        .upserts()
                        .get(0)))
                .containsExactly(
                        "verbs=patch groups=apps resources=deployments",
                        "verbs=get groups=apps resources=deployments/scale");
        assertThat(of(review, FindingType.CLUSTER_SCOPE_NARROWABLE)).isEmpty();
    }

    @Test
    void aClusterBindingUsedInFewNamespacesBecomesRoleBindingsWithoutWakingDeadSubjects() {
        Subject accountWithoutNamespace = new io.fabric8.kubernetes.api.model.rbac.SubjectBuilder()
                .withKind("ServiceAccount")
                .withName("ghost")
                .build();
        RbacObjects rbac = rbac(
                clusterRole("deployer", "verbs=get,patch groups=apps resources=deployments"),
                clusterRoleBinding("deployer", "deployer", serviceAccount("ci", "deployer"), accountWithoutNamespace));
        UsageFixture usage = new UsageFixture(rbac).window(10);
        usage.request("system:serviceaccount:ci:deployer", "patch", "a", "apps", "deployments", "web");
        usage.request("system:serviceaccount:ci:deployer", "patch", "b", "apps", "deployments", "web");
        Review review = review(rbac, usage);
        assertThat(of(review, FindingType.CLUSTER_SCOPE_NARROWABLE))
                .singleElement()
                .satisfies(f -> assertThat(f.evidence().get("namespaces")).isEqualTo(List.of("a", "b")));
        ProposalOutcome narrow = proposal(review, ProposalKind.NARROW_TO_NAMESPACES);
        assertThat(narrow.accepted()).as(narrow.withheldBecause().toString()).isTrue();
        assertThat(narrow.proposal().upserts()).hasSize(2).allSatisfy(o -> {
            RoleBinding binding = (RoleBinding) o;
            assertThat(binding.getRoleRef().getName()).isEqualTo("deployer");
            assertThat(binding.getSubjects()).extracting(Subject::getName).containsExactly("deployer");
        });
        assertThat(review.proposed().clusterRoleBindings()).isEmpty();
    }

    @Test
    void bootstrapRolesAreNeverEditedButReplacedByADedicatedRole() {
        RbacObjects rbac = rbac(roleBinding("team", "viewers", "ClusterRole", "view", group("devs")));
        UsageFixture usage = new UsageFixture(rbac).window(10);
        usage.request(io.kubelpa.authz.RequestAttributes.resource(
                new io.kubelpa.authz.UserInfo("dana", List.of("devs", "system:authenticated")),
                "list",
                "team",
                "",
                "pods",
                "",
                ""));
        Review review = review(rbac, usage);
        ProposalOutcome dedicated = proposal(review, ProposalKind.DEDICATED_ROLE);
        assertThat(dedicated.accepted())
                .as(dedicated.withheldBecause().toString())
                .isTrue();
        assertThat(dedicated.proposal().upserts())
                .extracting(ObjectRef::of)
                .containsExactly(ObjectRef.role("team", "lpa-viewers"), ObjectRef.roleBinding("team", "viewers"));
        assertThat(rulesOf(dedicated.proposal().upserts().get(0)))
                .containsExactly("verbs=list groups=\"\" resources=pods");
        assertThat(review.proposals()).noneMatch(p -> p.proposal().kind() == ProposalKind.TIGHTEN_ROLE);
        assertThat(of(review, FindingType.PARTIALLY_USED_RULE)).singleElement().satisfies(f -> assertThat(f.message())
                .contains("only 1 were exercised", "is not edited"));
    }

    @Test
    void aRoleAnotherOneAggregatesIsNotEdited() {
        ClusterRole source = clusterRole("extra", "verbs=get,list groups=\"\" resources=pods");
        source.getMetadata().setLabels(java.util.Map.of("team/aggregate", "true"));
        ClusterRole aggregate = clusterRole("combined");
        aggregate.setAggregationRule(new io.fabric8.kubernetes.api.model.rbac.AggregationRuleBuilder()
                .addNewClusterRoleSelector()
                .addToMatchLabels("team/aggregate", "true")
                .endClusterRoleSelector()
                .build());
        RbacObjects rbac = rbac(source, aggregate, roleBinding("team", "extra", "ClusterRole", "extra", user("erin")));
        UsageFixture usage = new UsageFixture(rbac).window(10);
        usage.request("erin", "get", "team", "", "pods", "x");
        Review review = review(rbac, usage);
        assertThat(review.proposals())
                .extracting(p -> p.proposal().kind())
                .containsExactly(ProposalKind.DEDICATED_ROLE);
    }

    @Test
    void deniedDanglingIneffectiveAndEscalationFindings() {
        RbacObjects rbac = rbac(
                role("team", "nodes", "verbs=get groups=\"\" resources=nodes"),
                roleBinding("team", "nodes", "Role", "nodes", user("frank")),
                roleBinding("team", "gone", "Role", "missing", user("frank")),
                clusterRole("secrets", "verbs=get,list groups=\"\" resources=secrets"),
                clusterRoleBinding("secrets", "secrets", user("gina")));
        UsageFixture usage = new UsageFixture(rbac).window(10);
        assertThat(usage.request("frank", "delete", "team", "", "pods", "x")).isFalse();
        Review review = review(rbac, usage);
        assertThat(of(review, FindingType.DENIED_REQUESTS))
                .singleElement()
                .satisfies(f -> assertThat(f.evidence().get("requests")).isEqualTo(1L));
        assertThat(of(review, FindingType.DANGLING_BINDING)).singleElement().satisfies(f -> assertThat(f.binding())
                .isEqualTo(ObjectRef.roleBinding("team", "gone")));
        assertThat(review.findings().get(0)).satisfies(first -> {
            assertThat(first.type()).isEqualTo(FindingType.ESCALATION_PRONE);
            assertThat(first.evidence().get("used")).isEqualTo(false);
        });
        assertThat(review.proposals())
                .extracting(p -> p.proposal().id())
                .contains("delete-rolebinding-team-gone", "delete-clusterrolebinding-secrets");
    }

    @Test
    void theSubjectsRefusedMostGetAFindingEachAndOneFindingCountsTheRest() {
        RbacObjects rbac = rbac(role("team", "nodes", "verbs=get groups=\"\" resources=nodes"));
        UsageFixture usage = new UsageFixture(rbac).window(10);
        int subjects = FindingsOptions.MAX_DENIED_SUBJECTS + 3;
        for (int i = 0; i < subjects; i++) {
            // user-0, user-1 and user-2 are refused once; every other subject twice
            for (int n = 0; n < (i < 3 ? 1 : 2); n++) {
                usage.request("user-" + i, "delete", "team", "", "pods", "x");
            }
        }
        List<Finding> denied = of(review(rbac, usage), FindingType.DENIED_REQUESTS);
        assertThat(denied).hasSize(FindingsOptions.MAX_DENIED_SUBJECTS + 1);
        assertThat(denied.stream().filter(f -> f.subject() != null).map(f -> f.subject()
                        .name()))
                .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(3, subjects)
                        .mapToObj(i -> "user-" + i)
                        .toList());
        assertThat(denied).filteredOn(f -> f.subject() == null).singleElement().satisfies(rest -> {
            assertThat(rest.subject()).isNull();
            assertThat(rest.evidence()).containsEntry("subjects", 3L).containsEntry("requests", 3L);
            assertThat(rest.message()).startsWith("3 more subject(s) were refused 3 request(s)");
        });
    }

    @Test
    void ineffectiveRulesAreRecognised() {
        RbacObjects rbac = rbac(
                role(
                        "team",
                        "odd",
                        "verbs=get groups=\"\" resources=nodes",
                        "verbs=create groups=\"\" resources=pods names=x",
                        "verbs=get urls=/healthz",
                        "verbs=get groups=\"\" resources=pods"),
                roleBinding("team", "odd", "Role", "odd", user("hal")));
        Review review = review(rbac, new UsageFixture(rbac).window(10));
        assertThat(of(review, FindingType.INEFFECTIVE_RULE))
                .extracting(Finding::ruleIndex)
                .containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void grantsTheAuditPolicyDoesNotLogAreUnobservableAndKept() {
        RbacObjects rbac = rbac(
                role(
                        "team",
                        "app",
                        "verbs=get groups=\"\" resources=pods",
                        "verbs=create groups=\"\" resources=events"),
                roleBinding("team", "app", "Role", "app", user("ivy")),
                roleBinding("team", "events-only", "Role", "events", user("jo")),
                role("team", "events", "verbs=create groups=\"\" resources=events"));
        Observability eventsUnlogged =
                (subjects, namespace, rule) -> !rule.getResources().contains("events");
        ReviewOptions options = new ReviewOptions(OPTIONS.findings(), OPTIONS.tightening(), eventsUnlogged, "test");
        UsageFixture usage = new UsageFixture(rbac).window(10);
        usage.request("ivy", "get", "team", "", "pods", "x");
        Review review = LeastPrivilegeReview.run(rbac, BuiltinMode.REFERENCED_ROLES, usage.report(), options);
        assertThat(of(review, FindingType.UNUSED_RULE)).isEmpty();
        assertThat(of(review, FindingType.UNUSED_BINDING)).isEmpty();
        assertThat(of(review, FindingType.UNOBSERVABLE))
                .extracting(f -> f.binding() == null
                        ? f.role().name() + "#" + f.ruleIndex()
                        : f.binding().name())
                .containsExactlyInAnyOrder("app#1", "events-only");
        assertThat(review.proposals())
                .extracting(p -> p.proposal().kind())
                .doesNotContain(ProposalKind.DELETE_BINDING, ProposalKind.TIGHTEN_ROLE);
    }
}
