package io.kubelpa.authz;

import static io.kubelpa.testing.RbacFixtures.clusterRole;
import static io.kubelpa.testing.RbacFixtures.clusterRoleBinding;
import static io.kubelpa.testing.RbacFixtures.group;
import static io.kubelpa.testing.RbacFixtures.role;
import static io.kubelpa.testing.RbacFixtures.roleBinding;
import static io.kubelpa.testing.RbacFixtures.serviceAccount;
import static io.kubelpa.testing.RbacFixtures.snapshot;
import static io.kubelpa.testing.RbacFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubelpa.rbac.ObjectRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class RbacAuthorizerTest {
    private static final UserInfo ALICE = UserInfo.withDefaultGroups("alice", List.of("devs"));

    private static RequestAttributes get(UserInfo user, String namespace, String resource) {
        return RequestAttributes.resource(user, "get", namespace, "", resource, "", "x");
    }

    @Test
    void clusterRoleThroughRoleBindingAppliesOnlyInThatNamespace() {
        RbacAuthorizer authorizer = new RbacAuthorizer(snapshot(
                clusterRole("reader", "verbs=get groups=\"\" resources=pods"),
                roleBinding("team-a", "read", "ClusterRole", "reader", user("alice"))));
        assertThat(authorizer.authorize(get(ALICE, "team-a", "pods")).allowed()).isTrue();
        assertThat(authorizer.authorize(get(ALICE, "team-b", "pods")).allowed()).isFalse();
        assertThat(authorizer.authorize(get(ALICE, "", "pods")).allowed()).isFalse();
    }

    @Test
    void roleBindingToAClusterRoleGrantingNodesNeverReachesNodes() {
        RbacAuthorizer authorizer = new RbacAuthorizer(snapshot(
                clusterRole("node-reader", "verbs=get,list groups=\"\" resources=nodes"),
                roleBinding("team-a", "nodes", "ClusterRole", "node-reader", user("alice"))));
        // Node requests carry no namespace, so only ClusterRoleBindings are consulted.
        assertThat(authorizer.authorize(get(ALICE, "", "nodes")).allowed()).isFalse();
        assertThat(authorizer
                        .authorize(RequestAttributes.resource(ALICE, "list", "", "", "nodes", "", ""))
                        .allowed())
                .isFalse();
    }

    @Test
    void namespaceObjectRequestsAreScopedToThatNamespace() {
        RbacAuthorizer authorizer = new RbacAuthorizer(snapshot(
                role("team-a", "ns-editor", "verbs=patch groups=\"\" resources=namespaces"),
                roleBinding("team-a", "ns-editor", "Role", "ns-editor", user("alice"))));
        RequestAttributes patchOwnNamespace =
                RequestAttributes.resource(ALICE, "patch", "team-a", "", "namespaces", "", "team-a");
        assertThat(authorizer.authorize(patchOwnNamespace).allowed()).isTrue();
    }

    @Test
    void reasonNamesTheFirstGrantInApiServerOrderAndAllGrantsAreKept() {
        RbacAuthorizer authorizer = new RbacAuthorizer(snapshot(
                clusterRole(
                        "reader",
                        "verbs=list groups=\"\" resources=configmaps",
                        "verbs=get groups=\"\" resources=pods"),
                role("team-a", "pod-reader", "verbs=get groups=\"\" resources=pods"),
                roleBinding("team-a", "a-read", "Role", "pod-reader", user("alice")),
                clusterRoleBinding("z-global", "reader", group("devs")),
                clusterRoleBinding("b-global", "reader", user("alice"))));
        AuthorizationDecision decision = authorizer.authorize(get(ALICE, "team-a", "pods"));
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.reason())
                .isEqualTo(
                        "RBAC: allowed by ClusterRoleBinding \"b-global\" of ClusterRole \"reader\" to User \"alice\"");
        assertThat(decision.grants())
                .extracting(g -> g.binding().name() + "#" + g.ruleIndex())
                .containsExactly("b-global#1", "z-global#1", "a-read#0");
    }

    @Test
    void roleBindingReasonUsesNameSlashNamespaceAndServiceAccountNameSlashNamespace() {
        UserInfo sa = UserInfo.withDefaultGroups("system:serviceaccount:team-a:api", List.of());
        RbacAuthorizer authorizer = new RbacAuthorizer(snapshot(
                role("team-a", "cm", "verbs=get groups=\"\" resources=configmaps"),
                roleBinding("team-a", "api-cm", "Role", "cm", serviceAccount(null, "api"))));
        AuthorizationDecision decision = authorizer.authorize(get(sa, "team-a", "configmaps"));
        assertThat(decision.reason())
                .isEqualTo(
                        "RBAC: allowed by RoleBinding \"api-cm/team-a\" of Role \"cm\" to ServiceAccount \"api/team-a\"");
        assertThat(decision.firstGrant()).get().extracting(Grant::role).isEqualTo(ObjectRef.role("team-a", "cm"));
    }

    @Test
    void namesInReasonsAreGoQuoted() {
        RbacAuthorizer authorizer = new RbacAuthorizer(snapshot(
                clusterRole("r\"1", "verbs=get groups=\"\" resources=pods"),
                clusterRoleBinding("b\\1", "r\"1", user("alice"))));
        assertThat(authorizer.authorize(get(ALICE, "x", "pods")).reason())
                .isEqualTo(
                        "RBAC: allowed by ClusterRoleBinding \"b\\\\1\" of ClusterRole \"r\\\"1\" to User \"alice\"");
    }

    @Test
    void missingRolesDenyWithTheApiServerErrorText() {
        RbacAuthorizer authorizer = new RbacAuthorizer(snapshot(
                clusterRoleBinding("gone", "does-not-exist", user("alice")),
                roleBinding("team-a", "gone-too", "Role", "missing", user("alice"))));
        AuthorizationDecision single = authorizer.authorize(get(ALICE, "", "pods"));
        assertThat(single.allowed()).isFalse();
        assertThat(single.reason())
                .isEqualTo("RBAC: clusterrole.rbac.authorization.k8s.io \"does-not-exist\" not found");
        AuthorizationDecision both = authorizer.authorize(get(ALICE, "team-a", "pods"));
        assertThat(both.reason())
                .isEqualTo("RBAC: [clusterrole.rbac.authorization.k8s.io \"does-not-exist\" not found, "
                        + "role.rbac.authorization.k8s.io \"missing\" not found]");
    }

    @Test
    void plainDenyHasAnEmptyReason() {
        RbacAuthorizer authorizer = new RbacAuthorizer(snapshot(
                clusterRole("reader", "verbs=get groups=\"\" resources=pods"),
                clusterRoleBinding("read", "reader", user("bob"))));
        AuthorizationDecision decision = authorizer.authorize(get(ALICE, "", "pods"));
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reason()).isEmpty();
        assertThat(decision.grants()).isEmpty();
    }

    @Test
    void roleRefKindRoleInAClusterRoleBindingIsAnError() {
        // The API server rejects such an object; if one reaches the snapshot anyway, the resolver errors.
        RbacAuthorizer authorizer = new RbacAuthorizer(snapshot(
                role("team-a", "cm", "verbs=get groups=\"\" resources=configmaps"),
                roleBinding("team-a", "odd", "Widget", "cm", user("alice"))));
        AuthorizationDecision decision = authorizer.authorize(get(ALICE, "team-a", "configmaps"));
        assertThat(decision.reason()).isEqualTo("RBAC: unsupported role reference kind: \"Widget\"");
    }

    @Test
    void whoCanListsEveryBoundSubjectWithItsBinding() {
        RbacAuthorizer authorizer = new RbacAuthorizer(snapshot(
                clusterRole("secrets", "verbs=get,list groups=\"\" resources=secrets"),
                clusterRoleBinding("global", "secrets", group("sre"), serviceAccount(null, "ignored")),
                roleBinding("team-a", "local", "ClusterRole", "secrets", serviceAccount(null, "api")),
                roleBinding("team-b", "other", "ClusterRole", "secrets", user("carol"))));
        List<Grant> grants = authorizer.whoCan(
                RequestAttributes.resource(new UserInfo("", List.of()), "get", "team-a", "", "secrets", "", ""));
        assertThat(grants)
                .extracting(g -> g.subject().toString() + " via " + g.binding())
                .containsExactly(
                        "Group:sre via ClusterRoleBinding/global",
                        "ServiceAccount:team-a/api via RoleBinding/team-a/local");
    }

    @Test
    void indexFindsUsersThroughTheirGroupsAndServiceAccountNames() {
        UserInfo sa = UserInfo.withDefaultGroups("system:serviceaccount:ci:deployer", List.of());
        RbacAuthorizer authorizer = new RbacAuthorizer(snapshot(
                clusterRole("reader", "verbs=get groups=\"\" resources=pods"),
                clusterRoleBinding("all-sas", "reader", group("system:serviceaccounts:ci")),
                clusterRoleBinding("sa", "reader", serviceAccount("ci", "deployer"))));
        assertThat(authorizer.authorize(get(sa, "", "pods")).grants())
                .extracting(g -> g.binding().name())
                .containsExactly("all-sas", "sa");
    }
}
