package io.kubelpa.analyze;

import io.kubelpa.audit.format.SplittableLogs;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.enumerate.FileEnumerator;
import org.apache.flink.core.fs.Path;

/**
 * The FileSource's splits: a large line-delimited log becomes byte ranges that readers take in
 * parallel (see {@link SplittableLogs}); every other file is one split. The parts are worked out
 * once, before the job, so the progress display and the source agree without reading twice.
 */
public final class AuditLogSplits implements FileEnumerator {
    /** One part of the input: a file (by URI) or a byte range of it. */
    public record Part(String uri, long start, long length, long modifiedMillis, long fileSize)
            implements Serializable {}

    private final List<Part> parts;

    AuditLogSplits(List<Part> parts) {
        this.parts = parts;
    }

    /** The parts to read {@code files} in, with ranges of {@code rangeBytes}. */
    public static List<Part> parts(List<java.nio.file.Path> files, long rangeBytes) throws IOException {
        List<Part> parts = new ArrayList<>();
        for (java.nio.file.Path file : files) {
            java.nio.file.Path absolute = file.toAbsolutePath().normalize();
            long size = Files.size(absolute);
            long modified = Files.getLastModifiedTime(absolute).toMillis();
            for (SplittableLogs.Range range : SplittableLogs.ranges(absolute, rangeBytes)) {
                parts.add(new Part(absolute.toUri().toString(), range.start(), range.length(), modified, size));
            }
        }
        return List.copyOf(parts);
    }

    @Override
    public Collection<FileSourceSplit> enumerateSplits(Path[] paths, int minDesiredSplits) {
        List<FileSourceSplit> splits = new ArrayList<>();
        for (Part part : parts) {
            splits.add(new FileSourceSplit(
                    String.valueOf(splits.size()),
                    new Path(java.net.URI.create(part.uri())),
                    part.start(),
                    part.length(),
                    part.modifiedMillis(),
                    part.fileSize()));
        }
        return splits;
    }
}
