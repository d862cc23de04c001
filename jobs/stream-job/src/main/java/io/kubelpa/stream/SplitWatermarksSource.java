package io.kubelpa.stream;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.InputStatus;

/**
 * A source whose every assigned split holds event time back from the moment it is assigned. Flink's
 * split reader starts tracking a split's event time only when the split's first records arrive, so
 * a partition whose first fetch is slow (after a restart, under load) would let the reader's other
 * partitions move event time past records it has not delivered yet, which would then come late for
 * their review. This wrapper starts tracking each split as it is assigned; a split that stays silent
 * longer than the idleness timeout (live reading) is still released by it.
 */
final class SplitWatermarksSource<T, S extends SourceSplit, E> extends DelegatingSource<T, S, E> {
    <Q extends Source<T, S, E> & ResultTypeQueryable<T>> SplitWatermarksSource(Q source) {
        super(source);
    }

    @Override
    public SourceReader<T, S> createReader(SourceReaderContext context) throws Exception {
        return new Reader<>(source.createReader(context));
    }

    /** The reader, creating each new split's output (and so its event-time tracking) before the next poll. */
    private static final class Reader<T, S extends SourceSplit> implements SourceReader<T, S> {
        private final SourceReader<T, S> reader;
        /** Splits assigned since the last poll; the task calls both methods from its one thread. */
        private final List<String> untracked = new ArrayList<>();

        Reader(SourceReader<T, S> reader) {
            this.reader = reader;
        }

        @Override
        public void start() {
            reader.start();
        }

        @Override
        public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
            if (!untracked.isEmpty()) {
                untracked.forEach(output::createOutputForSplit); // the reader finds these when its records come
                untracked.clear();
            }
            return reader.pollNext(output);
        }

        @Override
        public List<S> snapshotState(long checkpointId) {
            return reader.snapshotState(checkpointId);
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            return reader.isAvailable();
        }

        @Override
        public void addSplits(List<S> splits) {
            splits.forEach(split -> untracked.add(split.splitId()));
            reader.addSplits(splits);
        }

        @Override
        public void notifyNoMoreSplits() {
            reader.notifyNoMoreSplits();
        }

        @Override
        public void handleSourceEvents(SourceEvent event) {
            reader.handleSourceEvents(event);
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) throws Exception {
            reader.notifyCheckpointComplete(checkpointId);
        }

        @Override
        public void notifyCheckpointAborted(long checkpointId) throws Exception {
            reader.notifyCheckpointAborted(checkpointId);
        }

        @Override
        public void pauseOrResumeSplits(Collection<String> toPause, Collection<String> toResume) {
            reader.pauseOrResumeSplits(toPause, toResume);
        }

        @Override
        public void close() throws Exception {
            reader.close();
        }
    }
}
