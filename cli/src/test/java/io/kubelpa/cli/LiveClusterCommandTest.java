package io.kubelpa.cli;

import static io.kubelpa.cli.CliRun.lpa;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.kubelpa.testing.Fixtures;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lpa against a live cluster: a local server speaking the Kubernetes API, reached through a kubeconfig. */
@EnableKubernetesMockClient(crud = true)
class LiveClusterCommandTest {
    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path dir;

    private Path kubeconfig(String server) throws Exception {
        Path file = dir.resolve("kubeconfig");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: test
                  cluster: {server: "%s", insecure-skip-tls-verify: true}
                users:
                - name: tester
                  user: {token: not-a-secret}
                contexts:
                - name: test
                  context: {cluster: test, user: tester}
                current-context: test
                """.formatted(server));
        return file;
    }

    @Test
    void canIReadsRbacFromTheCluster() throws Exception {
        client.rbac()
                .clusterRoles()
                .resource(Fixtures.clusterRole("pod-getter"))
                .create();
        client.rbac()
                .clusterRoleBindings()
                .resource(new ClusterRoleBindingBuilder()
                        .withNewMetadata()
                        .withName("getters")
                        .endMetadata()
                        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "pod-getter")
                        .addNewSubject("rbac.authorization.k8s.io", "User", "alice", null)
                        .build())
                .create();
        Path config = kubeconfig(client.getConfiguration().getMasterUrl());

        CliRun yes = lpa(
                "can-i",
                "get",
                "pods",
                "-n",
                "x",
                "--as",
                "alice",
                "--kubeconfig",
                config.toString(),
                "--context",
                "test");
        assertThat(yes.exitCode()).as(yes.err()).isZero();
        assertThat(yes.out()).isEqualTo("yes\n");
        CliRun who = lpa("who-can", "get", "pods", "--kubeconfig", config.toString(), "-o", "json");
        assertThat(who.out()).contains("\"name\":\"alice\"", "\"name\":\"getters\"");
    }

    @Test
    void unreachableClusterIsAOneLineError() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        CliRun run = lpa(
                "risks",
                "--kubeconfig",
                kubeconfig("https://127.0.0.1:" + closedPort).toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err().lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("lpa: error: cannot read RBAC from the cluster at https://127.0.0.1:" + closedPort));
    }

    @Test
    void missingKubeconfigIsAnError() {
        CliRun run = lpa("risks", "--kubeconfig", dir.resolve("absent").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).contains("does not exist");
    }

    @Test
    void neitherRbacNorAClusterFailsAtOnceSayingWhatIsMissing() throws Exception {
        String home = System.getProperty("user.home");
        System.setProperty("user.home", dir.toString());
        try {
            long started = System.nanoTime();
            CliRun run = lpa("risks");
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err().lines()).singleElement().satisfies(line -> assertThat(line)
                    .contains("no RBAC to read")
                    .contains("--rbac"));
            assertThat(millis).as("no client library start-up, no retries").isLessThan(1000);
        } finally {
            System.setProperty("user.home", home);
        }
    }

    @Test
    void aClusterIsConfiguredByAKubeconfigFileOrAPodsServiceAccount() throws Exception {
        Path config = Files.writeString(dir.resolve("config"), "apiVersion: v1\nkind: Config\n");
        String empty = dir.resolve("empty-home").toString();
        assertThat(RbacInputOptions.clusterConfigured(Map.of(), empty)).isFalse();
        assertThat(RbacInputOptions.clusterConfigured(Map.of("KUBECONFIG", config.toString()), empty))
                .isTrue();
        assertThat(RbacInputOptions.clusterConfigured(
                        Map.of("KUBECONFIG", dir.resolve("absent") + java.io.File.pathSeparator + config), empty))
                .as("any file of the list")
                .isTrue();
        assertThat(RbacInputOptions.clusterConfigured(
                        Map.of("KUBECONFIG", dir.resolve("absent").toString()), empty))
                .isFalse();
        Files.createDirectories(dir.resolve("home/.kube"));
        Files.copy(config, dir.resolve("home/.kube/config"));
        assertThat(RbacInputOptions.clusterConfigured(
                        Map.of(), dir.resolve("home").toString()))
                .isTrue();
    }
}
