package io.kubelpa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubelpa.report.UsageJsonReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lpa analyze} in a JVM of its own whose heap is far smaller than an in-memory ledger of the
 * log's subjects would need (about 4 KiB a subject there): the ledger and the dead letters are kept
 * on disk, refusals give a bounded number of findings, and the report caps its rows, so the run
 * completes and its outputs still account for every subject and every bad record.
 */
class AnalyzeHeapITCase {
    private static final int SUBJECTS = 120_000;
    private static final int BAD_RECORDS = 200_000;
    private static final String HEAP = "-Xmx128m";

    @Test
    void aLogOfManyDistinctSubjectsIsAnalysedInASmallHeap(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("audit.log");
        writeLog(log);
        Path rbac = dir.resolve("rbac.yaml");
        Files.writeString(rbac, RBAC);
        Path out = dir.resolve("out");

        Process lpa = childJvm(
                dir,
                "analyze",
                "--rbac",
                rbac.toString(),
                "--audit-log",
                log.toString(),
                "--out",
                out.toString(),
                "-q",
                "--sort-memory",
                "64mb");
        boolean finished = lpa.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            lpa.destroyForcibly();
        }
        String output = Files.readString(dir.resolve("lpa.txt"));
        assertThat(finished).as("finished in time: " + output).isTrue();
        assertThat(lpa.exitValue()).as(output).isZero();
        assertThat(output).contains(SUBJECTS + " subjects", BAD_RECORDS + " records dead-lettered");
        try (var lines = Files.lines(out.resolve("dead-letter.jsonl"))) {
            assertThat(lines.count()).isEqualTo(BAD_RECORDS);
        }

        long[] listed = {0};
        UsageJsonReader.read(out.resolve("usage.json"), new UsageJsonReader.Visitor() {
            @Override
            public void subject(JsonNode subject) {
                listed[0]++;
            }
        });
        assertThat(listed[0]).as("usage.json lists every subject").isEqualTo(SUBJECTS);

        JsonNode findings = new ObjectMapper()
                .readTree(out.resolve("findings.json").toFile())
                .get("findings");
        List<JsonNode> denied = new ArrayList<>();
        findings.forEach(f -> {
            if (f.get("type").asText().equals("DENIED_REQUESTS")) {
                denied.add(f);
            }
        });
        int refused = SUBJECTS / 2;
        assertThat(denied).hasSize(io.kubelpa.findings.FindingsOptions.MAX_DENIED_SUBJECTS + 1);
        assertThat(denied)
                .filteredOn(f -> f.get("subject").isNull())
                .singleElement()
                .satisfies(
                        rest -> assertThat(rest.get("evidence").get("subjects").asLong())
                                .isEqualTo(refused - io.kubelpa.findings.FindingsOptions.MAX_DENIED_SUBJECTS));
        assertThat(Files.readString(out.resolve("report.md"))).contains("of " + SUBJECTS);
    }

    /** The test's own class path and Java, with a small heap; stdout and stderr into lpa.txt. */
    private static Process childJvm(Path dir, String... args) throws IOException {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(
                java,
                HEAP,
                // Flink's network buffers are direct memory, which defaults to the heap's size: not what is measured
                // here
                "-XX:MaxDirectMemorySize=512m",
                "-cp",
                System.getProperty("java.class.path"),
                LpaCommand.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("lpa.txt").toFile())
                .start();
    }

    /**
     * Every subject makes one request: the even ones are allowed through the readers group's binding, the
     * odd refused; between them, lines that are no JSON.
     */
    private static void writeLog(Path log) throws IOException {
        try (BufferedWriter writer = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (int i = 0; i < SUBJECTS; i++) {
                boolean allowed = i % 2 == 0;
                String time = Instant.ofEpochSecond(1_746_057_600L + i / 100).toString();
                writer.write(
                        "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\",\"auditID\":\"a-"
                                + i
                                + "\",\"stage\":\"ResponseComplete\",\"requestURI\":\"/api/v1/namespaces/bench/pods\",\"verb\":\"list\","
                                + "\"user\":{\"username\":\"user-" + i + "\",\"groups\":["
                                + (allowed ? "\"readers\"," : "")
                                + "\"system:authenticated\"]},\"objectRef\":{\"resource\":\"pods\",\"namespace\":\"bench\",\"apiVersion\":\"v1\"},"
                                + "\"responseStatus\":{\"code\":" + (allowed ? 200 : 403)
                                + "},\"requestReceivedTimestamp\":\"" + time
                                + "\",\"stageTimestamp\":\"" + time
                                + "\",\"annotations\":{\"authorization.k8s.io/decision\":\""
                                + (allowed ? "allow" : "forbid") + "\"}}\n");
            }
            for (int i = 0; i < BAD_RECORDS; i++) {
                writer.write("not json " + i + "\n");
            }
        }
    }

    private static final String RBAC = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: pod-reader
            rules:
              - apiGroups: [""]
                resources: ["pods"]
                verbs: ["get", "list", "watch"]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata:
              name: readers
            roleRef:
              apiGroup: rbac.authorization.k8s.io
              kind: ClusterRole
              name: pod-reader
            subjects:
              - kind: Group
                name: readers
            """;
}
