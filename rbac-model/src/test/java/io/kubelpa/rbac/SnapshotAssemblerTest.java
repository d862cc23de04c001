package io.kubelpa.rbac;

import static io.kubelpa.testing.RbacFixtures.clusterRole;
import static io.kubelpa.testing.RbacFixtures.clusterRoleBinding;
import static io.kubelpa.testing.RbacFixtures.roleBinding;
import static io.kubelpa.testing.RbacFixtures.snapshot;
import static io.kubelpa.testing.RbacFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.kubelpa.authz.RbacAuthorizer;
import io.kubelpa.authz.RequestAttributes;
import io.kubelpa.authz.UserInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotAssemblerTest {
    private static final UserInfo ALICE = UserInfo.withDefaultGroups("alice", List.of());

    @Test
    void referencedBuiltinRolesAreAddedWithAggregatedRules() {
        RbacSnapshot snapshot = snapshot(
                BuiltinMode.REFERENCED_ROLES, roleBinding("team", "devs", "ClusterRole", "edit", user("alice")));
        assertThat(snapshot.isBuiltin(ObjectRef.clusterRole("edit"))).isTrue();
        assertThat(snapshot.isBuiltin(ObjectRef.clusterRole("view")))
                .as("edit aggregates view")
                .isTrue();
        assertThat(snapshot.clusterRole("admin")).isEmpty();
        RbacAuthorizer authorizer = new RbacAuthorizer(snapshot);
        assertThat(authorizer
                        .authorize(RequestAttributes.resource(ALICE, "create", "team", "apps", "deployments", "", ""))
                        .allowed())
                .isTrue();
        assertThat(authorizer
                        .authorize(RequestAttributes.resource(
                                ALICE, "create", "team", "rbac.authorization.k8s.io", "roles", "", ""))
                        .allowed())
                .isFalse();
    }

    @Test
    void theInputsOwnDefinitionWins() {
        RbacSnapshot snapshot = snapshot(
                BuiltinMode.REFERENCED_ROLES,
                clusterRole("view", "verbs=get groups=\"\" resources=configmaps"),
                clusterRoleBinding("viewers", "view", user("alice")));
        assertThat(snapshot.isBuiltin(ObjectRef.clusterRole("view"))).isFalse();
        assertThat(snapshot.clusterRole("view").orElseThrow().getRules()).hasSize(1);
    }

    @Test
    void noBuiltinsLeavesReferencesDangling() {
        RbacSnapshot snapshot =
                snapshot(BuiltinMode.NONE, clusterRoleBinding("admins", "cluster-admin", user("alice")));
        assertThat(DanglingBindings.find(snapshot))
                .extracting(d -> d.binding().name())
                .containsExactly("admins");
    }

    @Test
    void builtinBindingsAreOptIn() {
        RequestAttributes healthz = RequestAttributes.nonResource(ALICE, "get", "/healthz");
        assertThat(new RbacAuthorizer(snapshot(BuiltinMode.REFERENCED_ROLES))
                        .authorize(healthz)
                        .allowed())
                .isFalse();
        RbacSnapshot withBindings = snapshot(BuiltinMode.ROLES_AND_BINDINGS);
        assertThat(new RbacAuthorizer(withBindings).authorize(healthz).reason())
                .isEqualTo("RBAC: allowed by ClusterRoleBinding \"system:discovery\" of ClusterRole "
                        + "\"system:discovery\" to Group \"system:authenticated\"");
        assertThat(new RbacAuthorizer(withBindings).authorize(healthz).grants())
                .extracting(g -> g.binding().name())
                .containsExactly("system:discovery", "system:public-info-viewer");
        assertThat(withBindings.isBuiltin(ObjectRef.clusterRoleBinding("system:public-info-viewer")))
                .isTrue();
    }

    @Test
    void customRolesLabelledForAggregationFeedBuiltinView() {
        ClusterRole crdReader = new ClusterRoleBuilder()
                .withNewMetadata()
                .withName("widgets-view")
                .withLabels(Map.of("rbac.authorization.k8s.io/aggregate-to-view", "true"))
                .endMetadata()
                .withRules(io.kubelpa.testing.RbacFixtures.rule("verbs=get groups=example.com resources=widgets"))
                .build();
        RbacSnapshot snapshot = snapshot(
                BuiltinMode.REFERENCED_ROLES,
                crdReader,
                roleBinding("team", "viewers", "ClusterRole", "view", user("alice")));
        RbacAuthorizer authorizer = new RbacAuthorizer(snapshot);
        assertThat(authorizer
                        .authorize(RequestAttributes.resource(ALICE, "get", "team", "example.com", "widgets", "", "w"))
                        .allowed())
                .isTrue();
        assertThat(authorizer
                        .authorize(RequestAttributes.resource(ALICE, "get", "team", "", "secrets", "", "s"))
                        .allowed())
                .isFalse();
    }

    @Test
    void laterDuplicatesReplaceEarlierOnes() {
        RbacSnapshot snapshot = snapshot(
                clusterRole("r", "verbs=get groups=\"\" resources=pods"),
                clusterRole("r", "verbs=list groups=\"\" resources=pods"));
        assertThat(snapshot.clusterRole("r").orElseThrow().getRules().get(0).getVerbs())
                .containsExactly("list");
    }
}
