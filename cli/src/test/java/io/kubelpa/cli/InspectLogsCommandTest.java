package io.kubelpa.cli;

import static io.kubelpa.cli.CliRun.lpa;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectLogsCommandTest {
    private static final String EVENT =
            "{\"kind\":\"Event\",\"auditID\":\"e1\",\"verb\":\"get\",\"requestURI\":\"/api\","
                    + "\"user\":{\"username\":\"a\"},\"responseStatus\":{\"code\":200},\"stageTimestamp\":\"2025-05-01T00:00:00Z\"}";

    @Test
    void accountsForEveryRecord(@TempDir Path dir) throws Exception {
        Files.writeString(
                dir.resolve("audit.log"),
                EVENT + "\n{\"kind\":0}\n"
                        + "2017-03-21T03:57:09.106841886-04:00 AUDIT: id=\"c9\" ip=\"127.0.0.1\" method=\"GET\"\n");
        CliRun run = lpa("inspect-logs", dir.toString(), "-o", "json");
        JsonNode total = new ObjectMapper().readTree(run.out()).get("total");
        assertThat(total.get("records").asLong()).isEqualTo(3);
        assertThat(total.get("events").asLong()).isEqualTo(1);
        assertThat(total.get("skippedByReason").get("legacy-text-format").asLong())
                .isEqualTo(1);
        assertThat(total.get("deadLettered").asLong()).isEqualTo(1);
        assertThat(new ObjectMapper()
                        .readTree(run.out())
                        .get("deadLetters")
                        .get(0)
                        .get("location")
                        .asText())
                .endsWith("audit.log:2");
        assertThat(lpa("inspect-logs", dir.toString(), "--max-dead-letters", "0")
                        .exitCode())
                .isEqualTo(ExitCodes.NO);
        assertThat(lpa("inspect-logs", dir.toString(), "--max-dead-letters", "1")
                        .exitCode())
                .isZero();
        assertThat(lpa("inspect-logs", dir.toString(), "--input-format", "nonsense")
                        .exitCode())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(lpa("inspect-logs", dir.toString(), "--max-clock-skew", "-1h")
                        .exitCode())
                .isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void eachFileSaysItsFormatHowManyEventsLackGroupsAndTheTimeItSpans(@TempDir Path dir) throws Exception {
        Files.writeString(
                dir.resolve("native.log"),
                EVENT + "\n" + EVENT.replace("e1", "e2").replace("00:00:00Z", "06:30:00Z") + "\n");
        Files.writeString(dir.resolve("gke.json"), """
                {"insertId":"gke-1","labels":{"authorization.k8s.io/decision":"allow","authorization.k8s.io/reason":""},\
                 "protoPayload":{"@type":"type.googleapis.com/google.cloud.audit.AuditLog","serviceName":"k8s.io",\
                   "authenticationInfo":{"principalEmail":"alice@example.com"},"methodName":"io.k8s.core.v1.pods.list",\
                   "resourceName":"core/v1/namespaces/team/pods","status":{}},"timestamp":"2025-05-02T10:00:00Z"}
                """);
        JsonNode files = new ObjectMapper()
                .readTree(lpa("inspect-logs", dir.toString(), "-o", "json").out())
                .get("files");
        JsonNode nativeLog = files.get(dir.resolve("native.log").toString());
        assertThat(nativeLog.get("degraded").asLong()).isZero();
        assertThat(nativeLog.get("from").asText()).startsWith("2025-05-01T00:00:00");
        assertThat(nativeLog.get("to").asText()).startsWith("2025-05-01T06:30:00");
        JsonNode gke = files.get(dir.resolve("gke.json").toString());
        assertThat(gke.get("events").asLong()).isEqualTo(1);
        assertThat(gke.get("degraded").asLong()).isEqualTo(1);
        assertThat(nativeLog.get("formats").get("event").asLong()).isEqualTo(2);
        assertThat(gke.get("formats").get("gke").asLong()).isEqualTo(1);
        assertThat(lpa("inspect-logs", dir.toString()).out())
                .contains("FORMAT", "NO-GROUPS", "2025-05-02T10:00:00")
                .containsPattern("gke\\.json +gke +1 ");
    }

    @Test
    void anEventFromTheFutureOfItsFileIsADeadLetterNamingBothTimes(@TempDir Path dir) throws Exception {
        String future = EVENT.replace("\"e1\"", "\"e2\"").replace("2025-05-01T00:00:00Z", "2400-01-01T00:00:00Z");
        Files.writeString(dir.resolve("audit.log"), future + "\n");
        JsonNode report = new ObjectMapper()
                .readTree(lpa("inspect-logs", dir.toString(), "-o", "json").out());
        assertThat(report.get("total").get("events").asLong()).isZero();
        JsonNode letter = report.get("deadLetters").get(0);
        assertThat(letter.get("reason").asText()).isEqualTo("implausible-time");
        assertThat(letter.get("location").asText()).endsWith("audit.log:1");
        assertThat(letter.get("detail").asText()).contains("2400-01-01T00:00:00Z", "after its record was written");
    }

    @Test
    void anEventWithoutATimeIsADeadLetterNotARequest(@TempDir Path dir) throws Exception {
        StringBuilder log = new StringBuilder();
        String[] times = {"\"\"", "null", "1e300", "\"2025-13-01T00:00:00Z\""};
        for (int i = 0; i < times.length; i++) {
            log.append(EVENT.replace("\"e1\"", "\"t" + i + "\"").replace("\"2025-05-01T00:00:00Z\"", times[i]))
                    .append('\n');
        }
        Files.writeString(dir.resolve("audit.log"), log);
        JsonNode report = new ObjectMapper()
                .readTree(lpa("inspect-logs", dir.toString(), "-o", "json").out());
        assertThat(report.get("total").get("events").asLong()).isZero();
        assertThat(report.get("deadLetters").findValuesAsText("reason"))
                .containsExactly("missing-timestamp", "missing-timestamp", "bad-timestamp", "bad-timestamp");
    }

    @Test
    void aFifoGivenAsAnAuditLogIsRefusedInsteadOfReadForEver(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("audit.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor())
                .isZero();
        CliRun run = lpa("inspect-logs", fifo.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).contains("not a regular file");
    }

    @Test
    void entriesOfALogFolderThatAreNoFilesAreDeadLettersNotSilence(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("audit.log"), EVENT + "\n");
        Files.createSymbolicLink(dir.resolve("dangling.log"), dir.resolve("gone"));
        assertThat(new ProcessBuilder("mkfifo", dir.resolve("pipe.log").toString())
                        .start()
                        .waitFor())
                .isZero();
        JsonNode report = new ObjectMapper()
                .readTree(lpa("inspect-logs", dir.toString(), "-o", "json").out());
        assertThat(report.get("total").get("events").asLong()).isEqualTo(1);
        assertThat(report.get("deadLetters").findValuesAsText("location"))
                .anyMatch(l -> l.endsWith("dangling.log"))
                .anyMatch(l -> l.endsWith("pipe.log"));
        assertThat(report.get("deadLetters").findValuesAsText("reason")).containsOnly("unreadable-file");
    }
}
