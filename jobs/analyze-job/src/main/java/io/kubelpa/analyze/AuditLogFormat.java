package io.kubelpa.analyze;

import io.kubelpa.audit.format.AuditRecordCursor;
import io.kubelpa.audit.format.RawRecord;
import io.kubelpa.audit.format.ReadFault;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.IteratorResultIterator;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileSystem;

/**
 * Audit log files for the FileSource, read by an {@link AuditRecordCursor}, which knows every record
 * layout and gzip: a split is a whole file, or a byte range of a line-delimited one (see
 * {@link AuditLogSplits}). Each split ends with an {@link RawRecord#END_OF_PART} marker, for progress.
 * The reader position is the number of records emitted from the split, so a restored reader skips
 * what was already emitted.
 */
public final class AuditLogFormat implements BulkFormat<RawRecord, FileSourceSplit> {
    private static final int BATCH = 512;

    private final Map<String, String> displayNames;

    /** {@code displayNames}: how to name each file (by its absolute path) in record locations. */
    public AuditLogFormat(Map<String, String> displayNames) {
        this.displayNames = new HashMap<>(displayNames);
    }

    @Override
    public Reader<RawRecord> createReader(Configuration config, FileSourceSplit split) throws IOException {
        return new CursorReader(split, 0, displayNames);
    }

    @Override
    public Reader<RawRecord> restoreReader(Configuration config, FileSourceSplit split) throws IOException {
        long skip = split.getReaderPosition()
                .map(CheckpointedPosition::getRecordsAfterOffset)
                .orElse(0L);
        return new CursorReader(split, skip, displayNames);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }

    /**
     * Reads one split. A file that cannot be opened, or fails part-way (a truncated gzip, a disk error), ends
     * its split with one {@link ReadFault} record naming it and why: a dead letter, not an aborted analysis.
     */
    private static final class CursorReader implements Reader<RawRecord> {
        private final String name;
        private FSDataInputStream stream;
        private AuditRecordCursor cursor;
        /** The file's modification time: no event in it can be much later. */
        private long writtenMillis = RawRecord.UNKNOWN_TIME;

        private IOException fault;
        private long emitted;
        private boolean ended;

        CursorReader(FileSourceSplit split, long skip, Map<String, String> displayNames) {
            String path = split.path().toUri().getPath();
            this.name = displayNames.getOrDefault(path, path);
            try {
                FileSystem fs = split.path().getFileSystem();
                this.stream = fs.open(split.path());
                this.writtenMillis = fs.getFileStatus(split.path()).getModificationTime();
                if (split.offset() == 0 && split.length() == split.fileSize()) {
                    this.cursor = new AuditRecordCursor(name, stream);
                } else {
                    stream.seek(Math.max(0, split.offset() - 1));
                    this.cursor =
                            AuditRecordCursor.ofRange(name, stream, split.offset(), split.offset() + split.length());
                }
            } catch (IOException e) {
                fault = e;
                return;
            }
            try {
                for (long i = 0; i < skip; i++) {
                    if (cursor.next() == null) {
                        ended = true; // more emitted than records: the end marker was, before the restore
                        break;
                    }
                    emitted++;
                }
            } catch (IOException e) {
                fault = e; // fewer records than before the restore (the file changed): said, not dropped silently
            }
        }

        @Override
        public RecordIterator<RawRecord> readBatch() {
            List<RawRecord> batch = new ArrayList<>(BATCH);
            while (!ended && batch.size() < BATCH) {
                RawRecord record = next();
                if (record == null) {
                    if (fault != null) {
                        batch.add(ReadFault.record(name, fault));
                    }
                    batch.add(new RawRecord(name, null, RawRecord.END_OF_PART));
                    ended = true;
                } else {
                    batch.add(record.writtenAt(writtenMillis));
                }
            }
            if (batch.isEmpty()) {
                return null;
            }
            IteratorResultIterator<RawRecord> iterator =
                    new IteratorResultIterator<>(batch.iterator(), CheckpointedPosition.NO_OFFSET, emitted);
            emitted += batch.size();
            return iterator;
        }

        /** The next record, or null at the end of the split or at a fault (kept in {@link #fault}). */
        private RawRecord next() {
            if (fault != null) {
                return null;
            }
            try {
                return cursor.next();
            } catch (IOException e) {
                fault = e;
                return null;
            }
        }

        @Override
        public void close() throws IOException {
            if (cursor != null) {
                cursor.close();
            } else if (stream != null) {
                stream.close();
            }
        }
    }
}
