package io.kubelpa.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A Flink cluster's REST API, as a user's tooling drives it: upload a jar, run it, watch its jobs. */
final class FlinkRest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI rest;

    FlinkRest(URI rest) {
        this.rest = rest;
    }

    /** Uploads a jar; its id for {@link #run}. */
    String upload(Path jar) throws Exception {
        String boundary = "----kube-lpa-" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\"kube-lpa-job.jar\"\r\n"
                        + "Content-Type: application/x-java-archive\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(jar));
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

    /** Runs an uploaded jar; the job id. */
    String run(String jarId, JsonNode request) throws Exception {
        return post(rest.resolve("/jars/" + jarId + "/run"), request)
                .get("jobid")
                .asText();
    }

    JsonNode get(String path) throws Exception {
        return JSON.readTree(http.send(
                        HttpRequest.newBuilder(rest.resolve(path))
                                .timeout(Duration.ofSeconds(10))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
    }

    /** Waits until the REST endpoint answers (a JobManager starting) and {@code taskManagers} registered. */
    void awaitTaskManagers(int taskManagers, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (get("/taskmanagers").path("taskmanagers").size() >= taskManagers) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(taskManagers + " TaskManagers did not register in " + timeout);
            }
            Thread.sleep(500);
        }
    }

    /** The job's state once it is one of {@code states}, or whatever it is at the deadline. */
    String awaitState(String jobId, List<String> states, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String state = get("/jobs/" + jobId).path("state").asText();
            if (states.contains(state) || System.nanoTime() > deadline) {
                return state;
            }
            Thread.sleep(500);
        }
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
