package io.kubelpa.audit.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogReaderTest {
    private static final String E1 =
            "{\"kind\":\"Event\",\"auditID\":\"e1\",\"stage\":\"ResponseComplete\",\"verb\":\"get\","
                    + "\"requestURI\":\"/api\",\"user\":{\"username\":\"a\"},\"responseStatus\":{\"code\":200},\"stageTimestamp\":\"2025-05-01T00:00:00Z\"}";
    private static final String E2 = E1.replace("e1", "e2");

    @TempDir
    Path dir;

    private final AuditLogReader reader = new AuditLogReader(new AuditRecordDecoder());

    private List<String> read(Path file) throws Exception {
        List<String> seen = new ArrayList<>();
        reader.read(file, (location, result) -> {
            result.events()
                    .forEach(e -> seen.add(location.substring(location.lastIndexOf('/') + 1) + " " + e.auditID()));
            result.skipped()
                    .forEach(s ->
                            seen.add(location.substring(location.lastIndexOf('/') + 1) + " skipped " + s.reason()));
            result.deadLetters()
                    .forEach(d -> seen.add(location.substring(location.lastIndexOf('/') + 1) + " dead " + d.reason()));
        });
        return seen;
    }

    @Test
    void readsJsonLinesPrettyPrintedAndConcatenatedRecords() throws Exception {
        Path log = dir.resolve("audit.log");
        String pretty = E2.replace(",", ",\n  ").replace("{\"kind\"", "{\n  \"kind\"");
        Files.writeString(log, E1 + "\n\n" + pretty + "\n" + E1.replace("e1", "e3") + E1.replace("e1", "e4") + "\n");
        assertThat(read(log)).containsExactly("audit.log:1 e1", "audit.log:3 e2", "audit.log:12 e3", "audit.log:12 e4");
    }

    @Test
    void readsGzipByContentWhateverTheName() throws Exception {
        Path rotated = dir.resolve("audit-2025-05-01T10-00-00.000.log.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(rotated))) {
            out.write((E1 + "\n" + E2 + "\n").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(read(rotated)).containsExactly(rotated.getFileName() + ":1 e1", rotated.getFileName() + ":2 e2");
    }

    @Test
    void aGzipCutShortKeepsTheRecordsBeforeTheCutAndEndsInADeadLetter() throws Exception {
        Path whole = dir.resolve("whole.log.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(whole))) {
            for (int i = 0; i < 2000; i++) {
                out.write((E1.replace("e1", "e" + i) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.log.gz"), java.util.Arrays.copyOf(bytes, bytes.length - 20));
        List<String> seen = read(cut);
        assertThat(seen).last().isEqualTo("cut.log.gz dead unreadable-file");
        assertThat(seen.stream().filter(line -> !line.contains(" dead ")).count())
                .as("complete records before the cut")
                .isGreaterThanOrEqualTo(1990);
    }

    @Test
    void badLinesAreDeadLetteredAndReadingGoesOn() throws Exception {
        Path log = dir.resolve("mixed.log");
        Files.writeString(log, E1 + "\nnot json at all\n{\"kind\": 0}\n" + E2 + "\n{\"auditID\":\"cut\",");
        assertThat(read(log))
                .containsExactly(
                        "mixed.log:1 e1",
                        "mixed.log:2 dead not-json",
                        "mixed.log:3 dead not-an-audit-event",
                        "mixed.log:4 e2",
                        "mixed.log:5 dead malformed-json");
    }

    @Test
    void aLineCutOffMidwayDoesNotSwallowTheLinesAfterIt() throws Exception {
        Path log = dir.resolve("crashed.log");
        String wrapped = "{\"log\":" + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(E1) + "}";
        Files.writeString(
                log,
                E1.substring(0, 40) + "\n" + E2 + "\n" + E1.substring(0, E1.indexOf("\"user\"")) + "\n"
                        + E1.replace("e1", "e3") + "\n" + wrapped.substring(0, wrapped.indexOf('\\') + 1) + "\n"
                        + E1.replace("e1", "e4") + "\n");
        assertThat(read(log))
                .containsExactly(
                        "crashed.log:1 dead malformed-json",
                        "crashed.log:2 e2",
                        "crashed.log:3 dead malformed-json",
                        "crashed.log:4 e3",
                        "crashed.log:5 dead malformed-json",
                        "crashed.log:6 e4");
    }

    @Test
    void oversizedRecordsAreReportedWithoutBeingHeld() throws Exception {
        assertThat(splits("{\"auditID\":\"" + "x".repeat(200) + "\"}\n{\"a\":1}\n", 64))
                .containsExactly("1 oversized", "2 7");
        assertThat(splits("{\"auditID\":\"" + "x".repeat(200) + "\",\n\"a\":1}\n{\"b\":2}\n", 64))
                .as("reading resumes at the next line that starts a value")
                .containsExactly("1 oversized", "3 7");
    }

    private static List<String> splits(String text, int limit) throws Exception {
        JsonRecordSplitter splitter =
                new JsonRecordSplitter(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), limit);
        List<String> seen = new ArrayList<>();
        for (JsonRecordSplitter.Split split = splitter.next(); split != null; split = splitter.next()) {
            seen.add(split.line() + " " + (split.oversized() ? "oversized" : String.valueOf(split.bytes().length)));
        }
        return seen;
    }

    @Test
    void readsYamlDocumentsAndCsvProjections() throws Exception {
        Path yaml = dir.resolve("events.yaml");
        Files.writeString(
                yaml,
                "kind: Event\nauditID: y1\nverb: get\nrequestURI: /version\nuser: {username: a}\nstageTimestamp: 2025-05-01T00:00:00Z\n---\n"
                        + "apiVersion: audit.k8s.io/v1\nkind: Policy\nrules: [{level: Metadata}]\n");
        assertThat(read(yaml)).containsExactly("events.yaml#0 y1", "events.yaml#1 skipped other-kind");
        Path csv = dir.resolve("audit.csv");
        Files.writeString(
                csv,
                "\"{\"\"name\"\":\"\"cp\"\"}\",2023-01-27T18:28:08.129781Z,system:node:n1,watch,configmaps,,cfg,,"
                        + "/api/v1/namespaces/kube-flannel/configmaps?watch=true,c1,ResponseStarted,200,,,\n"
                        + "\"{\"\"name\"\":\"\"cp\"\"}\",2023-01-27T18:28:09Z,system:kube-scheduler,list,nodes\n");
        assertThat(read(csv)).containsExactly("audit.csv:1 c1", "audit.csv:2 dead malformed-csv");
    }

    @Test
    void listsFilesRecursivelyWithoutHiddenOrMarkdown() throws Exception {
        Files.createDirectories(dir.resolve("a/b"));
        Files.createDirectories(dir.resolve(".cache"));
        Files.writeString(dir.resolve("a/b/audit.log"), E1);
        Files.writeString(dir.resolve("a/README.md"), "# notes");
        Files.writeString(dir.resolve(".cache/x.log"), E1);
        assertThat(AuditLogReader.files(List.of(dir))).containsExactly(dir.resolve("a/b/audit.log"));
    }

    @Test
    void gzipStreamsAreRecognisedInMemoryToo() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(E1.getBytes(StandardCharsets.UTF_8));
        }
        List<String> ids = new ArrayList<>();
        reader.read(
                "kafka-message", new ByteArrayInputStream(bytes.toByteArray()), (location, result) -> result.events()
                        .forEach(e -> ids.add(location + " " + e.auditID())));
        assertThat(ids).containsExactly("kafka-message:1 e1");
    }
}
