package io.kubelpa.job;

import io.kubelpa.audit.SplittableLogs;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.enumerate.FileEnumerator;
import org.apache.flink.core.fs.Path;

/**
 * The FileSource's splits: a large line-delimited log becomes byte ranges that readers take in
 * parallel (see {@link SplittableLogs}); every other file is one split. The paths are the files
 * to read, already listed.
 */
final class AuditLogSplits implements FileEnumerator {
    private final long rangeBytes;

    AuditLogSplits(long rangeBytes) {
        this.rangeBytes = rangeBytes;
    }

    @Override
    public Collection<FileSourceSplit> enumerateSplits(Path[] paths, int minDesiredSplits) throws IOException {
        List<FileSourceSplit> splits = new ArrayList<>();
        for (Path path : paths) {
            java.nio.file.Path file = java.nio.file.Path.of(path.toUri());
            long size = Files.size(file);
            long modified = Files.getLastModifiedTime(file).toMillis();
            for (SplittableLogs.Range range : SplittableLogs.ranges(file, rangeBytes)) {
                splits.add(new FileSourceSplit(String.valueOf(splits.size()), path, range.start(), range.length(),
                        modified, size));
            }
        }
        return splits;
    }
}
