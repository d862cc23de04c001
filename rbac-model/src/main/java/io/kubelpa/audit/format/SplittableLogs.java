package io.kubelpa.audit.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
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

    private static final JsonFactory JSON = new JsonFactory();

    /** A byte range of a file. */
    public record Range(long start, long length) {}

    private SplittableLogs() {}

    /** The ranges to read {@code file} in: one for the whole file unless it is large and line-delimited. */
    public static List<Range> ranges(Path file, long rangeBytes) throws IOException {
        if (rangeBytes < 1) {
            throw new IllegalArgumentException("the range size must be at least one byte, not " + rangeBytes);
        }
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
        byte[] firstLine;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while (line.size() < FIRST_LINE_LIMIT && (b = in.read()) != -1 && b != '\n') {
                line.write(b);
            }
            firstLine = line.toByteArray();
        }
        if (firstLine.length < 2 || firstLine[0] != '{') {
            return false; // also rules out gzip, whose first byte is 0x1f
        }
        try (JsonParser parser = JSON.createParser(firstLine)) {
            parser.nextToken();
            parser.skipChildren();
            return true;
        } catch (IOException cutOffOrNotJson) {
            return false;
        }
    }
}
