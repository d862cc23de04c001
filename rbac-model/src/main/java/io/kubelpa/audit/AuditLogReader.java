package io.kubelpa.audit;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Reads audit log files record by record: plain or gzip (by content, so rotated names like
 * {@code audit-2025-05-01T10-00-00.000.log.gz} need no convention), JSON records of any layout,
 * YAML documents, or the CSV projection; directories recursively. Every record is reported with
 * its location ({@code file:line}) and what decoding made of it.
 */
public final class AuditLogReader {

    /** Receives each record's location and decode result. */
    public interface Sink {
        void accept(String location, DecodeResult result);
    }

    private final AuditRecordDecoder decoder;
    private final CsvProjectionDecoder csv = new CsvProjectionDecoder();
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    public AuditLogReader(AuditRecordDecoder decoder) {
        this.decoder = decoder;
    }

    /** The files to read: the given files, and the files below given directories, except hidden ones and Markdown. */
    public static List<Path> files(List<Path> roots) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                throw new IOException(root + ": no such file or directory");
            }
            if (!Files.isDirectory(root)) {
                files.add(root);
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile)
                        .filter(p -> !hidden(root, p))
                        .filter(p -> !p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md"))
                        .sorted()
                        .forEach(files::add);
            }
        }
        return files;
    }

    private static boolean hidden(Path root, Path file) {
        for (Path part : root.relativize(file)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    public void read(Path file, Sink sink) throws IOException {
        try (InputStream raw = Files.newInputStream(file)) {
            read(file.toString(), raw, sink);
        }
    }

    /** Reads one stream; {@code name} decides YAML and CSV by extension (after any .gz) and prefixes locations. */
    public void read(String name, InputStream raw, Sink sink) throws IOException {
        InputStream in = decompressed(new BufferedInputStream(raw, 64 * 1024));
        String lower = name.toLowerCase(Locale.ROOT).replaceAll("\\.gz$", "");
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            readYaml(name, in, sink);
        } else if (lower.endsWith(".csv")) {
            readCsv(name, in, sink);
        } else {
            new JsonRecordSplitter(AuditRecordDecoder.MAX_RECORD_BYTES).split(in, new JsonRecordSplitter.Sink() {
                @Override
                public void record(byte[] bytes, int line) {
                    sink.accept(name + ":" + line, decoder.decode(bytes));
                }

                @Override
                public void oversized(int line) {
                    DecodeResult result = new DecodeResult();
                    result.reject("oversized", "record over the " + AuditRecordDecoder.MAX_RECORD_BYTES + "-byte limit");
                    sink.accept(name + ":" + line, result);
                }
            });
        }
    }

    private static InputStream decompressed(BufferedInputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b ? new BufferedInputStream(new GZIPInputStream(in, 64 * 1024)) : in;
    }

    private void readYaml(String name, InputStream in, Sink sink) throws IOException {
        int index = 0;
        try (MappingIterator<JsonNode> documents = yaml.readerFor(JsonNode.class).readValues(in)) {
            while (true) {
                JsonNode document;
                try {
                    if (!documents.hasNextValue()) {
                        break;
                    }
                    document = documents.nextValue();
                } catch (IOException | RuntimeException e) {
                    DecodeResult result = new DecodeResult();
                    result.reject("malformed-yaml", String.valueOf(e.getMessage()).lines().findFirst().orElse("malformed YAML"));
                    sink.accept(name + "#" + index, result);
                    return;
                }
                sink.accept(name + "#" + index, decoder.decode(document));
                index++;
            }
        }
    }

    private void readCsv(String name, InputStream in, Sink sink) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String row;
        int line = 0;
        while ((row = reader.readLine()) != null) {
            line++;
            if (!row.isBlank()) {
                sink.accept(name + ":" + line, csv.decode(row));
            }
        }
    }
}
