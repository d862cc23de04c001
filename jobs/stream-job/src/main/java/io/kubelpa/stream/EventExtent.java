package io.kubelpa.stream;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.OutputTag;

/**
 * The span of event time of every audit event the job has read, and how many requests arrived after
 * event time had passed them (late: the reviews of their time were already written). The request
 * tasks send what changed at each watermark, before it; the ledger and the review merge them, so
 * the span is the whole stream's whatever the parallelism, and the late count is a sum of deltas.
 */
public final class EventExtent {
    /** How the request tasks send it on, beside their usage facts. */
    public static final OutputTag<EventExtent> SIDE_OUTPUT =
            new OutputTag<>("event-extents", Types.POJO(EventExtent.class));

    public long firstMicros = Long.MAX_VALUE;
    public long lastMicros = Long.MIN_VALUE;
    public long lateRequests;

    public EventExtent() {}

    EventExtent(long firstMicros, long lastMicros, long lateRequests) {
        this.firstMicros = firstMicros;
        this.lastMicros = lastMicros;
        this.lateRequests = lateRequests;
    }

    /** Widens the span to hold an event of {@code timeMicros}. */
    public void include(long timeMicros) {
        firstMicros = Math.min(firstMicros, timeMicros);
        lastMicros = Math.max(lastMicros, timeMicros);
    }

    public boolean isEmpty() {
        return lastMicros < firstMicros;
    }

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
