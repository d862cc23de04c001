package io.kubelpa.review;

import static io.kubelpa.testing.RbacFixtures.clusterRole;
import static io.kubelpa.testing.RbacFixtures.group;
import static io.kubelpa.testing.RbacFixtures.roleBinding;
import static io.kubelpa.testing.RbacFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.kubelpa.authz.RequestAttributes;
import io.kubelpa.authz.UserInfo;
import io.kubelpa.findings.Confidence;
import io.kubelpa.proposal.Proposal;
import io.kubelpa.proposal.ProposalKind;
import io.kubelpa.proposal.ProposalVerifier;
import io.kubelpa.proposal.Verification;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.RbacObjects;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The replay skips requests that a binding the proposals leave exactly as it is allowed; these
 * cases pin down that everything else is still authorized again, including changes that reach a
 * binding only through its role or the role's aggregation.
 */
class ProposalVerifierTest {
    private static final ClusterRole PART = new ClusterRoleBuilder()
            .withNewMetadata()
            .withName("part")
            .withLabels(Map.of("aggregate-to-agg", "true"))
            .endMetadata()
            .addNewRule()
            .withApiGroups("")
            .withResources("configmaps")
            .withVerbs("get")
            .endRule()
            .build();
    private static final ClusterRole AGG = new ClusterRoleBuilder()
            .withNewMetadata()
            .withName("agg")
            .endMetadata()
            .withNewAggregationRule()
            .addNewClusterRoleSelector()
            .withMatchLabels(Map.of("aggregate-to-agg", "true"))
            .endClusterRoleSelector()
            .endAggregationRule()
            .build();

    private final RbacObjects rbac = rbacOf(
            clusterRole("reader", "verbs=get groups=\"\" resources=pods"),
            PART,
            AGG,
            roleBinding("team", "direct", "ClusterRole", "reader", user("alice")),
            roleBinding("team", "via-group", "ClusterRole", "reader", group("devs")),
            roleBinding("team", "bob", "ClusterRole", "reader", user("bob")),
            roleBinding("team", "config", "ClusterRole", "agg", user("carol")));

    private ProposalVerifier verifier() {
        UsageFixture usage = new UsageFixture(rbac).window(10);
        assertThat(usage.request(RequestAttributes.resource(
                        UserInfo.withDefaultGroups("alice", List.of("devs")), "get", "team", "", "pods", "", "web")))
                .isTrue();
        assertThat(usage.request("bob", "get", "team", "", "pods", "web")).isTrue();
        assertThat(usage.request("carol", "get", "team", "", "configmaps", "app"))
                .isTrue();
        return new ProposalVerifier(rbac, BuiltinMode.NONE, usage.report().ledger());
    }

    @Test
    void aRequestStillAllowedThroughAnUntouchedBindingPasses() {
        Verification verification = verifier().verify(List.of(deleting(ObjectRef.roleBinding("team", "direct"))));
        assertThat(verification.replayedShapes()).isEqualTo(3);
        assertThat(verification.passed()).isTrue();
    }

    @Test
    void removingEveryPathOfARequestFailsTheReplay() {
        Verification verification = verifier()
                .verify(List.of(
                        deleting(ObjectRef.roleBinding("team", "direct"), ObjectRef.roleBinding("team", "via-group"))));
        assertThat(verification.replayFailureCount()).isEqualTo(1);
        assertThat(verification.replayFailures()).singleElement().asString().startsWith("alice:");
    }

    @Test
    void aRoleChangedUnderUnchangedBindingsIsReplayed() {
        Verification verification =
                verifier().verify(List.of(upserting(clusterRole("reader", "verbs=list groups=\"\" resources=pods"))));
        assertThat(verification.replayFailureCount()).isEqualTo(2);
        assertThat(verification.replayFailures())
                .anyMatch(f -> f.startsWith("alice:"))
                .anyMatch(f -> f.startsWith("bob:"));
    }

    @Test
    void aChangeReachingABindingThroughAggregationIsReplayed() {
        ClusterRole narrowed = new ClusterRoleBuilder(PART).withRules(List.of()).build();
        Verification verification = verifier().verify(List.of(upserting(narrowed)));
        assertThat(verification.replayFailures()).singleElement().asString().startsWith("carol:");
    }

    private static Proposal deleting(ObjectRef... bindings) {
        return new Proposal(
                "p",
                ProposalKind.DELETE_BINDING,
                bindings[0],
                "test",
                List.of(),
                List.of(bindings),
                List.of(),
                Confidence.HIGH);
    }

    private static Proposal upserting(HasMetadata object) {
        return new Proposal(
                "p",
                ProposalKind.TIGHTEN_ROLE,
                ObjectRef.of(object),
                "test",
                List.of(object),
                List.of(),
                List.of(),
                Confidence.HIGH);
    }

    private static RbacObjects rbacOf(Object... objects) {
        RbacObjects.Builder builder = new RbacObjects.Builder();
        for (Object o : objects) {
            builder.add(o);
        }
        return builder.build();
    }
}
