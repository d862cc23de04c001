package io.kubelpa.audit.format;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The lines of a log that start inside a byte range {@code [start, end)}: readers of adjacent
 * ranges of one file together see every line exactly once. A range that does not begin at the
 * start of the file skips the rest of the line it begins in (the previous range's reader owns it);
 * the last line that starts before {@code end} is delivered to its end, past {@code end}.
 */
public final class LineRangeInputStream extends InputStream {
    private final InputStream in;
    private final long end;
    private final long firstLineOffset;
    private long position;
    private boolean done;

    private LineRangeInputStream(InputStream in, long firstLineOffset, long end) {
        this.in = in;
        this.firstLineOffset = firstLineOffset;
        this.position = firstLineOffset;
        this.end = end;
        this.done = firstLineOffset >= end;
    }

    /**
     * The range's lines from {@code positioned}, a stream of the file positioned at
     * {@code max(0, start - 1)}: the byte before the range tells whether it begins at a line start.
     */
    public static LineRangeInputStream open(InputStream positioned, long start, long end) throws IOException {
        InputStream in = new BufferedInputStream(positioned, 64 * 1024);
        long offset = 0;
        if (start > 0) {
            offset = start - 1;
            int b;
            do {
                b = in.read();
                offset++;
            } while (b != -1 && b != '\n');
            if (b == -1) {
                return new LineRangeInputStream(in, end, end);
            }
        }
        return new LineRangeInputStream(in, offset, end);
    }

    /** Where the range's first line starts in the file. */
    public long firstLineOffset() {
        return firstLineOffset;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == 1 ? one[0] & 0xff : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (done) {
            return -1;
        }
        int read = in.read(buffer, offset, length);
        if (read < 0) {
            done = true;
            return -1;
        }
        long first = position;
        position += read;
        if (position >= end) {
            // Only a line break at or after end - 1 can end the range's last line.
            for (int i = (int) Math.max(0, end - 1 - first); i < read; i++) {
                if (buffer[offset + i] == '\n') {
                    done = true;
                    position = first + i + 1;
                    return i + 1;
                }
            }
        }
        return read;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
