package io.kubelpa.cli;

import static io.kubelpa.cli.CliRun.lpa;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WhatCanCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String TODAY = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: pod-reader}
            rules: [{apiGroups: [""], resources: [pods], verbs: [get, list]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: devs-read}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pod-reader}
            subjects: [{kind: Group, name: devs, apiGroup: rbac.authorization.k8s.io}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: node-reader}
            rules: [{apiGroups: [""], resources: [nodes], verbs: [get]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: everyone-and-devs}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: node-reader}
            subjects:
            - {kind: Group, name: "system:authenticated", apiGroup: rbac.authorization.k8s.io}
            - {kind: Group, name: devs, apiGroup: rbac.authorization.k8s.io}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: all-accounts-read}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pod-reader}
            subjects: [{kind: Group, name: "system:serviceaccounts", apiGroup: rbac.authorization.k8s.io}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: everyone-read}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pod-reader}
            subjects: [{kind: Group, name: "system:authenticated", apiGroup: rbac.authorization.k8s.io}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: secrets, namespace: team}
            rules: [{apiGroups: [""], resources: [secrets], verbs: [get, list]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: deployer-secrets, namespace: team}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: secrets}
            subjects: [{kind: ServiceAccount, name: deployer, namespace: team}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: anything}
            rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: deployer-anything, namespace: other}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: anything}
            subjects: [{kind: ServiceAccount, name: deployer, namespace: team}]
            """;

    @Test
    void aServiceAccountHoldsItsOwnBindingsAndThoseOfItsGroupsPerScopeWithEscalationProneRowsMarked(@TempDir Path dir)
            throws Exception {
        Path rbac = Files.writeString(dir.resolve("rbac.yaml"), TODAY);
        CliRun run = lpa(
                "what-can",
                "ServiceAccount:team/deployer",
                "--rbac",
                rbac.toString(),
                "--no-builtin-bindings",
                "-o",
                "wide");
        assertThat(run.exitCode()).as(run.err()).isZero();
        String out = run.out();
        assertThat(out)
                .contains("ServiceAccount:team/deployer under the RBAC given")
                .contains("Cluster-wide (ClusterRoleBindings")
                .contains("ClusterRoleBinding/all-accounts-read -> ClusterRole/pod-reader rule 0")
                .contains("ClusterRoleBinding/everyone-read -> ClusterRole/pod-reader rule 0")
                .doesNotContain("devs-read")
                .contains("In namespace other (RoleBindings):")
                .contains("In namespace team (RoleBindings):");
        assertThat(lineWith(out, "RoleBinding/team/deployer-secrets")).contains("! RBAC-ESC-SECRETS-READ");
        assertThat(lineWith(out, "RoleBinding/other/deployer-anything")).contains("RBAC-WILD-ALL");
        assertThat(lineWith(out, "ClusterRoleBinding/all-accounts-read")).doesNotContain("!");

        JsonNode json = JSON.readTree(lpa(
                        "what-can",
                        "ServiceAccount:team/deployer",
                        "-n",
                        "team",
                        "--rbac",
                        rbac.toString(),
                        "--no-builtin-bindings",
                        "-o",
                        "json")
                .out());
        assertThat(json.at("/today/clusterWide")).hasSize(3);
        assertThat(json.at("/today/namespaces").fieldNames()).toIterable().containsExactly("team");
        assertThat(json.at("/today/namespaces/team/0/risks/0").asText()).isEqualTo("RBAC-ESC-SECRETS-READ");
        assertThat(json.at("/today/namespaces/team/0/subject").asText()).isEqualTo("ServiceAccount:team/deployer");
    }

    @Test
    void aGroupHoldsOnlyWhatNamesItNotWhatEveryAuthenticatedUserHolds(@TempDir Path dir) throws Exception {
        Path rbac = Files.writeString(dir.resolve("rbac.yaml"), TODAY);
        JsonNode json = JSON.readTree(
                lpa("what-can", "Group:devs", "--rbac", rbac.toString(), "--no-builtin-bindings", "-o", "json")
                        .out());
        assertThat(json.at("/today/clusterWide"))
                .extracting(row -> row.get("binding").asText())
                .as("a binding that names the group after system:authenticated counts for the group too")
                .containsExactlyInAnyOrder("ClusterRoleBinding/devs-read", "ClusterRoleBinding/everyone-and-devs");
        assertThat(json.at("/today/namespaces")).isEmpty();

        CliRun nobody = lpa("what-can", "User:nobody", "--rbac", rbac.toString(), "--no-builtin-bindings", "-n", "x");
        assertThat(nobody.out()).contains("ClusterRoleBinding/everyone-read").doesNotContain("In namespace");
    }

    @Test
    void withProposalsItShowsBeforeAfterAndWhatTheyTakeAway(@TempDir Path dir) throws Exception {
        Path rbac = Files.writeString(dir.resolve("rbac.yaml"), TODAY);
        Path review = dir.resolve("review");
        Files.createDirectories(review.resolve("proposed-rbac"));
        String proposed = TODAY.replace(
                        "rules: [{apiGroups: [\"\"], resources: [secrets], verbs: [get, list]}]",
                        "rules: [{apiGroups: [\"\"], resources: [secrets], resourceNames: [db], verbs: [get]}]")
                .replace(
                        "rules: [{apiGroups: [\"*\"], resources: [\"*\"], verbs: [\"*\"]}]",
                        "rules: [{apiGroups: [apps], resources: [deployments], verbs: [get, update]}]");
        Files.writeString(review.resolve("proposed-rbac/rbac.yaml"), proposed);

        CliRun run = lpa(
                "what-can",
                "ServiceAccount:team/deployer",
                "--rbac",
                rbac.toString(),
                "--no-builtin-bindings",
                "--proposals",
                review.toString(),
                "--wide");
        assertThat(run.exitCode()).as(run.err()).isZero();
        String after = run.out().substring(run.out().indexOf("after the proposals in"));
        assertThat(lineWith(after, "RoleBinding/team/deployer-secrets")).doesNotContain("!");
        assertThat(run.out())
                .contains("What the proposals change for this subject:")
                .contains("  - verbs=* groups=* resources=* in other")
                .contains("  - verbs=get groups=\"\" resources=secrets in team")
                .contains("  - verbs=list groups=\"\" resources=secrets in team")
                .doesNotContain("  + ");

        JsonNode json = JSON.readTree(lpa(
                        "what-can",
                        "ServiceAccount:team/deployer",
                        "--rbac",
                        rbac.toString(),
                        "--no-builtin-bindings",
                        "--proposals",
                        review.toString(),
                        "-o",
                        "json")
                .out());
        assertThat(json.get("changes"))
                .extracting(change -> change.get("namespace").asText())
                .containsExactly("other", "team");
        assertThat(json.at("/changes/0/added")).isEmpty();
        assertThat(json.at("/changes/1/removed")).hasSize(2);
    }

    @Test
    void badSubjectsAndMissingProposalsAreOneLineUsageErrors(@TempDir Path dir) throws Exception {
        Path rbac = Files.writeString(dir.resolve("rbac.yaml"), TODAY);
        CliRun bad = lpa("what-can", "Usr:alice", "--rbac", rbac.toString());
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("'Usr:alice' is not a subject");
        CliRun missing = lpa("what-can", "User:alice", "--rbac", rbac.toString(), "--proposals", dir.toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err().strip().lines()).hasSize(1).first().asString().contains("proposed-rbac/rbac.yaml");
    }

    private static String lineWith(String text, String part) {
        return text.lines()
                .filter(line -> line.contains(part))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line with " + part + " in\n" + text));
    }
}
