package io.kubelpa.audit;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which log files can be read in parallel by byte ranges, and the ranges. Only logs with one JSON
 * value per line (the API server's log backend, most shippers) qualify: their records start at
 * line starts, so {@link LineRangeInputStream} cuts them at record boundaries. Gzip, YAML, CSV and
 * files whose first line is not a whole JSON object (pretty-printed or single-value files) are read
 * whole.
 */
public final class SplittableLogs {
    /** How far the first line is looked for. */
    static final int FIRST_LINE_LIMIT = 1024 * 1024;

    /** A byte range of a file. */
    public record Range(long start, long length) {}

    private SplittableLogs() {}

    /** The ranges to read {@code file} in: one for the whole file unless it is large and line-delimited. */
    public static List<Range> ranges(Path file, long rangeBytes) throws IOException {
        long size = Files.size(file);
        if (size <= rangeBytes || !lineDelimitedJson(file)) {
            return List.of(new Range(0, size));
        }
        List<Range> ranges = new ArrayList<>();
        for (long start = 0; start < size; start += rangeBytes) {
            ranges.add(new Range(start, Math.min(rangeBytes, size - start)));
        }
        return ranges;
    }

    /** Whether the file is plain (not gzip, YAML or CSV) and its first line is one whole JSON object. */
    static boolean lineDelimitedJson(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz") || name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".csv")) {
            return false;
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            int first = in.read();
            int second = in.read();
            if (first == 0x1f && second == 0x8b) {
                return false;
            }
            return first == '{' && wholeObjectOnFirstLine(first, second, in);
        }
    }

    private static boolean wholeObjectOnFirstLine(int first, int second, InputStream in) throws IOException {
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        int b = first;
        for (int read = 0; read < FIRST_LINE_LIMIT && b != -1 && b != '\n'; read++) {
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
            } else if (b == '}' || b == ']') {
                if (--depth == 0) {
                    return true;
                }
            }
            b = read == 0 ? second : in.read();
        }
        return false;
    }
}
