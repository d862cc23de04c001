package io.kubelpa.audit.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplittableLogsTest {
    private static final String LINES = "{\"auditID\":\"a\",\"note\":\"{not a brace}\"}\n".repeat(100);

    @TempDir
    Path dir;

    @Test
    void largeLineDelimitedLogsAreCutIntoRangesThatCoverTheFile() throws Exception {
        Path log = Files.writeString(dir.resolve("audit.log"), LINES);
        long size = Files.size(log);
        assertThat(SplittableLogs.ranges(log, 1000))
                .hasSize((int) ((size + 999) / 1000))
                .allSatisfy(r -> assertThat(r.length()).isPositive().isLessThanOrEqualTo(1000))
                .last()
                .satisfies(r -> assertThat(r.start() + r.length()).isEqualTo(size));
        assertThat(SplittableLogs.ranges(log, size)).containsExactly(new SplittableLogs.Range(0, size));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SplittableLogs.ranges(log, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one byte");
    }

    @Test
    void otherLayoutsAreReadWhole() throws Exception {
        Path pretty = Files.writeString(dir.resolve("pretty.json"), "{\n  \"auditID\": \"a\"\n}\n".repeat(100));
        Path array = Files.writeString(dir.resolve("array.json"), "[" + "{\"auditID\":\"a\"},\n".repeat(100) + "{}]\n");
        Path yaml = Files.writeString(dir.resolve("events.yaml"), LINES);
        Path text = Files.writeString(dir.resolve("legacy.log"), "AUDIT: id=\"a\" ip=\"1.2.3.4\"\n".repeat(100));
        Path cutOff = Files.writeString(dir.resolve("cut.log"), "{\"a\":{\"b\":1}\n" + LINES);
        Path gzip = dir.resolve("audit.log.1");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
            out.write(LINES.repeat(20).getBytes(StandardCharsets.UTF_8));
        }
        for (Path file : new Path[] {pretty, array, yaml, text, gzip, cutOff}) {
            assertThat(SplittableLogs.ranges(file, 100))
                    .as(file.getFileName().toString())
                    .containsExactly(new SplittableLogs.Range(0, Files.size(file)));
        }
    }
}
