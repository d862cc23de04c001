package io.kubelpa.stream;

import io.kubelpa.job.LedgerKey;
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
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by subject: the ledger in keyed state (RocksDB), summed per review period, grant and request
 * shape. At each review boundary of event time while the subject has evidence inside the observation
 * window, it hands the review one entry per grant and shape, the periods inside the window summed,
 * and drops the periods that fell out of it, so a grant can become unused again. Every review thus
 * hears from every subject with evidence in its window, not only from those with new evidence. At
 * the end of a bounded input the reviews stop at the one that holds the stream's last event (the
 * {@link EventExtent}, broadcast), whatever this subject's own last event.
 */
final class WindowedLedgerFunction extends KeyedBroadcastProcessFunction<String, UsageFact, EventExtent, ReviewFact> {
    static final MapStateDescriptor<String, EventExtent> EXTENT =
            new MapStateDescriptor<>("event-extent", Types.STRING, Types.POJO(EventExtent.class));
    private static final String ALL = "all";

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
        periods = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>("ledger", Types.STRING, Types.POJO(UsageFact.class)));
        keys = getRuntimeContext().getListState(new ListStateDescriptor<>("ledger-keys", Types.STRING));
        nextReview = getRuntimeContext().getState(new ValueStateDescriptor<>("next-review", Types.LONG));
    }

    @Override
    public void processBroadcastElement(EventExtent extent, Context context, Collector<ReviewFact> out)
            throws Exception {
        EventExtent known = context.getBroadcastState(EXTENT).get(ALL);
        context.getBroadcastState(EXTENT).put(ALL, (known == null ? new EventExtent() : known).merge(extent));
    }

    @Override
    public void processElement(UsageFact fact, ReadOnlyContext context, Collector<ReviewFact> out) throws Exception {
        String key = fact.key(ReviewPeriod.startOf(fact, reviewEveryMillis)).encode();
        UsageFact known = periods.get(key);
        if (known == null) {
            periods.put(key, fact);
            keys.add(key);
        } else {
            periods.put(key, known.plus(fact));
        }
        // The first review to hold the fact: its period's, or for a late fact the next to come. One watermark can
        // bring facts of many periods in any order, so an earlier one moves the chain's next review forward.
        long review = Math.max(
                ReviewPeriod.startOf(fact, reviewEveryMillis) + reviewEveryMillis,
                nextBoundaryAfter(context.timerService().currentWatermark()));
        Long next = nextReview.value();
        if (next == null || review < next) {
            nextReview.update(review);
            context.timerService().registerEventTimeTimer(review);
        }
    }

    private long nextBoundaryAfter(long watermark) {
        return watermark == Long.MIN_VALUE || watermark == Long.MAX_VALUE
                ? Long.MIN_VALUE
                : (Math.floorDiv(watermark, reviewEveryMillis) + 1) * reviewEveryMillis;
    }

    @Override
    public void onTimer(long review, OnTimerContext context, Collector<ReviewFact> out) throws Exception {
        EventExtent extent = context.getBroadcastState(EXTENT).get(ALL);
        if (context.timerService().currentWatermark() == Long.MAX_VALUE
                && extent != null
                && review > extent.finalReviewMillis(reviewEveryMillis)) {
            nextReview.clear(); // past the end of a bounded input: no review is owed
            return;
        }
        long oldest = review - windowMillis;
        boolean unreviewed = false;
        boolean expired = false;
        List<String> kept = new ArrayList<>();
        // The review gets one entry per grant and shape, the periods summed (bounded by one subject's ledger).
        Map<LedgerKey, UsageFact> reviewed = new HashMap<>();
        Iterable<String> known = keys.get();
        for (String key : known == null ? List.<String>of() : known) {
            long period = LedgerKey.slotOf(key);
            if (period + reviewEveryMillis <= oldest) {
                periods.remove(key);
                expired = true;
                continue;
            }
            kept.add(key);
            if (period < review) {
                UsageFact fact = periods.get(key);
                reviewed.merge(fact.key(LedgerKey.TIMELESS), fact, UsageFact::plus);
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
        long next = review + reviewEveryMillis;
        if (!kept.isEmpty() && next <= lastReviewOwed(context, unreviewed, next)) {
            nextReview.update(next);
            context.timerService().registerEventTimeTimer(next);
        } else {
            nextReview.clear();
        }
    }

    /**
     * While the stream goes on, reviews go on as long as evidence is in the window. At the end of a
     * bounded input (watermark at its maximum) they stop at the stream's final review; a state from
     * before the extent was kept has only this subject's evidence to go by.
     */
    private long lastReviewOwed(OnTimerContext context, boolean unreviewed, long next) throws Exception {
        if (context.timerService().currentWatermark() != Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        EventExtent extent = context.getBroadcastState(EXTENT).get(ALL);
        if (extent == null) {
            return unreviewed ? next : Long.MIN_VALUE;
        }
        return extent.finalReviewMillis(reviewEveryMillis);
    }
}
