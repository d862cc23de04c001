package io.kubelpa.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jar on a Flink session cluster of separate processes (a JobManager and two TaskManagers,
 * started from Flink's entry points), submitted over REST at parallelism 4. A TaskManager is killed
 * with SIGKILL mid-stream and replaced; later the JobManager is killed, started again, and the job
 * resubmitted from its latest retained checkpoint, as deploy/'s Kubernetes HA does by itself. Every
 * review checked equals the bounded analysis of the samples.
 */
class MultiProcessFailoverITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path JAR = Path.of("target", "kube-lpa-job.jar");
    private static final List<String> ENDED = List.of("FINISHED", "FAILED", "CANCELED");

    @Test
    void killedTaskManagerAndJobManagerLeaveEveryReviewAsTheBoundedAnalysisSaysIt(@TempDir Path dir) throws Exception {
        assertThat(JAR).as("built by the package phase").exists();
        Path checkpoints = dir.resolve("checkpoints");
        Path out = dir.resolve("out");
        List<byte[]> samples = SampleMessages.all();
        int half = samples.size() / 2;
        try (TestingKafka kafka = new TestingKafka();
                FlinkSessionProcesses cluster = FlinkSessionProcesses.start(
                        dir.resolve("flink"),
                        checkpoints,
                        2,
                        TestingFlinkCluster.argLine(System.getProperty("flink.jvm.options", "")))) {
            FlinkRest flink = new FlinkRest(cluster.rest());
            try {
                flink.awaitTaskManagers(2, Duration.ofSeconds(90));
                kafka.createTopic("audit-processes", 4, false);
                kafka.produce("audit-processes", samples.subList(0, half));
                Path config = writeConfig(dir, kafka, out, checkpoints);

                String jarId = flink.upload(JAR);
                String job = flink.run(jarId, run(config, null));
                assertThat(flink.awaitState(job, List.of("RUNNING"), Duration.ofSeconds(60)))
                        .isEqualTo("RUNNING");
                awaitCheckpoint(checkpoints, job, Duration.ofSeconds(90));

                cluster.killTaskManager(0);
                cluster.startTaskManager();
                kafka.produce("audit-processes", samples.subList(half, samples.size()));
                kafka.produceToEveryPartition("audit-processes", SampleMessages.clock("2025-05-06T12:00:00Z"));
                Path review = out.resolve("reviews").resolve("2025-05-04T00-00-00Z");
                awaitFile(review.resolve("verification.json"), Duration.ofSeconds(180));
                assertThat(restarts(flink, job))
                        .as("the job failed over after the kill")
                        .isPositive();
                BoundedSamples.assertReviewEqualsTheBoundedAnalysis(review);

                // The JobManager goes; a new one starts, and the job is submitted again from its latest
                // retained checkpoint (deploy/: Kubernetes HA and upgradeMode last-state do this themselves).
                awaitCheckpoint(checkpoints, job, Duration.ofSeconds(60));
                cluster.killJobManager();
                Path retained = latestCheckpoint(checkpoints, job).orElseThrow();
                cluster.startJobManager();
                flink.awaitTaskManagers(2, Duration.ofSeconds(120));
                String resumed = flink.run(flink.upload(JAR), run(config, retained));
                assertThat(flink.awaitState(resumed, List.of("RUNNING"), Duration.ofSeconds(60)))
                        .isEqualTo("RUNNING");
                assertThat(flink.get("/jobs/" + resumed + "/checkpoints")
                                .path("latest")
                                .path("restored")
                                .path("external_path")
                                .asText())
                        .as("the resumed job restored the retained checkpoint")
                        .endsWith(retained.getFileName().toString());
                kafka.produceToEveryPartition("audit-processes", SampleMessages.clock("2025-05-08T12:00:00Z"));
                Path later = out.resolve("reviews").resolve("2025-05-08T00-00-00Z");
                awaitFile(later.resolve("verification.json"), Duration.ofSeconds(180));
                BoundedSamples.assertReviewEqualsTheBoundedAnalysis(later);
                assertThat(flink.awaitState(resumed, ENDED, Duration.ofSeconds(1)))
                        .isEqualTo("RUNNING");
            } catch (AssertionError | Exception e) {
                throw new AssertionError(e.getMessage() + "\n" + cluster.tails(), e);
            }
        }
    }

    private static Path writeConfig(Path dir, TestingKafka kafka, Path out, Path checkpoints) throws Exception {
        Path config = dir.resolve("stream.yaml");
        Files.writeString(
                config,
                String.join(
                                "\n",
                                "lpa.kafka.bootstrap-servers: " + kafka.bootstrapServers(),
                                "lpa.kafka.topics: audit-processes",
                                "lpa.kafka.starting-offsets: earliest",
                                "lpa.output-dir: " + out,
                                "lpa.window: 3650 d",
                                // Event time moves only once every reader saw the clock event (see StreamJobITCase).
                                "lpa.event-time.idleness: 1 h",
                                "lpa.parallelism: 4",
                                "execution.checkpointing.interval: 1 s",
                                "execution.checkpointing.dir: " + checkpoints.toUri())
                        + "\n");
        return config;
    }

    private static ObjectNode run(Path config, Path savepoint) {
        ObjectNode run = JSON.createObjectNode()
                .put("entryClass", "io.kubelpa.stream.StreamJobMain")
                .put("parallelism", 4);
        if (savepoint != null) {
            run.put("savepointPath", savepoint.toUri().toString());
        }
        run.putArray("programArgsList")
                .add("--config")
                .add(config.toString())
                .add("--rbac")
                .add(SampleMessages.SAMPLES.resolve("rbac").toAbsolutePath().toString());
        return run;
    }

    private static long restarts(FlinkRest flink, String job) throws Exception {
        return flink.get("/jobs/" + job).path("timestamps").path("RESTARTING").asLong();
    }

    private static Optional<Path> latestCheckpoint(Path checkpoints, String job) throws Exception {
        Path dir = checkpoints.resolve(job);
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> all = Files.list(dir)) {
            return all.filter(
                            d -> d.getFileName().toString().matches("chk-\\d+") && Files.exists(d.resolve("_metadata")))
                    .max(Comparator.comparingLong(
                            d -> Long.parseLong(d.getFileName().toString().substring(4))));
        }
    }

    private static void awaitCheckpoint(Path checkpoints, String job, Duration timeout) throws Exception {
        Optional<Path> before = latestCheckpoint(checkpoints, job);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (latestCheckpoint(checkpoints, job).equals(before)
                || latestCheckpoint(checkpoints, job).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no new completed checkpoint of " + job + " in " + timeout);
            }
            Thread.sleep(200);
        }
    }

    private static void awaitFile(Path file, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + file);
            }
            Thread.sleep(250);
        }
    }
}
