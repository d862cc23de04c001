package io.kubelpa.stream;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;

/**
 * A Flink session cluster (one JobManager, two TaskManagers) in a JVM of its own whose classpath holds
 * Flink and nothing of kube-lpa or Kafka, as a real cluster's does: the job jar must bring them. The
 * test reaches it through its REST endpoint only.
 */
final class TestingFlinkCluster implements AutoCloseable {
    private static final List<String> NOT_ON_A_FLINK_CLUSTER = List.of(
            "kafka",
            "/io/kubelpa/",
            "kube-lpa-",
            "rbac-model",
            "generator",
            "jobs",
            "kubernetes-",
            "jte",
            "org.eclipse.jgit",
            "scala-",
            "picocli",
            "java-diff-utils",
            "/classes",
            "selenium");

    private final Process process;
    private final URI rest;

    private TestingFlinkCluster(Process process, URI rest) {
        this.process = process;
        this.rest = rest;
    }

    /** Starts the cluster JVM and waits for its REST address. */
    static TestingFlinkCluster start(List<String> jvmOptions, Path testClasses) throws IOException {
        List<String> classpath = new ArrayList<>();
        classpath.add(testClasses.toAbsolutePath().toString());
        classpath.addAll(flinkClasspath());
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", String.join(File.pathSeparator, classpath), TestingFlinkCluster.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        StringBuilder seen = new StringBuilder();
        while ((line = out.readLine()) != null) {
            if (line.startsWith("REST ")) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> {}), "flink-cluster-output");
                drain.setDaemon(true);
                drain.start();
                return new TestingFlinkCluster(
                        process, URI.create(line.substring(5).trim()));
            }
            seen.append(line).append('\n');
        }
        throw new IOException("the Flink cluster did not start:\n" + seen);
    }

    URI rest() {
        return rest;
    }

    /** This test's classpath without anything a Flink cluster does not have. */
    static List<String> flinkClasspath() {
        List<String> classpath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (NOT_ON_A_FLINK_CLUSTER.stream().noneMatch(entry::contains)) {
                classpath.add(entry);
            }
        }
        return classpath;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** The cluster JVM: a MiniCluster with REST on loopback, until its input closes or it is killed. */
    public static void main(String[] args) throws Exception {
        Configuration config = new Configuration();
        config.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        config.set(RestOptions.ADDRESS, "127.0.0.1");
        config.set(RestOptions.BIND_PORT, "0");
        // A session cluster running a jar's main method in the JobManager (REST submission) loads the
        // jar in two user-code loaders; parent-first, as deploy/ configures session clusters, keeps the
        // Kafka client classes of both consistent (child-first breaks Java's loader constraints here).
        config.setString("classloader.resolve-order", "parent-first");
        try (MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(config)
                .setNumTaskManagers(2)
                .setNumSlotsPerTaskManager(1)
                .build())) {
            cluster.start();
            System.out.println("REST " + cluster.getRestAddress().get());
            System.out.flush();
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** JVM options given as one line, as a system property carries them. */
    static List<String> argLine(String line) {
        return Arrays.stream(line.trim().split("\\s+"))
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
