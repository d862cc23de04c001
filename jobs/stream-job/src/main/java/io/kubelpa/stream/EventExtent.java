package io.kubelpa.stream;

import io.kubelpa.findings.EvidenceQuality;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.OutputTag;

/**
 * The span of event time of every audit event the job has read, and how many requests arrived after
 * event time had passed them (late: the reviews of their time were already written). The request
 * tasks send what changed at each watermark, before it; the ledger and the review merge them, so
 * the span is the whole stream's whatever the parallelism, and the late count is a sum of deltas.
 * What a task sends also holds what the review needs to judge a window's evidence as {@code lpa
 * analyze} does: the first and last time of each hour with events (its coverage) and, per review
 * period, the counts {@link EvidenceQuality} reads. The review takes those as they arrive; a
 * merged extent keeps the span and the late count only.
 */
public final class EventExtent {
    /** How the request tasks send it on, beside their usage facts. */
    public static final OutputTag<EventExtent> SIDE_OUTPUT =
            new OutputTag<>("event-extents", Types.POJO(EventExtent.class));

    public long firstMicros = Long.MAX_VALUE;
    public long lastMicros = Long.MIN_VALUE;
    public long lateRequests;
    /** Per hour with events: its first and last time, in pairs. */
    public long[] hourSpans = new long[0];
    /** Per review period with requests: its start (ms), then the counts of {@link EvidenceQuality#COUNTERS}. */
    public long[] periodCounts = new long[0];

    private transient Map<Long, long[]> hours;
    private transient Map<Long, long[]> periods;

    public EventExtent() {}

    EventExtent(long firstMicros, long lastMicros, long lateRequests) {
        this.firstMicros = firstMicros;
        this.lastMicros = lastMicros;
        this.lateRequests = lateRequests;
    }

    /** Widens the span to hold an event of {@code timeMicros}, and notes its hour. */
    public void include(long timeMicros) {
        firstMicros = Math.min(firstMicros, timeMicros);
        lastMicros = Math.max(lastMicros, timeMicros);
        if (hours == null) {
            hours = new HashMap<>();
        }
        long[] span =
                hours.computeIfAbsent(Math.floorDiv(timeMicros, HOUR_MICROS), h -> new long[] {timeMicros, timeMicros});
        span[0] = Math.min(span[0], timeMicros);
        span[1] = Math.max(span[1], timeMicros);
    }

    /** Adds a decided request's counts to the review period starting at {@code periodStartMillis}. */
    public void count(long periodStartMillis, ToLongFunction<String> counted) {
        if (periods == null) {
            periods = new TreeMap<>();
        }
        long[] sums = periods.computeIfAbsent(periodStartMillis, p -> new long[EvidenceQuality.COUNTERS.size()]);
        for (int i = 0; i < sums.length; i++) {
            sums[i] += counted.applyAsLong(EvidenceQuality.COUNTERS.get(i));
        }
    }

    /** Whether there is anything to send: a span, late requests or counts. */
    public boolean hasNews() {
        return !isEmpty() || lateRequests > 0 || (periods != null && !periods.isEmpty());
    }

    /** Its hours and counts written into the fields Flink serializes; call once, before it is sent. */
    public EventExtent sealed() {
        hourSpans = hours == null
                ? new long[0]
                : hours.values().stream()
                        .flatMapToLong(span -> java.util.stream.LongStream.of(span))
                        .toArray();
        periodCounts = periods == null
                ? new long[0]
                : periods.entrySet().stream()
                        .flatMapToLong(e -> java.util.stream.LongStream.concat(
                                java.util.stream.LongStream.of(e.getKey()),
                                java.util.stream.LongStream.of(e.getValue())))
                        .toArray();
        return this;
    }

    public boolean isEmpty() {
        return lastMicros < firstMicros;
    }

    static final long HOUR_MICROS = 3_600_000_000L;

    /** This span widened by {@code other}'s, the late requests added. */
    EventExtent merge(EventExtent other) {
        return new EventExtent(
                Math.min(firstMicros, other.firstMicros),
                Math.max(lastMicros, other.lastMicros),
                lateRequests + other.lateRequests);
    }

    /**
     * The last review a stream that ended here owes: the first review boundary after the last event
     * (that review holds it), in milliseconds; {@code Long.MAX_VALUE} when no event was read.
     */
    long finalReviewMillis(long reviewEveryMillis) {
        if (isEmpty()) {
            return Long.MAX_VALUE;
        }
        return (Math.floorDiv(Math.floorDiv(lastMicros, 1000L), reviewEveryMillis) + 1) * reviewEveryMillis;
    }
}
