package io.kubelpa.risk;

import static io.kubelpa.testing.RbacFixtures.clusterRole;
import static io.kubelpa.testing.RbacFixtures.clusterRoleBinding;
import static io.kubelpa.testing.RbacFixtures.group;
import static io.kubelpa.testing.RbacFixtures.role;
import static io.kubelpa.testing.RbacFixtures.roleBinding;
import static io.kubelpa.testing.RbacFixtures.serviceAccount;
import static io.kubelpa.testing.RbacFixtures.snapshot;
import static io.kubelpa.testing.RbacFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.RbacSnapshot;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RiskScannerTest {

    private static List<Risk> scan(RbacSnapshot snapshot) {
        return new RiskScanner(snapshot, RiskScanner.Options.DEFAULT).scan();
    }

    private static Risk only(List<Risk> risks, String id) {
        List<Risk> matching = risks.stream().filter(r -> r.id().equals(id)).toList();
        assertThat(matching).as(id).hasSize(1);
        return matching.get(0);
    }

    @Test
    void severityDependsOnScopeAndPrivilegedNamespaces() {
        String secretsRead = "verbs=get groups=\"\" resources=secrets";
        assertThat(only(
                                scan(snapshot(clusterRole("r", secretsRead), clusterRoleBinding("b", "r", user("u")))),
                                "RBAC-ESC-SECRETS-READ")
                        .severity())
                .isEqualTo(Severity.CRITICAL);
        assertThat(only(
                                scan(snapshot(
                                        role("team", "r", secretsRead),
                                        roleBinding("team", "b", "Role", "r", user("u")))),
                                "RBAC-ESC-SECRETS-READ")
                        .severity())
                .isEqualTo(Severity.HIGH);
        assertThat(only(
                                scan(snapshot(
                                        role("kube-system", "r", secretsRead),
                                        roleBinding("kube-system", "b", "Role", "r", user("u")))),
                                "RBAC-ESC-SECRETS-READ")
                        .severity())
                .isEqualTo(Severity.CRITICAL);
        RbacSnapshot custom =
                snapshot(role("argocd", "r", secretsRead), roleBinding("argocd", "b", "Role", "r", user("u")));
        assertThat(new RiskScanner(custom, new RiskScanner.Options(Set.of("kube-system", "argocd"), false)).scan())
                .filteredOn(r -> r.id().equals("RBAC-ESC-SECRETS-READ"))
                .singleElement()
                .extracting(Risk::severity)
                .isEqualTo(Severity.CRITICAL);
    }

    @Test
    void holdersAreListedWithTheBindingThatGivesThem() {
        Risk risk = only(
                scan(snapshot(
                        clusterRole("exec", "verbs=create groups=\"\" resources=pods/exec"),
                        clusterRoleBinding("ops", "exec", group("ops"), serviceAccount(null, "never-matches")),
                        roleBinding("team", "debug", "ClusterRole", "exec", serviceAccount(null, "debugger")))),
                "RBAC-ESC-POD-EXEC");
        assertThat(risk.subjects())
                .containsExactly(
                        new Risk.Holder("Group", "ops", "", ObjectRef.clusterRoleBinding("ops")),
                        new Risk.Holder("ServiceAccount", "debugger", "team", ObjectRef.roleBinding("team", "debug")));
        assertThat(risk.scopes()).containsExactly(Scope.CLUSTER, Scope.namespace("team"));
        assertThat(risk.severity()).isEqualTo(Severity.HIGH);
        assertThat(risk.potential()).isFalse();
    }

    @Test
    void unboundClusterRolesArePotentialAndUnboundBuiltinsAreNotReported() {
        List<Risk> risks = scan(snapshot(
                BuiltinMode.REFERENCED_ROLES,
                clusterRole("spare", "verbs=create groups=\"\" resources=serviceaccounts/token"),
                roleBinding("team", "devs", "ClusterRole", "view", group("devs"))));
        Risk spare = only(risks, "RBAC-ESC-TOKEN-REQUEST");
        assertThat(spare.potential()).isTrue();
        assertThat(spare.subjects()).isEmpty();
        assertThat(spare.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(risks).noneMatch(r -> r.role().name().startsWith("system:aggregate-to"));
    }

    @Test
    void fullWildcardIsReportedOnceWithWhatItIncludes() {
        List<Risk> risks = scan(snapshot(
                clusterRole("god", "verbs=* groups=* resources=*"), clusterRoleBinding("b", "god", user("u"))));
        assertThat(risks).extracting(Risk::id).containsExactly("RBAC-WILD-ALL");
        assertThat(risks.get(0).includes())
                .contains(
                        "RBAC-ESC-SECRETS-READ",
                        "RBAC-ESC-NODES-PROXY",
                        "RBAC-ESC-IMPERSONATE",
                        "RBAC-ESC-BIND-VERB",
                        "RBAC-RISK-DELETE-BROAD")
                .doesNotContain("RBAC-WILD-ALL");
    }

    @Test
    void partialWildcardsAreExpandedNotFolded() {
        List<Risk> risks = scan(snapshot(
                clusterRole("core", "verbs=get,list groups=\"\" resources=*"),
                clusterRoleBinding("b", "core", user("u"))));
        assertThat(risks)
                .extracting(Risk::id)
                .contains(
                        "RBAC-WILD-PARTIAL",
                        "RBAC-ESC-SECRETS-READ",
                        "RBAC-ESC-NODES-PROXY",
                        "RBAC-ESC-POD-EXEC",
                        "RBAC-ESC-POD-ATTACH",
                        "RBAC-RISK-POD-PORTFORWARD",
                        "RBAC-RISK-PROXY-SUBRESOURCE");
    }

    @Test
    void everyoneHoldingAnEscalationMakesItCritical() {
        List<Risk> risks = scan(snapshot(
                role("sandbox", "dev", "verbs=create groups=\"\" resources=pods/exec"),
                roleBinding("sandbox", "all", "Role", "dev", group("system:authenticated"))));
        assertThat(only(risks, "RBAC-ESC-POD-EXEC").severity()).isEqualTo(Severity.CRITICAL);
        assertThat(only(risks, "RBAC-BINDING-ALL-AUTHENTICATED").severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void bindWithBindingWriteIsCriticalAndAloneHigh() {
        String bind = "verbs=bind groups=rbac.authorization.k8s.io resources=clusterroles";
        assertThat(only(
                                scan(snapshot(clusterRole("b", bind), clusterRoleBinding("x", "b", user("u")))),
                                "RBAC-ESC-BIND-VERB")
                        .severity())
                .isEqualTo(Severity.HIGH);
        assertThat(only(
                                scan(snapshot(
                                        clusterRole("b", bind),
                                        clusterRoleBinding("x", "b", user("u")),
                                        clusterRole(
                                                "w",
                                                "verbs=create groups=rbac.authorization.k8s.io resources=clusterrolebindings"),
                                        clusterRoleBinding("y", "w", user("u")))),
                                "RBAC-ESC-BIND-VERB")
                        .severity())
                .isEqualTo(Severity.CRITICAL);
    }

    @Test
    void bindOnANamedEscalatingRoleIsStillRisky() {
        assertThat(scan(snapshot(
                        clusterRole(
                                "b", "verbs=bind groups=rbac.authorization.k8s.io resources=clusterroles names=tokens"),
                        clusterRole("tokens", "verbs=create groups=\"\" resources=serviceaccounts/token"),
                        clusterRoleBinding("x", "b", user("u")))))
                .extracting(Risk::id)
                .contains("RBAC-ESC-BIND-VERB");
        assertThat(scan(snapshot(
                        clusterRole(
                                "b",
                                "verbs=bind groups=rbac.authorization.k8s.io resources=clusterroles names=cm-reader"),
                        clusterRole("cm-reader", "verbs=get groups=\"\" resources=configmaps"),
                        clusterRoleBinding("x", "b", user("u")))))
                .extracting(Risk::id)
                .doesNotContain("RBAC-ESC-BIND-VERB");
    }

    @Test
    void pairedPatternsNeedBothHalvesForTheSameSubject() {
        List<Risk> split = scan(snapshot(
                clusterRole("nodes", "verbs=patch groups=\"\" resources=nodes"),
                clusterRole("evict", "verbs=create groups=\"\" resources=pods/eviction"),
                clusterRoleBinding("a", "nodes", user("u")),
                clusterRoleBinding("b", "evict", user("u")),
                clusterRoleBinding("c", "evict", user("other"))));
        Risk steal = only(split, "RBAC-ESC-STEAL-PODS");
        assertThat(steal.role()).isEqualTo(ObjectRef.clusterRole("nodes"));
        assertThat(steal.subjects()).extracting(Risk.Holder::name).containsExactly("u");
    }

    @Test
    void csrApprovalIsCriticalWhenTheHolderCanAlsoCreateCsrs() {
        List<Risk> risks = scan(snapshot(
                clusterRole(
                        "approver",
                        "verbs=update groups=certificates.k8s.io resources=certificatesigningrequests/approval",
                        "verbs=approve groups=certificates.k8s.io resources=signers",
                        "verbs=create groups=certificates.k8s.io resources=certificatesigningrequests"),
                clusterRoleBinding("b", "approver", user("u"))));
        Risk approve = only(risks, "RBAC-ESC-CSR-APPROVE");
        assertThat(approve.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(approve.ruleIndex()).isZero();
        assertThat(approve.relatedRuleIndexes()).containsExactly(1);
    }

    @Test
    void secretCreationRisesWhereAServiceAccountOfTheNamespaceEscalates() {
        String createSecrets = "verbs=create groups=\"\" resources=secrets";
        assertThat(only(
                                scan(snapshot(
                                        role("team", "w", createSecrets),
                                        roleBinding("team", "b", "Role", "w", user("u")))),
                                "RBAC-ESC-SECRETS-WRITE")
                        .severity())
                .isEqualTo(Severity.MEDIUM);
        assertThat(only(
                                scan(snapshot(
                                        role("team", "w", createSecrets),
                                        roleBinding("team", "b", "Role", "w", user("u")),
                                        clusterRole("nodes-proxy", "verbs=get groups=\"\" resources=nodes/proxy"),
                                        clusterRoleBinding("sa", "nodes-proxy", serviceAccount("team", "agent")))),
                                "RBAC-ESC-SECRETS-WRITE")
                        .severity())
                .isEqualTo(Severity.HIGH);
    }

    @Test
    void workloadModifyOnBarePodsIsOneLevelLower() {
        assertThat(only(
                                scan(snapshot(
                                        clusterRole("p", "verbs=patch groups=\"\" resources=pods"),
                                        clusterRoleBinding("b", "p", user("u")))),
                                "RBAC-ESC-WORKLOAD-MODIFY")
                        .severity())
                .isEqualTo(Severity.HIGH);
    }

    @Test
    void builtinGrantsThroughBuiltinBindingsAreHiddenUnlessAsked() {
        RbacSnapshot cluster = snapshot(BuiltinMode.ROLES_AND_BINDINGS);
        assertThat(scan(cluster)).isEmpty();
        assertThat(new RiskScanner(cluster, new RiskScanner.Options(Set.of("kube-system"), true)).scan())
                .extracting(Risk::id)
                .contains("RBAC-ESC-NODES-PROXY", "RBAC-ESC-ESCALATE-VERB");
    }

    @Test
    void danglingBindingsProduceNoRisk() {
        assertThat(scan(snapshot(clusterRoleBinding("b", "missing", user("u")))))
                .isEmpty();
    }
}
