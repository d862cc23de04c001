package io.kubelpa.job;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.api.common.accumulators.LongMinimum;
import org.apache.flink.api.common.functions.RuntimeContext;

/**
 * The analysis counters as Flink accumulators, so the job's result carries them, and as metrics in
 * the {@code lpa} group, so a running job shows them. Accumulator names are the
 * {@link io.kubelpa.usage.UsageCounters} names prefixed {@code lpa.}; the window is two more.
 */
public final class JobCounters {
    public static final String PREFIX = "lpa.";
    public static final String WINDOW_FROM = "lpa-window.from";
    public static final String WINDOW_TO = "lpa-window.to";
    /** Which times each source holds events for: a {@link io.kubelpa.usage.Coverage}. */
    public static final String COVERAGE = "lpa-window.coverage";
    /** Files or byte ranges read to their end: progress, not an analysis counter. */
    public static final String PARTS_DONE = "lpa-progress.parts-done";

    private final RuntimeContext context;
    private final Map<String, LongCounter> counters = new HashMap<>();
    private final Map<String, org.apache.flink.metrics.Counter> metrics = new HashMap<>();
    private LongCounter partsDone;
    private LongMinimum from;
    private LongMaximum to;
    private CoverageAccumulator coverage;

    public JobCounters(RuntimeContext context) {
        this.context = context;
    }

    public void add(String name, long amount) {
        counters.computeIfAbsent(name, n -> {
                    LongCounter counter = new LongCounter();
                    context.addAccumulator(PREFIX + n, counter);
                    return counter;
                })
                .add(amount);
        metrics.computeIfAbsent(
                        name, n -> context.getMetricGroup().addGroup("lpa").counter(n.replace('.', '_')))
                .inc(amount);
    }

    public void increment(String name) {
        add(name, 1);
    }

    public void partDone() {
        if (partsDone == null) {
            partsDone = new LongCounter();
            context.addAccumulator(PARTS_DONE, partsDone);
        }
        partsDone.add(1);
    }

    public void observe(long timeMicros) {
        if (timeMicros < 0) {
            return;
        }
        if (from == null) {
            from = new LongMinimum();
            to = new LongMaximum();
            context.addAccumulator(WINDOW_FROM, from);
            context.addAccumulator(WINDOW_TO, to);
        }
        from.add(timeMicros);
        to.add(timeMicros);
    }

    /** As {@link #observe(long)}, and the source (a file) is known to hold that time. */
    public void observe(String source, long timeMicros) {
        observe(timeMicros);
        if (timeMicros < 0) {
            return;
        }
        if (coverage == null) {
            coverage = new CoverageAccumulator();
            context.addAccumulator(COVERAGE, coverage);
        }
        coverage.add(source, timeMicros);
    }
}
