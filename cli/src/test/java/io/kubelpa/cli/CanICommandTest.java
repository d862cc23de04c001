package io.kubelpa.cli;

import static io.kubelpa.cli.CliRun.RBAC;
import static io.kubelpa.cli.CliRun.lpa;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CanICommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String HELD = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: scaler}
            rules:
            - apiGroups: [apps]
              resources: [deployments, deployments/scale]
              resourceNames: [web]
              verbs: [get, update]
            - nonResourceURLs: [/metrics]
              verbs: [get]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: devs-scale}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: scaler}
            subjects: [{kind: Group, name: devs, apiGroup: rbac.authorization.k8s.io}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: pods, namespace: team}
            rules: [{apiGroups: [""], resources: [pods], verbs: [get, list]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: alice-pods, namespace: team}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pods}
            subjects: [{kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: alice-pods, namespace: other}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: scaler}
            subjects: [{kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: bob-pods, namespace: team}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pods}
            subjects: [{kind: User, name: bob, apiGroup: rbac.authorization.k8s.io}]
            """;

    @Test
    void listPrintsTheUsersRulesInTheNamespaceAsKubectlDoesWithWhereEachComesFrom(@TempDir Path dir) throws Exception {
        Path rbac = Files.writeString(dir.resolve("held.yaml"), HELD);
        CliRun run = lpa(
                "can-i",
                "--list",
                "--as",
                "alice",
                "--as-group",
                "devs",
                "-n",
                "team",
                "--rbac",
                rbac.toString(),
                "--no-builtin-bindings",
                "--wide");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().map(String::stripTrailing).toList())
                .containsExactly(
                        "Resources                Non-Resource URLs   Resource Names   Verbs          Granted by",
                        "-                        [/metrics]          []               [get]          ClusterRoleBinding/devs-scale -> ClusterRole/scaler rule 1",
                        "deployments.apps         []                  [web]            [get update]   ClusterRoleBinding/devs-scale -> ClusterRole/scaler rule 0",
                        "deployments/scale.apps   []                  [web]            [get update]   ClusterRoleBinding/devs-scale -> ClusterRole/scaler rule 0",
                        "pods                     []                  []               [get list]     RoleBinding/team/alice-pods -> Role/team/pods rule 0");

        JsonNode json = JSON.readTree(lpa(
                        "can-i",
                        "--list",
                        "--as",
                        "alice",
                        "-n",
                        "other",
                        "--rbac",
                        rbac.toString(),
                        "-o",
                        "json",
                        "--no-builtin-bindings")
                .out());
        assertThat(json.get("namespace").asText()).isEqualTo("other");
        assertThat(json.get("rules"))
                .as("without the group, only the RoleBinding of the namespace asked: the scaler rules there")
                .extracting(
                        r -> r.get("resource").asText() + " " + r.get("binding").asText())
                .containsExactly(
                        " RoleBinding/other/alice-pods",
                        "deployments.apps RoleBinding/other/alice-pods",
                        "deployments/scale.apps RoleBinding/other/alice-pods");
        assertThat(lpa("can-i", "--list", "get", "--as", "alice", "--rbac", rbac.toString())
                        .exitCode())
                .isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void yesExitsZeroAndNoExitsOne() {
        CliRun yes = lpa("can-i", "get", "pods", "-n", "team-a", "--as", "alice", "--rbac", RBAC);
        assertThat(yes.exitCode()).isZero();
        assertThat(yes.out()).isEqualTo("yes\n");
        CliRun no = lpa("can-i", "get", "pods", "-n", "team-b", "--as", "alice", "--rbac", RBAC);
        assertThat(no.exitCode()).isEqualTo(1);
        assertThat(no.out()).isEqualTo("no\n");
    }

    @Test
    void jsonNamesTheReasonAndEveryGrant() throws Exception {
        CliRun run = lpa(
                "can-i",
                "get",
                "pods/web-1",
                "--subresource",
                "log",
                "-n",
                "team-a",
                "--as",
                "alice",
                "--rbac",
                RBAC,
                "-o",
                "json");
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.get("allowed").asBoolean()).isTrue();
        assertThat(result.get("reason").asText())
                .isEqualTo(
                        "RBAC: allowed by RoleBinding \"alice-reads-pods/team-a\" of ClusterRole \"pod-reader\" to User \"alice\"");
        JsonNode grant = result.get("grants").get(0);
        assertThat(grant.get("binding").toString())
                .isEqualTo("{\"kind\":\"RoleBinding\",\"name\":\"alice-reads-pods\",\"namespace\":\"team-a\"}");
        assertThat(grant.get("role").toString())
                .isEqualTo("{\"kind\":\"ClusterRole\",\"name\":\"pod-reader\",\"namespace\":\"\"}");
        assertThat(grant.get("ruleIndex").asInt()).isZero();
    }

    @Test
    void danglingBindingsShowInTheDenyReasonAndAreNotFatal() throws Exception {
        CliRun run = lpa("can-i", "delete", "pods", "--as", "alice", "--rbac", RBAC, "-o", "json");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(JSON.readTree(run.out()).get("reason").asText())
                .isEqualTo("RBAC: clusterrole.rbac.authorization.k8s.io \"removed-role\" not found");
    }

    @Test
    void clusterRoleGrantingNodesThroughARoleBindingCannotReachNodes() {
        CliRun run = lpa("can-i", "list", "nodes", "-n", "team-a", "--as", "bob", "--rbac", RBAC);
        assertThat(run.out()).isEqualTo("no\n");
        assertThat(run.err()).contains("resource 'nodes' is not namespace scoped");
        assertThat(lpa("can-i", "create", "deployments.apps", "-n", "team-a", "--as", "bob", "--rbac", RBAC)
                        .out())
                .isEqualTo("yes\n");
    }

    @Test
    void namespaceObjectsAreCheckedInTheirOwnNamespace() {
        assertThat(lpa("can-i", "patch", "namespaces/team-a", "--as", "carol", "--rbac", RBAC)
                        .out())
                .isEqualTo("yes\n");
        assertThat(lpa("can-i", "patch", "namespaces/team-b", "--as", "carol", "--rbac", RBAC)
                        .out())
                .isEqualTo("no\n");
    }

    @Test
    void resourceTypesResolveLikeKubectl() {
        assertThat(lpa("can-i", "create", "deployments", "--as", "system:serviceaccount:ci:deployer", "--rbac", RBAC)
                        .out())
                .isEqualTo("yes\n");
        assertThat(lpa("can-i", "create", "deploy", "--as", "system:serviceaccount:ci:deployer", "--rbac", RBAC)
                        .out())
                .isEqualTo("yes\n");
        assertThat(lpa(
                                "can-i",
                                "create",
                                "deployments.extensions",
                                "--as",
                                "system:serviceaccount:ci:deployer",
                                "--rbac",
                                RBAC)
                        .out())
                .isEqualTo("no\n");
    }

    @Test
    void nonResourceUrlsAndGroups() {
        assertThat(lpa(
                                "can-i",
                                "get",
                                "/metrics/cadvisor",
                                "--as",
                                "dave",
                                "--as-group",
                                "release-managers",
                                "--rbac",
                                RBAC)
                        .out())
                .isEqualTo("yes\n");
        assertThat(lpa("can-i", "get", "/metrics", "--as", "dave", "--as-group", "release-managers", "--rbac", RBAC)
                        .out())
                .isEqualTo("no\n");
    }

    @Test
    void builtinRolesAreUsedUnlessTurnedOff() {
        assertThat(lpa(
                                "can-i",
                                "list",
                                "configmaps",
                                "-n",
                                "x",
                                "--as",
                                "ann",
                                "--as-group",
                                "auditors",
                                "--rbac",
                                RBAC)
                        .out())
                .isEqualTo("yes\n");
        assertThat(lpa("can-i", "get", "secrets", "-n", "x", "--as", "ann", "--as-group", "auditors", "--rbac", RBAC)
                        .out())
                .isEqualTo("no\n");
        assertThat(lpa(
                                "can-i",
                                "list",
                                "configmaps",
                                "-n",
                                "x",
                                "--as",
                                "ann",
                                "--as-group",
                                "auditors",
                                "--rbac",
                                RBAC,
                                "--no-builtin-roles")
                        .out())
                .isEqualTo("no\n");
    }

    @Test
    void batchAnswersEveryLineInOrderAndReportsBadLines() throws Exception {
        CliRun run = lpa("can-i", "--rbac", RBAC, "--requests", CliRun.resource("cli/requests.jsonl"));
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(8);
        assertThat(lines.stream().map(CanICommandTest::allowedOrError))
                .containsExactly("true", "false", "true", "true", "false", "true", "error", "true");
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.get("request").get("name").asText()).isEqualTo("web-1");
        assertThat(first.get("grants").get(0).get("binding").get("name").asText())
                .isEqualTo("alice-reads-pods");
        assertThat(JSON.readTree(lines.get(6)).get("line").asInt()).isEqualTo(7);
        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    }

    @Test
    void batchHandlesAHundredThousandRequestsInOneProcess(@TempDir Path dir) throws Exception {
        Path requests = dir.resolve("many.jsonl");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            text.append(
                    i % 2 == 0
                            ? "{\"user\":\"alice\",\"verb\":\"get\",\"resource\":\"pods\",\"namespace\":\"team-a\",\"name\":\"p"
                                    + i + "\"}\n"
                            : "{\"user\":\"u" + i
                                    + "\",\"verb\":\"list\",\"apiGroup\":\"apps\",\"resource\":\"deployments\"}\n");
        }
        Files.writeString(requests, text);
        CliRun run = lpa("can-i", "--rbac", RBAC, "--requests", requests.toString());
        assertThat(run.exitCode()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(100_000);
        assertThat(JSON.readTree(lines.get(99_998)).get("request").get("name").asText())
                .isEqualTo("p99998");
        assertThat(lines).allMatch(l -> l.startsWith("{\"allowed\":true"));
    }

    @Test
    void usageErrorsExitTwoWithOneLine() {
        CliRun missingAs = lpa("can-i", "get", "pods", "--rbac", RBAC);
        assertThat(missingAs.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missingAs.err()).startsWith("lpa: error: --as USER is required");
        CliRun unknownOption = lpa("can-i", "get", "pods", "--bogus");
        assertThat(unknownOption.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknownOption.err()).contains("Unknown option: '--bogus'");
        assertThat(lpa("can-i", "--rbac", "-", "--requests", "-").err())
                .isEqualTo("lpa: error: only one of --rbac and --requests can read stdin\n");
    }

    @Test
    void invalidManifestsAreOneLineErrorsNotStackTraces(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r}\nrules: 7\n");
        CliRun run = lpa("can-i", "get", "pods", "--as", "alice", "--rbac", bad.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err().lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("lpa: error: " + bad + ": document 0: Role"));
        assertThat(run.out()).isEmpty();
    }

    private static String allowedOrError(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            return node.has("error") ? "error" : node.get("allowed").asText();
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }
}
