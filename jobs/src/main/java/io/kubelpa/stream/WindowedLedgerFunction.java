package io.kubelpa.stream;

import io.kubelpa.job.UsageFact;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by subject: the ledger in keyed state (RocksDB), summed per review period, grant and request
 * shape. At each review boundary of event time it hands the review one entry per grant and shape,
 * the periods inside the observation window summed, and drops the periods that fell out of it, so a
 * grant can become unused again. The chain
 * of review timers stops when the subject's evidence has aged out, or at the end of a bounded input
 * once every period has been reviewed.
 */
final class WindowedLedgerFunction extends KeyedProcessFunction<String, UsageFact, ReviewFact> {
    private final long windowMillis;
    private final long reviewEveryMillis;
    private transient MapState<String, UsageFact> periods;
    /** The keys of {@link #periods}: point reads are far cheaper in RocksDB than iterating a map. */
    private transient ListState<String> keys;
    private transient ValueState<Long> nextReview;

    WindowedLedgerFunction(long windowMillis, long reviewEveryMillis) {
        this.windowMillis = windowMillis;
        this.reviewEveryMillis = reviewEveryMillis;
    }

    @Override
    public void open(OpenContext context) {
        periods = getRuntimeContext().getMapState(new MapStateDescriptor<>("ledger", Types.STRING, Types.POJO(UsageFact.class)));
        keys = getRuntimeContext().getListState(new ListStateDescriptor<>("ledger-keys", Types.STRING));
        nextReview = getRuntimeContext().getState(new ValueStateDescriptor<>("next-review", Types.LONG));
    }

    @Override
    public void processElement(UsageFact fact, Context context, Collector<ReviewFact> out) throws Exception {
        long period = periodStart(fact, reviewEveryMillis);
        String key = entryKey(fact, reviewEveryMillis);
        UsageFact known = periods.get(key);
        if (known == null) {
            periods.put(key, fact);
            keys.add(key);
        } else {
            periods.put(key, known.plus(fact));
        }
        if (nextReview.value() == null) {
            long review = period + reviewEveryMillis;
            nextReview.update(review);
            context.timerService().registerEventTimeTimer(review);
        }
    }

    /** The start of the review period the fact's last use falls in. */
    static long periodStart(UsageFact fact, long reviewEveryMillis) {
        return Math.floorDiv(fact.lastSeenMicros / 1000, reviewEveryMillis) * reviewEveryMillis;
    }

    /** A subject's ledger entry for the fact: its review period, grant and shape. */
    static String entryKey(UsageFact fact, long reviewEveryMillis) {
        return periodStart(fact, reviewEveryMillis) + "\u0000" + fact.key();
    }

    @Override
    public void onTimer(long review, OnTimerContext context, Collector<ReviewFact> out) throws Exception {
        long oldest = review - windowMillis;
        boolean unreviewed = false;
        boolean expired = false;
        List<String> kept = new ArrayList<>();
        // The review gets one entry per grant and shape, the periods summed (bounded by one subject's ledger).
        Map<String, UsageFact> reviewed = new HashMap<>();
        Iterable<String> known = keys.get();
        for (String key : known == null ? List.<String>of() : known) {
            long period = Long.parseLong(key.substring(0, key.indexOf('\u0000')));
            if (period + reviewEveryMillis <= oldest) {
                periods.remove(key);
                expired = true;
                continue;
            }
            kept.add(key);
            if (period < review) {
                UsageFact fact = periods.get(key);
                reviewed.merge(fact.key(), fact, UsageFact::plus);
            } else {
                unreviewed = true;
            }
        }
        if (expired) {
            keys.update(kept);
        }
        for (UsageFact fact : reviewed.values()) {
            out.collect(new ReviewFact(review * 1000, fact));
        }
        // At the end of a bounded input (watermark at its maximum) only evidence no review has seen yet
        // calls for another one; otherwise reviews go on while evidence is inside the window.
        boolean more = context.timerService().currentWatermark() == Long.MAX_VALUE ? unreviewed : !kept.isEmpty();
        if (more) {
            nextReview.update(review + reviewEveryMillis);
            context.timerService().registerEventTimeTimer(review + reviewEveryMillis);
        } else {
            nextReview.clear();
        }
    }
}
