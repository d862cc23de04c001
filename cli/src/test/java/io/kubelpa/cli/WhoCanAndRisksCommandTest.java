package io.kubelpa.cli;

import static io.kubelpa.cli.CliRun.RBAC;
import static io.kubelpa.cli.CliRun.lpa;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WhoCanAndRisksCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAMPLES = "../sample-audit-logs/rbac";

    @Test
    void whoCanListsSubjectsWithBindingAndRole() throws Exception {
        CliRun run = lpa("who-can", "create", "deployments.apps", "-n", "team-a", "--rbac", RBAC, "-o", "json");
        assertThat(run.exitCode()).isZero();
        List<String> rows = new ArrayList<>();
        for (JsonNode subject : JSON.readTree(run.out()).get("subjects")) {
            rows.add(subject.get("kind").asText() + " "
                    + subject.get("namespace").asText() + "/"
                    + subject.get("name").asText() + " via "
                    + subject.get("binding").get("name").asText() + " -> "
                    + subject.get("role").get("name").asText());
        }
        assertThat(rows)
                .containsExactly(
                        "ServiceAccount ci/deployer via ci-deploys -> deployer",
                        "Group /release-managers via ci-deploys -> deployer",
                        "Group /system:masters via cluster-admin -> cluster-admin",
                        "User /bob via bob-nodes -> deployer");
        CliRun inputOnly = lpa(
                "who-can",
                "create",
                "deployments.apps",
                "-n",
                "team-a",
                "--rbac",
                RBAC,
                "--no-builtin-bindings",
                "-o",
                "json");
        assertThat(inputOnly.out())
                .as("without the built-in bindings a real cluster has")
                .doesNotContain("system:masters");
    }

    @Test
    void whoCanAllNamespacesIncludesEveryRoleBinding() {
        CliRun table = lpa("who-can", "get", "pods", "-A", "--rbac", RBAC, "-o", "wide");
        assertThat(table.out()).contains("User", "alice", "RoleBinding/team-a/alice-reads-pods", "Group", "auditors");
        CliRun clusterOnly = lpa("who-can", "get", "pods", "--rbac", RBAC);
        assertThat(clusterOnly.out()).contains("auditors").doesNotContain("alice");
    }

    @Test
    void whoCanSaysSoWhenNobodyCan() {
        assertThat(lpa(
                                "who-can",
                                "escalate",
                                "clusterroles.rbac.authorization.k8s.io",
                                "--rbac",
                                RBAC,
                                "--no-builtin-bindings")
                        .out())
                .isEqualTo("No subject may escalate clusterroles.rbac.authorization.k8s.io.\n");
    }

    @Test
    void risksFindTheSampleClustersKnownProblems() throws Exception {
        CliRun run = lpa("risks", "--rbac", SAMPLES, "-o", "json");
        assertThat(run.exitCode()).isZero();
        JsonNode root = JSON.readTree(run.out());
        List<String> found = new ArrayList<>();
        for (JsonNode risk : root.get("risks")) {
            found.add(
                    risk.get("id").asText() + " " + risk.get("role").get("name").asText() + " "
                            + risk.get("severity").asText());
        }
        assertThat(found)
                .contains(
                        "RBAC-ESC-NODES-PROXY prometheus critical",
                        "RBAC-ESC-SECRETS-READ ci-deployer critical",
                        "RBAC-WILD-ALL platform-operator critical",
                        "RBAC-BINDING-CLUSTER-ADMIN cluster-admin critical",
                        "RBAC-ESC-WORKLOAD-CREATE sandbox-dev critical",
                        "RBAC-BINDING-ALL-AUTHENTICATED sandbox-dev high",
                        "RBAC-RISK-AGGREGATE-TO-BUILTIN monitoring-secrets high",
                        "RBAC-ESC-SECRETS-READ view high",
                        "RBAC-ESC-SECRETS-READ monitoring-reader high");
        assertThat(found).noneMatch(f -> f.startsWith("RBAC-ESC") && f.contains("payments-api"));
        JsonNode prometheus = find(root, "RBAC-ESC-NODES-PROXY");
        assertThat(prometheus.get("ruleIndex").asInt()).isZero();
        assertThat(prometheus.get("subjects").get(0).toString())
                .isEqualTo("{\"kind\":\"ServiceAccount\",\"name\":\"prometheus\",\"namespace\":\"monitoring\","
                        + "\"via\":{\"kind\":\"ClusterRoleBinding\",\"name\":\"prometheus\",\"namespace\":\"\"}}");
        assertThat(root.get("danglingBindings")
                        .get(0)
                        .get("binding")
                        .get("name")
                        .asText())
                .isEqualTo("legacy-reporter");
    }

    @Test
    void failOnExitsThreeAtOrAboveTheThreshold(@TempDir Path dir) throws Exception {
        assertThat(lpa("risks", "--rbac", SAMPLES, "--fail-on", "critical").exitCode())
                .isEqualTo(ExitCodes.FINDINGS);
        assertThat(lpa("risks", "--rbac", RBAC, "--fail-on", "critical").exitCode())
                .isEqualTo(ExitCodes.FINDINGS);
        Path mild = dir.resolve("mild.yaml");
        Files.writeString(mild, """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {name: status-writer, namespace: team}
                rules: [{apiGroups: [""], resources: [pods/status], verbs: [patch]}]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: status-writer, namespace: team}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: status-writer}
                subjects: [{kind: ServiceAccount, name: probe}]
                """);
        assertThat(lpa("risks", "--rbac", mild.toString(), "--fail-on", "medium")
                        .exitCode())
                .isZero();
        assertThat(lpa("risks", "--rbac", mild.toString(), "--fail-on", "low").exitCode())
                .isEqualTo(ExitCodes.FINDINGS);
        assertThat(lpa("risks", "--rbac", RBAC, "--fail-on", "severe").exitCode())
                .isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void thePlatformsRisksAreOwnedAndCountedOnlyWhenAskedAndAPolicyAcceptsRisks(@TempDir Path dir) throws Exception {
        Path cluster = dir.resolve("cluster.yaml");
        Files.writeString(cluster, """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata:
                  name: system:controller:secret-sync
                  labels: {kubernetes.io/bootstrapping: rbac-defaults}
                rules: [{apiGroups: [""], resources: [secrets], verbs: [get, list, watch]}]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata:
                  name: system:controller:secret-sync
                  labels: {kubernetes.io/bootstrapping: rbac-defaults}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: system:controller:secret-sync}
                subjects: [{kind: ServiceAccount, name: secret-sync, namespace: kube-system}]
                """);
        CliRun json = lpa("risks", "--rbac", cluster.toString(), "-o", "json");
        JsonNode risk = new ObjectMapper().readTree(json.out()).get("risks").get(0);
        assertThat(risk.get("owner").get("owner").asText()).isEqualTo("platform");
        assertThat(risk.get("owner").get("rule").asText()).contains("kubernetes.io/bootstrapping=rbac-defaults");
        assertThat(risk.get("suppressed").isNull()).isTrue();
        assertThat(lpa("risks", "--rbac", cluster.toString(), "--fail-on", "low")
                        .exitCode())
                .isZero();
        assertThat(lpa("risks", "--rbac", cluster.toString(), "--fail-on", "low", "--include-platform")
                        .exitCode())
                .isEqualTo(ExitCodes.FINDINGS);

        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, """
                apiVersion: kube-lpa.io/v1
                kind: Policy
                suppress:
                  - finding: RBAC-ESC-SECRETS-READ
                    object: ClusterRole/system:controller:*
                    reason: the controllers need it (SEC-9)
                """);
        CliRun accepted = lpa("risks", "--rbac", cluster.toString(), "--policy", policy.toString(), "-o", "json");
        JsonNode suppressed =
                new ObjectMapper().readTree(accepted.out()).get("risks").get(0);
        assertThat(suppressed.get("suppressed").get("reason").asText()).isEqualTo("the controllers need it (SEC-9)");
        assertThat(suppressed.get("suppressed").get("source").asText()).endsWith("policy.yaml:4");
        assertThat(lpa(
                                "risks",
                                "--rbac",
                                cluster.toString(),
                                "--policy",
                                policy.toString(),
                                "--fail-on",
                                "low",
                                "--include-platform")
                        .exitCode())
                .isZero();
    }

    @Test
    void riskTableSummarisesAndListsDanglingBindings() {
        CliRun run = lpa("risks", "--rbac", SAMPLES);
        assertThat(run.out())
                .contains(
                        "SEVERITY",
                        "RBAC-ESC-NODES-PROXY",
                        "escalation-prone grants:",
                        "Bindings to missing roles",
                        "RoleBinding/payments/legacy-reporter");
    }

    private static JsonNode find(JsonNode root, String id) {
        for (JsonNode risk : root.get("risks")) {
            if (risk.get("id").asText().equals(id)) {
                return risk;
            }
        }
        throw new AssertionError("no " + id);
    }
}
