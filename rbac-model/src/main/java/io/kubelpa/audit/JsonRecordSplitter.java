package io.kubelpa.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a log stream into records: one JSON value per record whether values are one per line
 * (the log backend), pretty-printed over many lines, or concatenated; any other non-blank line
 * (legacy text, base64) is a record of its own. A record over the size limit is reported as
 * oversized without being held in memory, and reading resumes at the next line that starts a JSON
 * value; a value cut off by the end of the stream is passed on as it is.
 */
public final class JsonRecordSplitter {

    /** Receives records in order. */
    public interface Sink {
        void record(byte[] bytes, int line);

        void oversized(int line);
    }

    private enum State { BETWEEN, TEXT, JSON, SKIP }

    private final int maxRecordBytes;

    public JsonRecordSplitter(int maxRecordBytes) {
        this.maxRecordBytes = maxRecordBytes;
    }

    public void split(InputStream in, Sink sink) throws IOException {
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        State state = State.BETWEEN;
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        boolean lineStart = true;
        int line = 1;
        int recordLine = 1;
        byte[] buffer = new byte[64 * 1024];
        int length;
        while ((length = in.read(buffer)) >= 0) {
            for (int i = 0; i < length; i++) {
                int b = buffer[i] & 0xff;
                boolean startOfLine = lineStart;
                lineStart = b == '\n';
                if (state == State.SKIP) {
                    if (startOfLine && (b == '{' || b == '[')) {
                        state = State.BETWEEN;
                    } else {
                        line += b == '\n' ? 1 : 0;
                        continue;
                    }
                }
                if (state == State.BETWEEN) {
                    if (b == '\n' || b == ' ' || b == '\t' || b == '\r') {
                        line += b == '\n' ? 1 : 0;
                        continue;
                    }
                    recordLine = line;
                    state = b == '{' || b == '[' ? State.JSON : State.TEXT;
                    depth = 0;
                    inString = false;
                    escaped = false;
                }
                if (state == State.TEXT) {
                    if (b == '\n') {
                        sink.record(record.toByteArray(), recordLine);
                        record.reset();
                        state = State.BETWEEN;
                        line++;
                        continue;
                    }
                    record.write(b);
                } else {
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
                        sink.record(record.toByteArray(), recordLine);
                        record.reset();
                        state = State.BETWEEN;
                        continue;
                    }
                }
                if (record.size() > maxRecordBytes) {
                    sink.oversized(recordLine);
                    record.reset();
                    state = b == '\n' ? State.BETWEEN : State.SKIP;
                }
            }
        }
        if (record.size() > 0) {
            sink.record(record.toByteArray(), recordLine);
        }
    }
}
