package io.kubelpa.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jar as a real cluster gets it: uploaded through the REST API only to a Flink cluster (its
 * own JVM, two TaskManagers, nothing of kube-lpa or Kafka on its classpath), run at parallelism 2
 * against a real Kafka broker, its final review checked against the bounded analysis.
 */
class JobJarSubmissionITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path JAR = Path.of("target", "kube-lpa-job.jar");

    @Test
    void theJobJarRunsOnAClusterThroughItsRestApi(@TempDir Path dir) throws Exception {
        assertThat(JAR).as("built by the package phase").exists();
        try (TestingKafka kafka = new TestingKafka();
                TestingFlinkCluster cluster = TestingFlinkCluster.start(
                        TestingFlinkCluster.argLine(System.getProperty("flink.jvm.options", "")),
                        Path.of("target", "test-classes"))) {
            URI rest = cluster.rest();
            kafka.createTopic("audit-rest", 2, false);
            kafka.produce("audit-rest", SampleMessages.all());
            Path config = dir.resolve("stream.yaml");
            Files.writeString(
                    config,
                    String.join(
                                    "\n",
                                    "lpa.kafka.bootstrap-servers: " + kafka.bootstrapServers(),
                                    "lpa.kafka.topics: audit-rest",
                                    "lpa.kafka.starting-offsets: earliest",
                                    "lpa.kafka.stop-at-latest: true",
                                    "lpa.output-dir: " + dir.resolve("out"),
                                    "lpa.window: 3650 d",
                                    "lpa.event-time.idleness: 500 ms",
                                    "lpa.parallelism: 2",
                                    "execution.checkpointing.interval: 1 s",
                                    "execution.checkpointing.dir: "
                                            + dir.resolve("checkpoints").toUri())
                            + "\n");

            FlinkRest flink = new FlinkRest(rest);
            JsonNode taskManagers = flink.get("/taskmanagers");
            assertThat(taskManagers.get("taskmanagers")).hasSize(2);
            String jarId = flink.upload(JAR);
            ObjectNode run = JSON.createObjectNode()
                    .put("entryClass", "io.kubelpa.stream.StreamJobMain")
                    .put("parallelism", 2);
            run.putArray("programArgsList")
                    .add("--config")
                    .add(config.toString())
                    .add("--rbac")
                    .add(SampleMessages.SAMPLES.resolve("rbac").toAbsolutePath().toString());
            String jobId = flink.run(jarId, run);
            flink.awaitState(jobId, List.of("FINISHED", "FAILED", "CANCELED"), Duration.ofSeconds(150));
            JsonNode job = flink.get("/jobs/" + jobId);
            assertThat(job.get("state").asText())
                    .as(flink.get("/jobs/" + jobId + "/exceptions").toString())
                    .isEqualTo("FINISHED");
            assertThat(job.get("vertices"))
                    .anySatisfy(v -> assertThat(v.get("parallelism").asInt()).isEqualTo(2));

            BoundedSamples.assertReviewEqualsTheBoundedAnalysis(dir.resolve("out/reviews/latest"));
        }
    }
}
