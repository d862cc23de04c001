package io.kubelpa.audit.format;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a log stream into records, one at a time: one JSON value per record whether values are one
 * per line (the log backend), pretty-printed over many lines, or concatenated; any other non-blank
 * line (legacy text, base64) is a record of its own. A record over the size limit is reported as
 * oversized without being held in memory, and reading resumes at the next line that starts a JSON
 * value; a value cut off by the end of the stream is returned as it is. A line cut off in the
 * middle (a shipper crash) must not swallow the lines after it, so a value also ends, broken, at a
 * raw line break inside a string (which valid JSON never has) and where a new line starts with
 * {@code {} or {@code [} in the first column (pretty-printers indent nested values).
 *
 * <p>Bytes are scanned in place and copied out in runs, not one by one: this is the first step of
 * every record of every log, so it must run near memory speed.
 */
public final class JsonRecordSplitter {

    /** One record: its bytes (null when oversized), the 1-based line and the byte offset it starts at. */
    public record Split(byte[] bytes, int line, long offset) {
        public boolean oversized() {
            return bytes == null;
        }
    }

    private enum State {
        BETWEEN,
        TEXT,
        JSON,
        SKIP
    }

    private final InputStream in;
    private final int maxRecordBytes;
    private final byte[] buffer = new byte[256 * 1024];
    private byte[] record = new byte[4096];
    private int recordSize;
    private int position;
    private int limit;
    private State state = State.BETWEEN;
    private int depth;
    private boolean inString;
    private boolean escaped;
    private boolean lineStart = true;
    private int line = 1;
    private int recordLine = 1;
    /** Offset in the file of {@code buffer[0]}. */
    private long bufferOffset;

    private long recordOffset;

    public JsonRecordSplitter(InputStream in, int maxRecordBytes) {
        this(in, maxRecordBytes, 0);
    }

    /** {@code firstOffset}: where in its file the stream's first byte is, for record offsets. */
    public JsonRecordSplitter(InputStream in, int maxRecordBytes, long firstOffset) {
        this.in = in;
        this.maxRecordBytes = maxRecordBytes;
        this.bufferOffset = firstOffset;
    }

    /** The next record, or null at the end of the stream. */
    public Split next() throws IOException {
        while (true) {
            if (position == limit) {
                int read = in.read(buffer);
                bufferOffset += limit;
                position = 0;
                limit = Math.max(read, 0);
                if (read < 0) {
                    return finish();
                }
            }
            Split split = scan();
            if (split != null) {
                return split;
            }
        }
    }

    /** Scans the buffer from {@code position}; returns a record when one ends before the buffer does. */
    private Split scan() {
        int start = position;
        byte[] buf = buffer;
        for (int i = position; i < limit; i++) {
            if (state == State.JSON && !escaped) {
                int plain = skipPlain(buf, i, Math.min(limit, start + (maxRecordBytes - recordSize)));
                if (plain > i) {
                    // None of the skipped bytes is a line break, so none changes the state.
                    lineStart = false;
                    i = plain - 1;
                    continue;
                }
            }
            int b = buf[i] & 0xff;
            boolean startOfLine = lineStart;
            lineStart = b == '\n';
            switch (state) {
                case SKIP -> {
                    if (startOfLine && (b == '{' || b == '[')) {
                        state = State.BETWEEN;
                        i--;
                        lineStart = true;
                    } else if (b == '\n') {
                        line++;
                    }
                    start = i + 1;
                }
                case BETWEEN -> {
                    if (b == '\n' || b == ' ' || b == '\t' || b == '\r') {
                        line += b == '\n' ? 1 : 0;
                        start = i + 1;
                    } else {
                        recordLine = line;
                        recordOffset = bufferOffset + i;
                        start = i;
                        state = b == '{' || b == '[' ? State.JSON : State.TEXT;
                        depth = 0;
                        inString = false;
                        escaped = false;
                        if (state == State.JSON) {
                            depth = 1;
                        }
                    }
                }
                case TEXT -> {
                    if (b == '\n') {
                        append(buf, start, i);
                        line++;
                        position = i + 1;
                        return emit();
                    }
                }
                case JSON -> {
                    if (inString) {
                        if (b == '\n') {
                            // Valid JSON never has a raw line break in a string, escaped or not.
                            append(buf, start, i);
                            line++;
                            position = i + 1;
                            return emit();
                        } else if (escaped) {
                            escaped = false;
                        } else if (b == '\\') {
                            escaped = true;
                        } else if (b == '"') {
                            inString = false;
                        }
                    } else if (b == '"') {
                        inString = true;
                    } else if (b == '{' || b == '[') {
                        if (startOfLine) {
                            append(buf, start, i);
                            position = i;
                            Split broken = emit();
                            lineStart = true;
                            return broken;
                        }
                        depth++;
                    } else if (b == '}' || b == ']') {
                        if (--depth == 0) {
                            append(buf, start, i + 1);
                            position = i + 1;
                            return emit();
                        }
                    } else if (b == '\n') {
                        line++;
                    }
                }
            }
            if ((state == State.TEXT || state == State.JSON) && recordSize + (i + 1 - start) > maxRecordBytes) {
                recordSize = 0;
                state = b == '\n' ? State.BETWEEN : State.SKIP;
                position = i + 1;
                return new Split(null, recordLine, recordOffset);
            }
        }
        if (state == State.TEXT || state == State.JSON) {
            append(buf, start, limit);
        }
        position = limit;
        return null;
    }

    /**
     * The first index from {@code from} (below {@code stop}) of a byte that can change the JSON
     * state: most of an audit event is string content and punctuation, and this loop is what keeps
     * splitting near memory speed.
     */
    private int skipPlain(byte[] buf, int from, int stop) {
        int i = from;
        if (inString) {
            while (i < stop) {
                byte c = buf[i];
                if (c == '"' || c == '\\' || c == '\n') {
                    break;
                }
                i++;
            }
        } else {
            while (i < stop) {
                byte c = buf[i];
                if (c == '"' || c == '{' || c == '}' || c == '[' || c == ']' || c == '\n') {
                    break;
                }
                i++;
            }
        }
        return i;
    }

    private void append(byte[] source, int from, int to) {
        int length = to - from;
        if (length <= 0) {
            return;
        }
        if (recordSize + length > record.length) {
            record = Arrays.copyOf(record, Math.max(record.length * 2, recordSize + length));
        }
        System.arraycopy(source, from, record, recordSize, length);
        recordSize += length;
    }

    private Split emit() {
        Split split = new Split(Arrays.copyOf(record, recordSize), recordLine, recordOffset);
        recordSize = 0;
        state = State.BETWEEN;
        return split;
    }

    private Split finish() {
        if (recordSize == 0 || state == State.SKIP || state == State.BETWEEN) {
            recordSize = 0;
            return null;
        }
        return emit();
    }
}
