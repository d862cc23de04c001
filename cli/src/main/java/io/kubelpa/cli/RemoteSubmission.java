package io.kubelpa.cli;

import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.stream.StreamRunner;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Submits the streaming job to a Flink cluster over its REST endpoint, shipping the job jar
 * (job/target/kube-lpa-job.jar: Flink provided, the Kafka connector and kube-lpa inside) when it is
 * built, else kube-lpa's jar and its libraries minus Flink's own.
 */
final class RemoteSubmission {
    private RemoteSubmission() {}

    static JobClient submit(StreamRunner runner, String jobManager, RbacObjects rbac, BuiltinMode mode)
            throws Exception {
        int colon = jobManager.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--jobmanager must be HOST:PORT, not '" + jobManager + "'");
        }
        String host = jobManager.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(jobManager.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--jobmanager port must be a number: '" + jobManager + "'");
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createRemoteEnvironment(
                host, port, runner.flinkConfiguration(), jars().toArray(String[]::new));
        runner.define(env, rbac, mode);
        return env.executeAsync("kube-lpa stream");
    }

    /** The job jar when built, else kube-lpa's jar and the libraries next to it, minus Flink's own. */
    static List<String> jars() throws URISyntaxException, java.io.IOException {
        Path self = Path.of(RemoteSubmission.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        String home = System.getenv("LPA_HOME");
        Path jobJar = (home != null
                        ? Path.of(home)
                        : self.getParent().getParent().getParent())
                .resolve("job/target/kube-lpa-job.jar");
        if (Files.isRegularFile(jobJar)) {
            return List.of(jobJar.toString());
        }
        List<String> jars = new ArrayList<>();
        if (!self.toString().endsWith(".jar")) {
            throw new IllegalArgumentException(
                    "--jobmanager needs kube-lpa run from its jar (./lpa), not from classes");
        }
        jars.add(self.toString());
        Path lib = self.getParent().resolve("lib");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> files = Files.list(lib)) {
                files.map(Path::getFileName)
                        .map(Path::toString)
                        .filter(name -> name.endsWith(".jar")
                                && (!name.startsWith("flink-") || name.startsWith("flink-connector-kafka")))
                        .sorted()
                        .forEach(name -> jars.add(lib.resolve(name).toString()));
            }
        }
        return jars.stream().map(File::new).map(File::getPath).toList();
    }
}
