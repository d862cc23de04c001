package io.kubelpa.audit.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineRangeInputStreamTest {
    @TempDir
    Path dir;

    @Test
    void adjacentRangesReadEveryLineExactlyOnce() throws Exception {
        Random random = new Random(7);
        for (int round = 0; round < 500; round++) {
            StringBuilder text = new StringBuilder();
            int lines = random.nextInt(12);
            for (int i = 0; i < lines; i++) {
                text.append("line")
                        .append(i)
                        .append("-")
                        .append("x".repeat(random.nextInt(40)))
                        .append('\n');
            }
            if (random.nextBoolean() && lines > 0) {
                text.setLength(text.length() - 1); // no line break at the end
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            int rangeSize = 1 + random.nextInt(60);
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            for (int start = 0; start < bytes.length; start += rangeSize) {
                joined.write(readRange(bytes, start, Math.min(bytes.length, start + rangeSize)));
            }
            assertThat(joined.toString(StandardCharsets.UTF_8))
                    .as("range size %d", rangeSize)
                    .isEqualTo(text.toString());
        }
    }

    @Test
    void aRangeInsideOneLongLineIsEmpty() throws Exception {
        byte[] bytes = "aaaaaaaaaaaaaaaaaaaa\nbb\n".getBytes(StandardCharsets.UTF_8);
        assertThat(readRange(bytes, 5, 10)).isEmpty();
        assertThat(new String(readRange(bytes, 0, 5), StandardCharsets.UTF_8)).isEqualTo("aaaaaaaaaaaaaaaaaaaa\n");
        assertThat(new String(readRange(bytes, 10, 24), StandardCharsets.UTF_8)).isEqualTo("bb\n");
    }

    @Test
    void aRangeStartingAtALineStartOwnsThatLine() throws Exception {
        byte[] bytes = "ab\ncd\nef\n".getBytes(StandardCharsets.UTF_8);
        LineRangeInputStream range = LineRangeInputStream.open(positioned(bytes, 3), 3, 6);
        assertThat(range.firstLineOffset()).isEqualTo(3);
        assertThat(new String(range.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("cd\n");
    }

    @Test
    void cursorsOverRangesSeeEveryRecordOnceWithItsOffset() throws Exception {
        StringBuilder text = new StringBuilder();
        List<Long> offsets = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            offsets.add((long) text.length());
            text.append("{\"auditID\":\"e")
                    .append(i)
                    .append("\",\"pad\":\"")
                    .append("p".repeat(i % 7))
                    .append("\"}\n");
        }
        Path log = dir.resolve("audit.log");
        Files.writeString(log, text);
        List<String> locations = new ArrayList<>();
        for (SplittableLogs.Range range : SplittableLogs.ranges(log, 100)) {
            try (InputStream in = Files.newInputStream(log)) {
                in.skip(Math.max(0, range.start() - 1));
                try (AuditRecordCursor cursor =
                        AuditRecordCursor.ofRange("audit.log", in, range.start(), range.start() + range.length())) {
                    for (RawRecord record = cursor.next(); record != null; record = cursor.next()) {
                        locations.add(record.location);
                    }
                }
            }
        }
        assertThat(locations)
                .containsExactlyElementsOf(
                        offsets.stream().map(o -> "audit.log@" + o).toList());
    }

    private static byte[] readRange(byte[] bytes, int start, int end) throws Exception {
        try (LineRangeInputStream range = LineRangeInputStream.open(positioned(bytes, start), start, end)) {
            return range.readAllBytes();
        }
    }

    private static InputStream positioned(byte[] bytes, int start) {
        int from = Math.max(0, start - 1);
        return new ByteArrayInputStream(bytes, from, bytes.length - from);
    }
}
