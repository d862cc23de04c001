package io.kubelpa.cli;

import static io.kubelpa.cli.CliRun.lpa;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.kubelpa.manifest.ManifestYamlWriter;
import io.kubelpa.rbac.BuiltinPolicy;
import io.kubelpa.rbac.RbacObjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuiltinRolesAndDemoCommandTest {

    @Test
    void showsTheEffectiveRulesOfABuiltinRole() {
        CliRun run = lpa("builtin-roles", "view");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .startsWith("apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n")
                .contains("name: view", "- pods/log", "- controllerrevisions")
                .doesNotContain("- secrets");
        assertThat(lpa("builtin-roles", "no-such-role").exitCode()).isEqualTo(ExitCodes.ERROR);
    }

    @Test
    void comparesWithAClusterDump(@TempDir Path dir) throws Exception {
        RbacObjects builtin = BuiltinPolicy.objects();
        List<HasMetadata> all = new ArrayList<>();
        all.addAll(builtin.clusterRoles());
        all.addAll(builtin.roles());
        all.addAll(builtin.clusterRoleBindings());
        all.addAll(builtin.roleBindings());
        Path same = dir.resolve("same.yaml");
        Files.writeString(same, new ManifestYamlWriter().writeAll(all));
        CliRun match = lpa("builtin-roles", "--compare", same.toString());
        assertThat(match.exitCode()).isZero();
        assertThat(match.out()).isEqualTo("kube-lpa's " + builtin.size() + " built-in objects match.\n");

        all.replaceAll(
                o -> o instanceof ClusterRole r && r.getMetadata().getName().equals("system:basic-user")
                        ? new ClusterRoleBuilder(r).withRules(List.of()).build()
                        : o);
        Path changed = dir.resolve("changed.yaml");
        Files.writeString(changed, new ManifestYamlWriter().writeAll(all));
        CliRun differ = lpa("builtin-roles", "--compare", changed.toString());
        assertThat(differ.exitCode()).isEqualTo(ExitCodes.NO);
        assertThat(differ.out())
                .startsWith("ClusterRole/system:basic-user: rules differ")
                .endsWith("1 differences.\n");
    }

    @Test
    void demoRunsOnTheBundledSamples(@TempDir Path out) throws Exception {
        CliRun run = lpa("demo", "--samples", "../sample-audit-logs", "--out", out.toString(), "--lpa-home", "..");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "== Escalation-prone grants in the sample cluster",
                        "RBAC-ESC-NODES-PROXY",
                        "== Who can read Secrets",
                        "ServiceAccount   deployer",
                        "\"allowed\":true",
                        "RBAC: allowed by ClusterRoleBinding \\\"prometheus\\\"",
                        "840 requests");
        assertThat(Files.readString(out.resolve("usage.json"))).contains("\"username\" : \"frank\"");
        assertThat(out.resolve("dead-letter.jsonl")).exists();
        assertThat(run.out())
                .contains(
                        "Kafka broker (KRaft, single node) on 127.0.0.1:",
                        "Replayed 1426 audit records",
                        "review 2025-05-02T00-00-00Z",
                        "review 2025-05-04T00-00-00Z",
                        "Newest review (2025-05-04T00-00-00Z)",
                        "no widening: proven");
        assertThat(out.resolve("reviews").resolve("latest").resolve("usage.json"))
                .exists();
    }

    @Test
    void demoExplainsAMissingSampleDirectory(@TempDir Path dir) {
        CliRun run = lpa("demo", "--samples", dir.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).startsWith("lpa: error: sample RBAC not found at ");
    }

    @Test
    void versionAndHelp() {
        assertThat(lpa("version").out()).startsWith("kube-lpa ");
        CliRun help = lpa("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("can-i", "who-can", "risks", "Exit codes:");
        assertThat(lpa("can-i", "--help").out()).contains("--requests", "--as-group", "Exit codes:");
    }
}
