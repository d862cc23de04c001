package io.kubelpa.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubelpa.report.UsageJsonWriter;
import io.kubelpa.samples.SampleAuditLogsTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The streaming tests' oracle on the sample logs: a review's ledger against the bounded analysis of all of them. */
final class SampleLedger {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode expected;

    private SampleLedger() {}

    /** The bounded analysis's subjects, read back through text as the job's files are, so numbers compare alike. */
    static synchronized JsonNode expected() throws Exception {
        if (expected == null) {
            expected = JSON.readTree(new UsageJsonWriter()
                    .usage(SampleAuditLogsTest.analyseSamples())
                    .get("subjects")
                    .toString());
        }
        return expected;
    }

    private static JsonNode subjectsOf(Path review) throws Exception {
        return JSON.readTree(review.resolve("usage.json").toFile()).get("subjects");
    }

    /** The ledger as lines (subject, kind, shape, count, times), so a difference reads as a diff. */
    static List<String> lines(JsonNode subjects) {
        List<String> lines = new ArrayList<>();
        for (JsonNode subject : subjects) {
            for (String kind : List.of("used", "denied")) {
                for (JsonNode shape : subject.get(kind)) {
                    lines.add(String.join(
                            " ",
                            subject.get("username").asText(),
                            kind,
                            shape.get("verb").asText(),
                            shape.get("apiGroup").asText(),
                            shape.get("resource").asText(),
                            shape.get("subresource").asText(),
                            shape.get("namespace").asText(),
                            shape.path("nonResourceURL").asText(),
                            "x" + shape.get("count").asText(),
                            shape.get("firstSeen").asText(),
                            shape.get("lastSeen").asText(),
                            shape.get("sampleAuditIDs").toString(),
                            shape.path("grants").toString()));
                }
            }
        }
        return lines;
    }

    static void assertEqualsTheBoundedAnalysis(Path review) throws Exception {
        JsonNode actual = subjectsOf(review).deepCopy();
        // The review adds the bindings each subject holds; the ledger itself must equal the bounded one.
        actual.forEach(
                subject -> assertThat(((com.fasterxml.jackson.databind.node.ObjectNode) subject).remove("bindingsHeld"))
                        .as("bindingsHeld of %s", subject.get("username"))
                        .isNotNull());
        List<String> actualLines = lines(actual);
        List<String> expectedLines = lines(expected());
        List<String> unexpected = actualLines.stream()
                .filter(line -> !expectedLines.contains(line))
                .toList();
        List<String> missing = expectedLines.stream()
                .filter(line -> !actualLines.contains(line))
                .toList();
        assertThat(unexpected)
                .as("ledger lines not expected; and missing instead: %s", missing)
                .isEmpty();
        assertThat(missing).as("ledger lines missing").isEmpty();
        assertThat(actualLines).containsExactlyElementsOf(expectedLines);
        assertThat(actual).isEqualTo(expected());
    }

    static Path awaitFile(Path file, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + file);
            }
            Thread.sleep(200);
        }
        return file;
    }
}
