package io.kubelpa.stream;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.metrics.groups.SplitEnumeratorMetricGroup;

/**
 * A bounded Kafka source that also finishes after a restore ({@code --stop-at-latest} resumed from a
 * checkpoint or savepoint). The stopping offsets are resolved once, at the first start, and kept in
 * each split's state; but a restored Kafka enumerator whose partition discovery finds nothing new
 * never tells its readers that no more splits will come (FLINK-31006, open in the connector this
 * project uses), so they read to their stopping offsets and wait forever. This wrapper tells them,
 * exactly when the restored enumerator's first discovery changed nothing, and never twice.
 */
final class FinishingAfterRestoreSource<T, S extends SourceSplit, E> extends DelegatingSource<T, S, E> {
    <Q extends Source<T, S, E> & ResultTypeQueryable<T>> FinishingAfterRestoreSource(Q source) {
        super(source);
        if (source.getBoundedness() != Boundedness.BOUNDED) {
            throw new IllegalArgumentException("only a bounded source needs to finish after a restore");
        }
    }

    @Override
    public SplitEnumerator<S, E> restoreEnumerator(SplitEnumeratorContext<S> context, E checkpoint) throws Exception {
        SignallingContext<S> signalling = new SignallingContext<>(context);
        return new Enumerator<>(source.restoreEnumerator(signalling, checkpoint), signalling);
    }

    /** The restored enumerator: a reader that registers after the first discovery found nothing is told at once. */
    private static final class Enumerator<S extends SourceSplit, E> implements SplitEnumerator<S, E> {
        private final SplitEnumerator<S, E> enumerator;
        private final SignallingContext<S> context;

        Enumerator(SplitEnumerator<S, E> enumerator, SignallingContext<S> context) {
            this.enumerator = enumerator;
            this.context = context;
        }

        @Override
        public void start() {
            enumerator.start();
        }

        @Override
        public void handleSplitRequest(int subtask, String hostname) {
            enumerator.handleSplitRequest(subtask, hostname);
        }

        @Override
        public void addSplitsBack(List<S> splits, int subtask) {
            enumerator.addSplitsBack(splits, subtask);
        }

        @Override
        public void addReader(int subtask) {
            context.forget(subtask); // a reader registering again (after a failover) is a new reader
            enumerator.addReader(subtask);
            if (context.nothingMoreToAssign) {
                context.signalNoMoreSplits(subtask);
            }
        }

        @Override
        public E snapshotState(long checkpointId) throws Exception {
            return enumerator.snapshotState(checkpointId);
        }

        @Override
        public void close() throws java.io.IOException {
            enumerator.close();
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) throws Exception {
            enumerator.notifyCheckpointComplete(checkpointId);
        }

        @Override
        public void handleSourceEvent(int subtask, SourceEvent event) {
            enumerator.handleSourceEvent(subtask, event);
        }
    }

    /**
     * The enumerator's context, watching it: the first asynchronous call is its partition discovery; when
     * handling it schedules no further call (no partition to initialise), nothing more will be assigned.
     * Each reader is signalled at most once per registration.
     */
    private static final class SignallingContext<S extends SourceSplit> implements SplitEnumeratorContext<S> {
        private final SplitEnumeratorContext<S> context;
        private final Set<Integer> signalled = new HashSet<>();
        private int asyncCalls;
        boolean nothingMoreToAssign;

        SignallingContext(SplitEnumeratorContext<S> context) {
            this.context = context;
        }

        void forget(int subtask) {
            signalled.remove(subtask);
        }

        @Override
        public void signalNoMoreSplits(int subtask) {
            if (signalled.add(subtask)) {
                context.signalNoMoreSplits(subtask);
            }
        }

        @Override
        public <V> void callAsync(Callable<V> callable, BiConsumer<V, Throwable> handler) {
            context.callAsync(callable, watched(handler));
        }

        @Override
        public <V> void callAsync(
                Callable<V> callable, BiConsumer<V, Throwable> handler, long initialDelay, long period) {
            context.callAsync(callable, watched(handler), initialDelay, period);
        }

        private <V> BiConsumer<V, Throwable> watched(BiConsumer<V, Throwable> handler) {
            if (asyncCalls++ > 0) {
                return handler;
            }
            return (result, error) -> {
                int before = asyncCalls;
                handler.accept(result, error);
                if (error == null && asyncCalls == before) {
                    nothingMoreToAssign = true;
                    context.registeredReaders().keySet().forEach(this::signalNoMoreSplits);
                }
            };
        }

        @Override
        public SplitEnumeratorMetricGroup metricGroup() {
            return context.metricGroup();
        }

        @Override
        public void sendEventToSourceReader(int subtask, SourceEvent event) {
            context.sendEventToSourceReader(subtask, event);
        }

        @Override
        public void sendEventToSourceReader(int subtask, int attempt, SourceEvent event) {
            context.sendEventToSourceReader(subtask, attempt, event);
        }

        @Override
        public int currentParallelism() {
            return context.currentParallelism();
        }

        @Override
        public Map<Integer, ReaderInfo> registeredReaders() {
            return context.registeredReaders();
        }

        @Override
        public Map<Integer, Map<Integer, ReaderInfo>> registeredReadersOfAttempts() {
            return context.registeredReadersOfAttempts();
        }

        @Override
        public void assignSplits(SplitsAssignment<S> assignment) {
            context.assignSplits(assignment);
        }

        @Override
        public void runInCoordinatorThread(Runnable runnable) {
            context.runInCoordinatorThread(runnable);
        }

        @Override
        public void setIsProcessingBacklog(boolean isProcessingBacklog) {
            context.setIsProcessingBacklog(isProcessingBacklog);
        }
    }
}
