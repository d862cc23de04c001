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
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.kubelpa.audit.Observability;
import io.kubelpa.findings.FindingsOptions;
import io.kubelpa.ownership.Owners;
import io.kubelpa.proposal.Proposal;
import io.kubelpa.proposal.ProposalKind;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.rbac.SnapshotAssembler;
import io.kubelpa.tightening.RoleTightener;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A cluster's own objects, as {@code kubectl get -o yaml} returns them among the team's: unused or
 * partly used, none is proposed for deletion or change, while the team's own objects are.
 */
class PlatformObjectsReviewTest {
    private static final ReviewOptions OPTIONS = new ReviewOptions(
            new FindingsOptions(Duration.ofDays(7), 2, Set.of()),
            RoleTightener.Options.EXACT,
            Observability.EVERYTHING,
            "test");

    private final ClusterRoleBinding basicUser =
            bootstrap(clusterRoleBinding("system:basic-user", "system:basic-user", group("system:authenticated")));
    private final Role leaderLocking = bootstrap(role(
            "kube-system",
            "leader-locking",
            "verbs=get,update,watch groups=\"\" resources=configmaps",
            "verbs=get,list groups=coordination.k8s.io resources=leases"));
    private final RoleBinding leaderLockingBinding = bootstrap(roleBinding(
            "kube-system", "leader-locking", "Role", "leader-locking", serviceAccount("kube-system", "controller")));
    private final ClusterRoleBinding dnsAddon = labelled(
            clusterRoleBinding("kube-dns-addon", "view", serviceAccount("kube-system", "kube-dns")),
            "addonmanager.kubernetes.io/mode",
            "Reconcile");
    private final RbacObjects rbac = rbac(
            clusterRole("system:basic-user", "verbs=create groups=authorization.k8s.io resources=selfsubjectreviews"),
            basicUser,
            leaderLocking,
            leaderLockingBinding,
            dnsAddon,
            clusterRole("view", "verbs=get,list,watch groups=\"\" resources=pods,services"),
            clusterRoleBinding("team-viewers", "view", user("alice")),
            role("team", "app", "verbs=get,list,delete groups=\"\" resources=pods"),
            roleBinding("team", "app", "Role", "app", serviceAccount("team", "app")));

    @Test
    void noProposalTouchesAPlatformObjectWhileTheTeamsOwnAreStillProposed() {
        UsageFixture usage = new UsageFixture(rbac).window(10);
        usage.request("system:serviceaccount:kube-system:controller", "get", "kube-system", "", "configmaps", "lock");
        usage.request("system:serviceaccount:team:app", "get", "team", "", "pods", "web");
        Review review = LeastPrivilegeReview.run(rbac, BuiltinMode.REFERENCED_ROLES, usage.report(), OPTIONS);

        Set<ObjectRef> platform = Set.of(
                ObjectRef.of(basicUser),
                ObjectRef.of(leaderLocking),
                ObjectRef.of(leaderLockingBinding),
                ObjectRef.of(dnsAddon),
                ObjectRef.clusterRole("system:basic-user"));
        for (ProposalOutcome outcome : review.proposals()) {
            assertThat(changed(outcome.proposal()))
                    .as(outcome.proposal().summary())
                    .doesNotContainAnyElementsOf(platform);
        }
        assertThat(review.proposals())
                .extracting(o -> o.proposal().kind(), o -> o.proposal().target())
                .contains(
                        org.assertj.core.groups.Tuple.tuple(
                                ProposalKind.DELETE_BINDING, ObjectRef.clusterRoleBinding("team-viewers")),
                        org.assertj.core.groups.Tuple.tuple(ProposalKind.TIGHTEN_ROLE, ObjectRef.role("team", "app")));
    }

    @Test
    void aRoleTheClustersOwnRolesAggregateIsNeverTightenedInPlace() {
        ClusterRole aggregated = labelled(
                clusterRole("metrics-reader", "verbs=get,list,watch groups=metrics.k8s.io resources=pods,nodes"),
                "rbac.authorization.k8s.io/aggregate-to-view",
                "true");
        RbacObjects withAggregated = rbac(
                aggregated,
                clusterRoleBinding("dashboards", "metrics-reader", serviceAccount("monitoring", "grafana")));
        UsageFixture usage = new UsageFixture(withAggregated).window(10);
        usage.request("system:serviceaccount:monitoring:grafana", "get", "", "metrics.k8s.io", "nodes", "");
        Review review = LeastPrivilegeReview.run(withAggregated, BuiltinMode.REFERENCED_ROLES, usage.report(), OPTIONS);

        assertThat(review.proposals())
                .noneSatisfy(o -> assertThat(changed(o.proposal())).contains(ObjectRef.clusterRole("metrics-reader")));
        assertThat(review.proposals())
                .extracting(o -> o.proposal().kind())
                .as("the binding gets a role of its own instead")
                .contains(ProposalKind.DEDICATED_ROLE);
    }

    @Test
    void theGuardWithholdsAnyProposalThatWouldStillChangeAPlatformObject() {
        Owners owners = Owners.of(SnapshotAssembler.assemble(rbac, BuiltinMode.REFERENCED_ROLES));
        Proposal deletesBasicUser = new Proposal(
                "delete-basic-user",
                ProposalKind.DELETE_BINDING,
                ObjectRef.of(basicUser),
                "Delete it",
                List.of(),
                List.of(ObjectRef.of(basicUser)),
                List.of(),
                io.kubelpa.findings.Confidence.HIGH);
        assertThat(PlatformGuard.reasons(deletesBasicUser, owners))
                .singleElement()
                .asString()
                .contains("ClusterRoleBinding/system:basic-user")
                .contains("kubernetes.io/bootstrapping=rbac-defaults");
        Proposal editsAddon = new Proposal(
                "narrow-addon",
                ProposalKind.DELETE_BINDING,
                ObjectRef.of(dnsAddon),
                "Narrow it",
                List.of(dnsAddon),
                List.of(),
                List.of(),
                io.kubelpa.findings.Confidence.HIGH);
        assertThat(PlatformGuard.reasons(editsAddon, owners))
                .singleElement()
                .asString()
                .contains("addonmanager");
        Proposal teams = new Proposal(
                "delete-team",
                ProposalKind.DELETE_BINDING,
                ObjectRef.clusterRoleBinding("team-viewers"),
                "Delete it",
                List.of(),
                List.of(ObjectRef.clusterRoleBinding("team-viewers")),
                List.of(),
                io.kubelpa.findings.Confidence.HIGH);
        assertThat(PlatformGuard.reasons(teams, owners)).isEmpty();
    }

    private static Set<ObjectRef> changed(Proposal proposal) {
        return Stream.concat(
                        proposal.deletions().stream(),
                        proposal.upserts().stream().map(ObjectRef::of))
                .collect(java.util.stream.Collectors.toSet());
    }

    private static <T extends HasMetadata> T bootstrap(T object) {
        return labelled(object, "kubernetes.io/bootstrapping", "rbac-defaults");
    }

    private static <T extends HasMetadata> T labelled(T object, String key, String value) {
        Map<String, String> labels = new HashMap<>();
        labels.put(key, value);
        object.getMetadata().setLabels(labels);
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
