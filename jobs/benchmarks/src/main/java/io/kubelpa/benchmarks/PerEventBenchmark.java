package io.kubelpa.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What every benchmark here shares: one operation is the work for one event (or fact) of the sample
 * log, taken in log order and round again, timed as nanoseconds per operation. JMH reads these
 * settings from the superclass.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public abstract class PerEventBenchmark {
    private int next;

    /** The next item of {@code items}, round again after the last. */
    protected final <T> T next(List<T> items) {
        T item = items.get(next);
        next = next + 1 == items.size() ? 0 : next + 1;
        return item;
    }
}
