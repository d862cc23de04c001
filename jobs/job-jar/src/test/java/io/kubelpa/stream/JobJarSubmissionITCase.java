package io.kubelpa.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubelpa.report.UsageJsonWriter;
import io.kubelpa.samples.SampleAuditLogsTest;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
    private final HttpClient http = HttpClient.newHttpClient();

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

            JsonNode taskManagers = get(rest.resolve("/taskmanagers"));
            assertThat(taskManagers.get("taskmanagers")).hasSize(2);
            String jarId = upload(rest);
            ObjectNode run = JSON.createObjectNode()
                    .put("entryClass", "io.kubelpa.stream.StreamJobMain")
                    .put("parallelism", 2);
            run.putArray("programArgsList")
                    .add("--config")
                    .add(config.toString())
                    .add("--rbac")
                    .add(SampleMessages.SAMPLES.resolve("rbac").toAbsolutePath().toString());
            String jobId = post(rest.resolve("/jars/" + jarId + "/run"), run)
                    .get("jobid")
                    .asText();
            JsonNode job = awaitEnd(rest, jobId);
            assertThat(job.get("state").asText())
                    .as(get(rest.resolve("/jobs/" + jobId + "/exceptions")).toString())
                    .isEqualTo("FINISHED");
            assertThat(job.get("vertices"))
                    .anySatisfy(v -> assertThat(v.get("parallelism").asInt()).isEqualTo(2));

            JsonNode subjects = JSON.readTree(
                            dir.resolve("out/reviews/latest/usage.json").toFile())
                    .get("subjects")
                    .deepCopy();
            subjects.forEach(s -> ((ObjectNode) s).remove("bindingsHeld"));
            JsonNode expected = JSON.readTree(new UsageJsonWriter()
                    .usage(SampleAuditLogsTest.analyseSamples())
                    .get("subjects")
                    .toString());
            assertThat(subjects).isEqualTo(expected);
        }
    }

    private String upload(URI rest) throws Exception {
        String boundary = "----kube-lpa-" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\"kube-lpa-job.jar\"\r\n"
                        + "Content-Type: application/x-java-archive\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(JAR));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(rest.resolve("/jars/upload"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String file = JSON.readTree(response.body()).get("filename").asText();
        return Path.of(file).getFileName().toString();
    }

    private JsonNode awaitEnd(URI rest, String jobId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
        while (true) {
            JsonNode job = get(rest.resolve("/jobs/" + jobId));
            String state = job.get("state").asText();
            if (List.of("FINISHED", "FAILED", "CANCELED").contains(state) || System.nanoTime() > deadline) {
                return job;
            }
            Thread.sleep(500);
        }
    }

    private JsonNode get(URI uri) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString())
                .body());
    }

    private JsonNode post(URI uri, JsonNode body) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
