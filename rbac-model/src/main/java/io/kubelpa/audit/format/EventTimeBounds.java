package io.kubelpa.audit.format;

import io.kubelpa.audit.AuditEvent;
import io.kubelpa.audit.Timestamps;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;

/**
 * When an audit event can have happened: not before Kubernetes existed, and not later than its record
 * was written (the broker's timestamp of a message, a file's modification time; now when unknown or
 * later) plus a clock skew. An event outside is a dead letter ({@value #REASON}): it must neither move
 * event time nor make a review of a time no log reached.
 */
public record EventTimeBounds(long notBeforeMicros, Duration maxSkew) implements Serializable {
    public static final String REASON = "implausible-time";
    /** Kubernetes' first public commit, 2014-06-06: no cluster wrote an audit event before. */
    public static final long KUBERNETES_BEGAN_MICROS =
            Instant.parse("2014-06-06T00:00:00Z").toEpochMilli() * 1000;

    public static final Duration DEFAULT_SKEW = Duration.ofHours(1);
    public static final EventTimeBounds DEFAULT = new EventTimeBounds(KUBERNETES_BEGAN_MICROS, DEFAULT_SKEW);

    public EventTimeBounds {
        if (maxSkew == null || maxSkew.isNegative()) {
            throw new IllegalArgumentException("the clock skew allowed must not be negative");
        }
    }

    /** Moves the events of {@code result} outside the bounds to its dead letters. */
    void screen(DecodeResult result, long writtenMillis, long nowMillis) {
        Iterator<AuditEvent> events = result.events().iterator();
        while (events.hasNext()) {
            long time = events.next().timeMicros();
            if (time == Timestamps.ABSENT) {
                continue; // no time to judge: such an event is counted as before, and places nothing in event time
            }
            String why = implausible(time, writtenMillis, nowMillis);
            if (why != null) {
                events.remove();
                result.reject(REASON, why);
            }
        }
    }

    /** Why an event of {@code eventMicros} cannot be, or null when it can. */
    public String implausible(long eventMicros, long writtenMillis, long nowMillis) {
        if (eventMicros < notBeforeMicros) {
            return "event time " + Timestamps.format(eventMicros) + " is before " + Timestamps.format(notBeforeMicros);
        }
        // A time before Kubernetes (0 where a file system does not know, 1 s in images built reproducibly) tells
        // nothing.
        boolean known = writtenMillis != RawRecord.UNKNOWN_TIME && writtenMillis >= notBeforeMicros / 1000;
        long written = known ? Math.min(writtenMillis, nowMillis) : nowMillis;
        long latestMicros = saturatingMicros(written, maxSkew);
        if (eventMicros > latestMicros) {
            return "event time " + Timestamps.format(eventMicros) + " is more than " + maxSkew
                    + " after its record was written (" + Timestamps.format(written * 1000) + ")";
        }
        return null;
    }

    private static long saturatingMicros(long millis, Duration skew) {
        try {
            return Math.multiplyExact(Math.addExact(millis, skew.toMillis()), 1000L);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
