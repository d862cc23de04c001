package io.kubelpa.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a log stream into records, one at a time: one JSON value per record whether values are one
 * per line (the log backend), pretty-printed over many lines, or concatenated; any other non-blank
 * line (legacy text, base64) is a record of its own. A record over the size limit is reported as
 * oversized without being held in memory, and reading resumes at the next line that starts a JSON
 * value; a value cut off by the end of the stream is returned as it is. A line cut off in the
 * middle (a shipper crash) must not swallow the lines after it, so a value also ends, broken, at a
 * raw line break inside a string (which valid JSON never has) and where a new line starts with
 * {@code {} or {@code [} in the first column (pretty-printers indent nested values).
 */
public final class JsonRecordSplitter {

    /** One record: its bytes (null when oversized) and the 1-based line it starts on. */
    public record Split(byte[] bytes, int line) {
        public boolean oversized() {
            return bytes == null;
        }
    }

    private enum State { BETWEEN, TEXT, JSON, SKIP }

    private final InputStream in;
    private final int maxRecordBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private final ByteArrayOutputStream record = new ByteArrayOutputStream();
    private int position;
    private int limit;
    private State state = State.BETWEEN;
    private int depth;
    private boolean inString;
    private boolean escaped;
    private boolean lineStart = true;
    private int line = 1;
    private int recordLine = 1;

    public JsonRecordSplitter(InputStream in, int maxRecordBytes) {
        this.in = in;
        this.maxRecordBytes = maxRecordBytes;
    }

    /** The next record, or null at the end of the stream. */
    public Split next() throws IOException {
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit < 0) {
                    limit = 0;
                    return finish();
                }
            }
            Split split = consume(buffer[position++] & 0xff);
            if (split != null) {
                return split;
            }
        }
    }

    private Split finish() {
        if (record.size() == 0) {
            return null;
        }
        Split last = new Split(record.toByteArray(), recordLine);
        record.reset();
        state = State.BETWEEN;
        return last;
    }

    private Split consume(int b) {
        boolean startOfLine = lineStart;
        lineStart = b == '\n';
        if (state == State.SKIP) {
            if (!(startOfLine && (b == '{' || b == '['))) {
                line += b == '\n' ? 1 : 0;
                return null;
            }
            state = State.BETWEEN;
        }
        if (state == State.BETWEEN) {
            if (b == '\n' || b == ' ' || b == '\t' || b == '\r') {
                line += b == '\n' ? 1 : 0;
                return null;
            }
            recordLine = line;
            state = b == '{' || b == '[' ? State.JSON : State.TEXT;
            depth = 0;
            inString = false;
            escaped = false;
        }
        if (state == State.TEXT) {
            if (b == '\n') {
                line++;
                return emit();
            }
            record.write(b);
        } else {
            if (startOfLine && depth > 0 && (b == '{' || b == '[')) {
                Split broken = emit();
                recordLine = line;
                state = State.JSON;
                depth = 0;
                inString = false;
                escaped = false;
                record.write(b);
                depth++;
                return broken;
            }
            if (inString && b == '\n') {
                line++;
                return emit();
            }
            record.write(b);
            line += b == '\n' ? 1 : 0;
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                depth++;
            } else if ((b == '}' || b == ']') && --depth == 0) {
                return emit();
            }
        }
        if (record.size() > maxRecordBytes) {
            record.reset();
            state = b == '\n' ? State.BETWEEN : State.SKIP;
            return new Split(null, recordLine);
        }
        return null;
    }

    private Split emit() {
        Split split = new Split(record.toByteArray(), recordLine);
        record.reset();
        state = State.BETWEEN;
        return split;
    }
}
