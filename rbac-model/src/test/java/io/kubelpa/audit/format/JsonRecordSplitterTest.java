package io.kubelpa.audit.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Records do not depend on how reads cut the stream: a record, a run of plain bytes the splitter skips, an
 * escape or a line break may straddle two reads (the file's reads end every 256 KiB; a pipe's anywhere).
 * The stream read whole is compared with the same bytes read one byte, or a random few, per call.
 */
class JsonRecordSplitterTest {
    /** Bytes that change the state, and plain runs (ASCII and UTF-8) long and short. */
    private static final String[] PIECES = {
        "\"",
        "\\",
        "\n",
        "{",
        "}",
        "[",
        "]",
        " ",
        "\r",
        "\t",
        ":",
        ",",
        "a",
        "0",
        "é",
        "\u20ac",
        "[{",
        "\n{",
        "\n[",
        "plainvaluewithnothingspecial",
        "{\"auditID\":\"",
        "\"}\n",
        "\\\"",
        "\\\\",
        "\u007b\u005b\u005d\u007d",
        "*+;Z^|~"
    };

    @Test
    void readsCutAnywhereSplitTheSameRecords() throws IOException {
        Random random = new Random(20261208L);
        int records = 0;
        for (int sample = 0; sample < 3_000; sample++) {
            StringBuilder text = new StringBuilder();
            int pieces = random.nextInt(200);
            for (int i = 0; i < pieces; i++) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            int limit = 1 + random.nextInt(300);
            List<String> fast = splits(new ByteArrayInputStream(bytes), limit);
            List<String> oneByte = splits(new ShortReads(new ByteArrayInputStream(bytes), 1, random.nextLong()), limit);
            List<String> few = splits(new ShortReads(new ByteArrayInputStream(bytes), 13, random.nextLong()), limit);
            assertThat(oneByte)
                    .as("%s split at most %d bytes per record", text, limit)
                    .isEqualTo(fast);
            assertThat(few)
                    .as("%s split at most %d bytes per record", text, limit)
                    .isEqualTo(fast);
            records += fast.size();
        }
        assertThat(records).as("records split").isGreaterThan(10_000);
    }

    private static List<String> splits(InputStream in, int limit) throws IOException {
        JsonRecordSplitter splitter = new JsonRecordSplitter(in, limit);
        List<String> seen = new ArrayList<>();
        for (JsonRecordSplitter.Split split = splitter.next(); split != null; split = splitter.next()) {
            seen.add(split.line() + "@" + split.offset() + " "
                    + (split.oversized() ? "oversized" : Arrays.toString(split.bytes())));
        }
        return seen;
    }

    /** Returns at most {@code most} bytes per read, a random number of them. */
    private static final class ShortReads extends FilterInputStream {
        private final int most;
        private final Random random;

        ShortReads(InputStream in, int most, long seed) {
            super(in);
            this.most = most;
            this.random = new Random(seed);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1 + random.nextInt(most)));
        }
    }
}
