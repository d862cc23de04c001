package io.kubelpa.risk;

import static io.kubelpa.testing.RbacFixtures.clusterRole;
import static io.kubelpa.testing.RbacFixtures.clusterRoleBinding;
import static io.kubelpa.testing.RbacFixtures.group;
import static io.kubelpa.testing.RbacFixtures.role;
import static io.kubelpa.testing.RbacFixtures.roleBinding;
import static io.kubelpa.testing.RbacFixtures.snapshot;
import static io.kubelpa.testing.RbacFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.RbacSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every catalog id found where it applies and not found where it must not (docs/escalation-catalog.md). */
class EscalationCatalogTest {

    /** A ClusterRole with these rules bound cluster-wide to User "u". */
    static Supplier<RbacSnapshot> cluster(String... rules) {
        return () -> snapshot(clusterRole("r", rules), clusterRoleBinding("b", "r", user("u")));
    }

    /** A Role with these rules in the namespace, bound there to User "u". */
    static Supplier<RbacSnapshot> inNamespace(String namespace, String... rules) {
        return () -> snapshot(role(namespace, "r", rules), roleBinding(namespace, "b", "Role", "r", user("u")));
    }

    /** A ClusterRole with these rules bound by a RoleBinding in one namespace. */
    static Supplier<RbacSnapshot> clusterRoleInNamespace(String... rules) {
        return () -> snapshot(clusterRole("r", rules), roleBinding("team", "b", "ClusterRole", "r", user("u")));
    }

    static Supplier<RbacSnapshot> labelled(String label, String... rules) {
        ClusterRole role = new ClusterRoleBuilder(clusterRole("feeds", rules))
                .editMetadata()
                .withLabels(Map.of(label, "true"))
                .endMetadata()
                .build();
        return () -> snapshot(BuiltinMode.REFERENCED_ROLES, role);
    }

    static Supplier<RbacSnapshot> bindingOf(
            String roleName, io.fabric8.kubernetes.api.model.rbac.Subject subject, String... rules) {
        return () -> rules.length == 0
                ? snapshot(BuiltinMode.REFERENCED_ROLES, clusterRoleBinding("b", roleName, subject))
                : snapshot(
                        BuiltinMode.REFERENCED_ROLES,
                        clusterRole(roleName, rules),
                        clusterRoleBinding("b", roleName, subject));
    }

    static Arguments yes(String id, String why, Supplier<RbacSnapshot> input) {
        return Arguments.of(id, "found: " + why, input, true);
    }

    static Arguments no(String id, String why, Supplier<RbacSnapshot> input) {
        return Arguments.of(id, "not found: " + why, input, false);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                yes("RBAC-ESC-SECRETS-READ", "list secrets", cluster("verbs=list groups=\"\" resources=secrets")),
                no(
                        "RBAC-ESC-SECRETS-READ",
                        "name-restricted get",
                        cluster("verbs=get groups=\"\" resources=secrets names=db")),
                yes(
                        "RBAC-ESC-SECRETS-WRITE",
                        "create secrets in a namespace",
                        inNamespace("team", "verbs=create groups=\"\" resources=secrets")),
                no(
                        "RBAC-ESC-SECRETS-WRITE",
                        "named update; named create is ineffective",
                        inNamespace("team", "verbs=update,create groups=\"\" resources=secrets names=a")),
                yes(
                        "RBAC-ESC-TOKEN-REQUEST",
                        "names do not exempt token requests",
                        inNamespace("team", "verbs=create groups=\"\" resources=serviceaccounts/token names=builder")),
                no(
                        "RBAC-ESC-TOKEN-REQUEST",
                        "get on the token subresource",
                        cluster("verbs=get groups=\"\" resources=serviceaccounts/token")),
                yes(
                        "RBAC-ESC-WORKLOAD-CREATE",
                        "create deployments.apps",
                        inNamespace("team", "verbs=create groups=apps resources=deployments")),
                no(
                        "RBAC-ESC-WORKLOAD-CREATE",
                        "deployments in the core group do not exist",
                        inNamespace("team", "verbs=create groups=\"\" resources=deployments")),
                no(
                        "RBAC-ESC-WORKLOAD-CREATE",
                        "a named rule cannot create",
                        cluster("verbs=create groups=\"\" resources=pods names=p")),
                yes(
                        "RBAC-ESC-WORKLOAD-MODIFY",
                        "patch daemonsets",
                        cluster("verbs=patch groups=apps resources=daemonsets")),
                no(
                        "RBAC-ESC-WORKLOAD-MODIFY",
                        "scale subresource",
                        cluster("verbs=patch groups=apps resources=deployments/scale")),
                yes(
                        "RBAC-ESC-POD-EXEC",
                        "get pods/exec (WebSocket)",
                        inNamespace("team", "verbs=get groups=\"\" resources=pods/exec")),
                no("RBAC-ESC-POD-EXEC", "pods/* is literal", cluster("verbs=* groups=\"\" resources=pods/*")),
                no("RBAC-ESC-POD-EXEC", "pods does not cover pods/exec", cluster("verbs=* groups=\"\" resources=pods")),
                yes("RBAC-ESC-POD-ATTACH", "*/attach", cluster("verbs=create groups=\"\" resources=*/attach")),
                no(
                        "RBAC-ESC-POD-ATTACH",
                        "name-restricted attach",
                        cluster("verbs=create groups=\"\" resources=pods/attach names=web")),
                yes(
                        "RBAC-ESC-EPHEMERAL-CONTAINERS",
                        "patch ephemeralcontainers",
                        cluster("verbs=patch groups=\"\" resources=pods/ephemeralcontainers")),
                no(
                        "RBAC-ESC-EPHEMERAL-CONTAINERS",
                        "read only",
                        cluster("verbs=get groups=\"\" resources=pods/ephemeralcontainers")),
                yes(
                        "RBAC-ESC-NODES-PROXY",
                        "node names do not exempt",
                        cluster("verbs=get groups=\"\" resources=nodes/proxy names=n1")),
                no(
                        "RBAC-ESC-NODES-PROXY",
                        "ineffective through a RoleBinding",
                        clusterRoleInNamespace("verbs=get groups=\"\" resources=nodes/proxy")),
                no(
                        "RBAC-ESC-NODES-PROXY",
                        "fine-grained kubelet subresource",
                        cluster("verbs=get groups=\"\" resources=nodes/metrics")),
                yes(
                        "RBAC-ESC-PV-CREATE",
                        "cluster-wide",
                        cluster("verbs=create groups=\"\" resources=persistentvolumes")),
                no(
                        "RBAC-ESC-PV-CREATE",
                        "ineffective in a Role",
                        inNamespace("team", "verbs=create groups=\"\" resources=persistentvolumes")),
                yes(
                        "RBAC-ESC-STEAL-PODS",
                        "node patch and eviction",
                        cluster(
                                "verbs=patch groups=\"\" resources=nodes",
                                "verbs=create groups=\"\" resources=pods/eviction")),
                no("RBAC-ESC-STEAL-PODS", "node patch alone", cluster("verbs=patch groups=\"\" resources=nodes")),
                yes(
                        "RBAC-ESC-ESCALATE-VERB",
                        "escalate on roles in a Role",
                        inNamespace("team", "verbs=escalate groups=rbac.authorization.k8s.io resources=roles")),
                no(
                        "RBAC-ESC-ESCALATE-VERB",
                        "clusterroles are ineffective in a Role",
                        inNamespace("team", "verbs=escalate groups=rbac.authorization.k8s.io resources=clusterroles")),
                yes(
                        "RBAC-ESC-BIND-VERB",
                        "bind any clusterrole",
                        cluster("verbs=bind groups=rbac.authorization.k8s.io resources=clusterroles")),
                no(
                        "RBAC-ESC-BIND-VERB",
                        "bind only built-in view",
                        cluster("verbs=bind groups=rbac.authorization.k8s.io resources=clusterroles names=view")),
                yes(
                        "RBAC-ESC-IMPERSONATE",
                        "impersonate groups",
                        cluster("verbs=impersonate groups=\"\" resources=groups")),
                yes(
                        "RBAC-ESC-IMPERSONATE",
                        "impersonate service accounts in a Role",
                        inNamespace("team", "verbs=impersonate groups=\"\" resources=serviceaccounts")),
                yes(
                        "RBAC-ESC-IMPERSONATE",
                        "impersonate userextras",
                        cluster("verbs=impersonate groups=authentication.k8s.io resources=userextras/scopes")),
                no(
                        "RBAC-ESC-IMPERSONATE",
                        "users are ineffective in a Role",
                        inNamespace("team", "verbs=impersonate groups=\"\" resources=users")),
                yes(
                        "RBAC-ESC-CSR-APPROVE",
                        "approval plus a trusted signer",
                        cluster(
                                "verbs=update groups=certificates.k8s.io resources=certificatesigningrequests/approval",
                                "verbs=approve groups=certificates.k8s.io resources=signers names=kubernetes.io/kube-apiserver-client")),
                no(
                        "RBAC-ESC-CSR-APPROVE",
                        "a custom signer only",
                        cluster(
                                "verbs=update groups=certificates.k8s.io resources=certificatesigningrequests/approval",
                                "verbs=approve groups=certificates.k8s.io resources=signers names=example.com/internal")),
                yes(
                        "RBAC-RISK-CSR-SIGN",
                        "status plus sign",
                        cluster(
                                "verbs=update groups=certificates.k8s.io resources=certificatesigningrequests/status",
                                "verbs=sign groups=certificates.k8s.io resources=signers")),
                no(
                        "RBAC-RISK-CSR-SIGN",
                        "sign without status",
                        cluster("verbs=sign groups=certificates.k8s.io resources=signers")),
                yes(
                        "RBAC-RISK-BINDING-WRITE",
                        "create rolebindings",
                        inNamespace("team", "verbs=create groups=rbac.authorization.k8s.io resources=rolebindings")),
                no(
                        "RBAC-RISK-BINDING-WRITE",
                        "named update",
                        inNamespace(
                                "team",
                                "verbs=update groups=rbac.authorization.k8s.io resources=rolebindings names=x")),
                yes(
                        "RBAC-RISK-ROLE-WRITE",
                        "create clusterroles",
                        cluster("verbs=create groups=rbac.authorization.k8s.io resources=clusterroles")),
                no(
                        "RBAC-RISK-ROLE-WRITE",
                        "clusterroles in a Role",
                        inNamespace("team", "verbs=create groups=rbac.authorization.k8s.io resources=clusterroles")),
                yes(
                        "RBAC-ESC-ADMISSION-WEBHOOK",
                        "patch webhooks",
                        cluster(
                                "verbs=patch groups=admissionregistration.k8s.io resources=validatingwebhookconfigurations")),
                no(
                        "RBAC-ESC-ADMISSION-WEBHOOK",
                        "read webhooks",
                        cluster(
                                "verbs=get,list groups=admissionregistration.k8s.io resources=validatingwebhookconfigurations")),
                yes(
                        "RBAC-RISK-ADMISSION-BYPASS",
                        "delete policies",
                        cluster(
                                "verbs=delete groups=admissionregistration.k8s.io resources=validatingadmissionpolicies")),
                no(
                        "RBAC-RISK-ADMISSION-BYPASS",
                        "ineffective through a RoleBinding",
                        clusterRoleInNamespace(
                                "verbs=delete groups=admissionregistration.k8s.io resources=validatingadmissionpolicies")),
                yes(
                        "RBAC-ESC-APISERVICE-WRITE",
                        "update apiservices",
                        cluster("verbs=update groups=apiregistration.k8s.io resources=apiservices")),
                no(
                        "RBAC-ESC-APISERVICE-WRITE",
                        "wrong group",
                        cluster("verbs=update groups=\"\" resources=apiservices")),
                yes(
                        "RBAC-ESC-NAMESPACE-MODIFY",
                        "patch its own namespace from a Role",
                        inNamespace("team", "verbs=patch groups=\"\" resources=namespaces")),
                no(
                        "RBAC-ESC-NAMESPACE-MODIFY",
                        "read namespaces",
                        cluster("verbs=get groups=\"\" resources=namespaces")),
                yes(
                        "RBAC-ESC-KUBESYSTEM-CONFIG-WRITE",
                        "coredns in kube-system",
                        inNamespace("kube-system", "verbs=update groups=\"\" resources=configmaps names=coredns")),
                no(
                        "RBAC-ESC-KUBESYSTEM-CONFIG-WRITE",
                        "an ordinary configmap of kube-system",
                        inNamespace("kube-system", "verbs=update groups=\"\" resources=configmaps names=app-settings")),
                no(
                        "RBAC-ESC-KUBESYSTEM-CONFIG-WRITE",
                        "another namespace",
                        inNamespace("team", "verbs=update groups=\"\" resources=configmaps")),
                yes(
                        "RBAC-MITM-SERVICE-STATUS",
                        "patch services/status",
                        cluster("verbs=patch groups=\"\" resources=services/status")),
                no(
                        "RBAC-MITM-SERVICE-STATUS",
                        "named",
                        cluster("verbs=patch groups=\"\" resources=services/status names=web")),
                yes(
                        "RBAC-MITM-POD-STATUS",
                        "update pods/status",
                        inNamespace("team", "verbs=update groups=\"\" resources=pods/status")),
                no(
                        "RBAC-MITM-POD-STATUS",
                        "read pods/status",
                        inNamespace("team", "verbs=get groups=\"\" resources=pods/status")),
                yes(
                        "RBAC-MITM-ENDPOINTS-WRITE",
                        "create endpointslices",
                        inNamespace("team", "verbs=create groups=discovery.k8s.io resources=endpointslices")),
                no(
                        "RBAC-MITM-ENDPOINTS-WRITE",
                        "endpointslices are not in the core group",
                        inNamespace("team", "verbs=create groups=\"\" resources=endpointslices")),
                yes(
                        "RBAC-RISK-POD-PORTFORWARD",
                        "create pods/portforward",
                        inNamespace("team", "verbs=create groups=\"\" resources=pods/portforward")),
                no(
                        "RBAC-RISK-POD-PORTFORWARD",
                        "list pods",
                        inNamespace("team", "verbs=list groups=\"\" resources=pods")),
                yes(
                        "RBAC-RISK-PROXY-SUBRESOURCE",
                        "get services/proxy",
                        inNamespace("team", "verbs=get groups=\"\" resources=services/proxy")),
                no(
                        "RBAC-RISK-PROXY-SUBRESOURCE",
                        "get services",
                        inNamespace("team", "verbs=get groups=\"\" resources=services")),
                yes(
                        "RBAC-RISK-DELETE-BROAD",
                        "delete every apps resource",
                        inNamespace("team", "verbs=delete groups=apps resources=*")),
                no(
                        "RBAC-RISK-DELETE-BROAD",
                        "delete pods",
                        inNamespace("team", "verbs=delete groups=\"\" resources=pods")),
                yes(
                        "RBAC-RISK-EVENTS-DELETE",
                        "deletecollection events.k8s.io",
                        inNamespace("team", "verbs=deletecollection groups=events.k8s.io resources=events")),
                no(
                        "RBAC-RISK-EVENTS-DELETE",
                        "named delete",
                        inNamespace("team", "verbs=delete groups=\"\" resources=events names=e")),
                yes(
                        "RBAC-RISK-NODE-MODIFY",
                        "patch nodes/status",
                        cluster("verbs=patch groups=\"\" resources=nodes/status")),
                no(
                        "RBAC-RISK-NODE-MODIFY",
                        "ineffective in a Role",
                        inNamespace("team", "verbs=patch groups=\"\" resources=nodes")),
                yes(
                        "RBAC-RISK-AGGREGATE-TO-BUILTIN",
                        "secret reads fed into view",
                        labelled(
                                "rbac.authorization.k8s.io/aggregate-to-view",
                                "verbs=get groups=\"\" resources=secrets")),
                no(
                        "RBAC-RISK-AGGREGATE-TO-BUILTIN",
                        "edit already reads secrets",
                        labelled(
                                "rbac.authorization.k8s.io/aggregate-to-edit",
                                "verbs=get groups=\"\" resources=secrets")),
                yes("RBAC-WILD-ALL", "* * *", cluster("verbs=* groups=* resources=*")),
                no("RBAC-WILD-ALL", "one group only", cluster("verbs=* groups=apps resources=*")),
                yes(
                        "RBAC-WILD-PARTIAL",
                        "verb wildcard",
                        inNamespace("team", "verbs=* groups=\"\" resources=configmaps")),
                no(
                        "RBAC-WILD-PARTIAL",
                        "res/* is not a wildcard",
                        inNamespace("team", "verbs=get groups=\"\" resources=pods/*")),
                yes("RBAC-WILD-NONRESOURCE", "every URL cluster-wide", cluster("verbs=get urls=*")),
                no(
                        "RBAC-WILD-NONRESOURCE",
                        "URLs are ineffective through a RoleBinding",
                        clusterRoleInNamespace("verbs=get urls=*")),
                no("RBAC-WILD-NONRESOURCE", "one path", cluster("verbs=get urls=/healthz")),
                yes(
                        "RBAC-BINDING-CLUSTER-ADMIN",
                        "a user bound to cluster-admin",
                        bindingOf("cluster-admin", user("erin"))),
                no(
                        "RBAC-BINDING-CLUSTER-ADMIN",
                        "system:masters only",
                        bindingOf("cluster-admin", group("system:masters"))),
                yes(
                        "RBAC-BINDING-ANONYMOUS",
                        "anonymous reads configmaps",
                        bindingOf("reader", user("system:anonymous"), "verbs=get groups=\"\" resources=configmaps")),
                no(
                        "RBAC-BINDING-ANONYMOUS",
                        "public-info-viewer is meant for everyone",
                        bindingOf("system:public-info-viewer", group("system:unauthenticated"))),
                yes(
                        "RBAC-BINDING-ALL-AUTHENTICATED",
                        "every identity reads secrets",
                        bindingOf("reader", group("system:authenticated"), "verbs=get groups=\"\" resources=secrets")),
                no(
                        "RBAC-BINDING-ALL-AUTHENTICATED",
                        "every identity reads configmaps",
                        bindingOf(
                                "reader",
                                group("system:authenticated"),
                                "verbs=get groups=\"\" resources=configmaps")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void patternIsFoundExactlyWhereItApplies(String id, String why, Supplier<RbacSnapshot> input, boolean expected) {
        Set<String> ids = new RiskScanner(input.get(), RiskScanner.Options.DEFAULT)
                .scan().stream().map(Risk::id).collect(Collectors.toSet());
        if (expected) {
            assertThat(ids).contains(id);
        } else {
            assertThat(ids).doesNotContain(id);
        }
    }

    @Test
    void everyCatalogIdHasAPositiveAndANegativeCase() {
        Set<String> positive = cases().filter(a -> (boolean) a.get()[3])
                .map(a -> (String) a.get()[0])
                .collect(Collectors.toSet());
        Set<String> negative = cases().filter(a -> !(boolean) a.get()[3])
                .map(a -> (String) a.get()[0])
                .collect(Collectors.toSet());
        List<String> ids = new ArrayList<>(
                EscalationCatalog.all().stream().map(EscalationPattern::id).toList());
        assertThat(ids).hasSize(38);
        assertThat(positive).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(negative).containsExactlyInAnyOrderElementsOf(ids);
    }
}
