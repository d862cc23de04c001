package io.kubelpa.stream;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * The analysis counters as Flink metrics under the {@code lpa} group (counters per reason as
 * {@code <counter>_<reason>}), and the event-time lag: how far the newest event seen is behind now.
 */
public final class StreamCounters {
    private final MetricGroup group;
    private final Map<String, Counter> counters = new HashMap<>();
    private volatile long newestEventMillis = Long.MIN_VALUE;

    public StreamCounters(MetricGroup parent) {
        this.group = parent.addGroup("lpa");
    }

    public void add(String name, long amount) {
        counters.computeIfAbsent(name.replace('.', '_'), group::counter).inc(amount);
    }

    public void increment(String name) {
        add(name, 1);
    }

    /** Registers the event-time lag gauge on first use. */
    public void observe(long eventMicros) {
        if (newestEventMillis == Long.MIN_VALUE) {
            group.gauge("eventTimeLagMillis", (Gauge<Long>) () -> System.currentTimeMillis() - newestEventMillis);
        }
        newestEventMillis = Math.max(newestEventMillis, eventMicros / 1000);
    }
}
