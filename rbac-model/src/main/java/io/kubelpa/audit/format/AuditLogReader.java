package io.kubelpa.audit.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

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

    private final RecordDecoding decoding;

    public AuditLogReader(AuditRecordDecoder decoder) {
        this(decoder, EventTimeBounds.DEFAULT);
    }

    public AuditLogReader(AuditRecordDecoder decoder, EventTimeBounds bounds) {
        this.decoding = new RecordDecoding(decoder, bounds, System::currentTimeMillis);
    }

    /** The files to read: the given files, and the files below given directories, except hidden ones and Markdown. */
    public static List<Path> files(List<Path> roots) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                throw new IOException(root + ": no such file or directory");
            }
            if (!Files.isDirectory(root)) {
                if (!Files.isRegularFile(root)) {
                    // A FIFO, socket or device would be read for ever, or block: an audit log is a file.
                    throw new IOException(
                            root + ": not a regular file (a FIFO, socket or device?); give audit logs as files");
                }
                files.add(root);
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile)
                        .filter(p -> !hidden(root, p))
                        .filter(p -> !p.getFileName()
                                .toString()
                                .toLowerCase(Locale.ROOT)
                                .endsWith(".md"))
                        .sorted()
                        .forEach(files::add);
            }
        }
        return files;
    }

    /**
     * The entries below given directories that are neither folders nor regular files (a dangling link, a
     * FIFO): never opened, but reported, so that no log goes unread without a word.
     */
    public static List<Path> notFiles(List<Path> roots) throws IOException {
        List<Path> entries = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(p -> !Files.isRegularFile(p) && !Files.isDirectory(p))
                        .filter(p -> !hidden(root, p))
                        .sorted()
                        .forEach(entries::add);
            }
        }
        return entries;
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
        if (!Files.isRegularFile(file)) {
            sink.accept(file.toString(), decoding.decode(ReadFault.notAFile(file.toString())));
            return;
        }
        try {
            long written = Files.getLastModifiedTime(file).toMillis();
            try (InputStream raw = Files.newInputStream(file)) {
                read(file.toString(), raw, written, sink);
            }
        } catch (IOException e) {
            // One bad file is a dead letter naming it; the other files are still read.
            sink.accept(file.toString(), decoding.decode(ReadFault.record(file.toString(), e)));
        }
    }

    /** Reads one stream; {@code name} decides YAML and CSV by extension (after any .gz) and prefixes locations. */
    public void read(String name, InputStream raw, Sink sink) throws IOException {
        read(name, raw, RawRecord.UNKNOWN_TIME, sink);
    }

    /** As {@link #read(String, InputStream, Sink)}, for records written at {@code writtenMillis} (a file's modification time). */
    public void read(String name, InputStream raw, long writtenMillis, Sink sink) throws IOException {
        try (AuditRecordCursor cursor = new AuditRecordCursor(name, raw)) {
            RawRecord record;
            while ((record = cursor.next()) != null) {
                sink.accept(record.location, decoding.decode(record.writtenAt(writtenMillis)));
            }
        }
    }
}
