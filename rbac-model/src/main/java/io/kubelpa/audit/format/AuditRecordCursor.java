package io.kubelpa.audit.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Reads one audit log stream record by record: gzip is recognised by content; YAML files
 * ({@code .yaml}, {@code .yml}) yield one record per document, CSV files one per row, anything else
 * goes through the {@link JsonRecordSplitter}. Locations are {@code name:line} or {@code name#document};
 * a byte range of a file, read by {@link #ofRange}, gives {@code name@offset} (the record's first byte),
 * as its line numbers are not known without reading what comes before.
 */
public final class AuditRecordCursor implements AutoCloseable {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final InputStream in;
    /** The decompressed stream of a gzip file, which ends at a cut instead of losing what came before it. */
    private final CutShort cut;

    private final JsonRecordSplitter splitter;
    private final BufferedReader csv;
    private final MappingIterator<JsonNode> yamlDocuments;
    private final boolean byOffset;
    private int index;
    private boolean yamlFailed;

    public AuditRecordCursor(String name, InputStream raw) throws IOException {
        this.name = name;
        BufferedInputStream buffered = new BufferedInputStream(raw, 64 * 1024);
        if (isGzip(buffered)) {
            this.cut = new CutShort(new GZIPInputStream(buffered, 64 * 1024));
            this.in = new BufferedInputStream(cut, 64 * 1024);
        } else {
            this.cut = null;
            this.in = buffered;
        }
        String lower = name.toLowerCase(Locale.ROOT).replaceAll("\\.gz$", "");
        boolean yaml = lower.endsWith(".yaml") || lower.endsWith(".yml");
        boolean csvFile = lower.endsWith(".csv");
        this.yamlDocuments = yaml ? YAML.readerFor(JsonNode.class).readValues(in) : null;
        this.csv = csvFile ? new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)) : null;
        this.splitter = yaml || csvFile ? null : new JsonRecordSplitter(in, AuditRecordDecoder.MAX_RECORD_BYTES);
        this.byOffset = false;
    }

    private AuditRecordCursor(String name, LineRangeInputStream range) {
        this.name = name;
        this.cut = null;
        this.in = range;
        this.yamlDocuments = null;
        this.csv = null;
        this.splitter = new JsonRecordSplitter(range, AuditRecordDecoder.MAX_RECORD_BYTES, range.firstLineOffset());
        this.byOffset = true;
    }

    /**
     * The records that start in {@code [start, end)} of a plain line-delimited log (see
     * {@link SplittableLogs}), from a stream of it positioned at {@code max(0, start - 1)}.
     */
    public static AuditRecordCursor ofRange(String name, InputStream positioned, long start, long end)
            throws IOException {
        return new AuditRecordCursor(name, LineRangeInputStream.open(positioned, start, end));
    }

    /**
     * The next record, or null at the end of the stream. A gzip file cut short gives every complete
     * record before the cut (and the partial one as it is), then the fault.
     */
    public RawRecord next() throws IOException {
        RawRecord record = nextRecord();
        if (record == null && cut != null && cut.fault != null) {
            IOException fault = cut.fault;
            cut.fault = null;
            throw fault;
        }
        return record;
    }

    private RawRecord nextRecord() throws IOException {
        if (splitter != null) {
            JsonRecordSplitter.Split split = splitter.next();
            if (split == null) {
                return null;
            }
            String location = byOffset ? name + "@" + split.offset() : name + ":" + split.line();
            return new RawRecord(location, split.bytes(), split.oversized() ? RawRecord.OVERSIZED : RawRecord.DATA);
        }
        if (csv != null) {
            String row;
            while ((row = csv.readLine()) != null) {
                index++;
                if (!row.isBlank()) {
                    return new RawRecord(name + ":" + index, row.getBytes(StandardCharsets.UTF_8), RawRecord.CSV_ROW);
                }
            }
            return null;
        }
        return nextYamlDocument();
    }

    private RawRecord nextYamlDocument() {
        if (yamlFailed) {
            return null;
        }
        String location = name + "#" + index++;
        try {
            if (!yamlDocuments.hasNextValue()) {
                return null;
            }
            return new RawRecord(location, JSON.writeValueAsBytes(yamlDocuments.nextValue()), RawRecord.DATA);
        } catch (IOException | RuntimeException e) {
            // A YAML syntax error ends the stream: report it once as an undecodable record.
            yamlFailed = true;
            return new RawRecord(
                    location,
                    ("not valid YAML: "
                                    + String.valueOf(e.getMessage())
                                            .lines()
                                            .findFirst()
                                            .orElse(""))
                            .getBytes(StandardCharsets.UTF_8),
                    RawRecord.DATA);
        }
    }

    private static boolean isGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b;
    }

    /** Ends where compressed data is cut short or corrupt, keeping the fault for after what came before it. */
    private static final class CutShort extends java.io.FilterInputStream {
        IOException fault;

        CutShort(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (fault != null) {
                return -1;
            }
            try {
                return in.read(buffer, offset, length);
            } catch (java.io.EOFException | java.util.zip.ZipException e) {
                fault = e;
                return -1;
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
