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
 * The splitter skips bytes that cannot change its state several at a time; read one byte per call it can
 * skip none, so that reading is the oracle for the fast one.
 */
class JsonRecordSplitterTest {
    /** Bytes that change the state, weighted by plain runs (ASCII and UTF-8) so that words of eight occur. */
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
    void skippingEightBytesAtATimeSplitsExactlyAsReadingOneByteAtATime() throws IOException {
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
            List<String> slow = splits(new OneByteAtATime(new ByteArrayInputStream(bytes)), limit);
            assertThat(fast)
                    .as("%s split at most %d bytes per record", text, limit)
                    .isEqualTo(slow);
            records += fast.size();
        }
        assertThat(records).as("records split").isGreaterThan(10_000);
    }

    @Test
    void aRunOfPlainBytesLongerThanAWordEndsAtTheFirstByteThatMatters() throws IOException {
        for (String stop : List.of("\"", "\\\"", "\n", "{", "}", "[", "]")) {
            for (int at = 0; at < 20; at++) {
                String text = "{\"k\":\"" + "v".repeat(at) + "\"," + "x".repeat(at) + stop + "y\"}\n";
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                assertThat(splits(new ByteArrayInputStream(bytes), 1 << 20))
                        .as(text)
                        .isEqualTo(splits(new OneByteAtATime(new ByteArrayInputStream(bytes)), 1 << 20));
            }
        }
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

    private static final class OneByteAtATime extends FilterInputStream {
        OneByteAtATime(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1));
        }
    }
}
