package io.kubelpa.findings;

import io.kubelpa.audit.Timestamps;
import io.kubelpa.usage.UsageCounters;
import java.time.Duration;

/** The span of event time the audit logs covered; empty when they held no event. */
public record ObservationWindow(long fromMicros, long toMicros) {
    public static final ObservationWindow EMPTY = new ObservationWindow(0, -1);

    public static ObservationWindow of(UsageCounters counters) {
        return counters.hasWindow() ? new ObservationWindow(counters.fromMicros(), counters.toMicros()) : EMPTY;
    }

    public boolean isEmpty() {
        return toMicros < fromMicros;
    }

    public Duration length() {
        if (isEmpty()) {
            return Duration.ZERO;
        }
        // In seconds and micros: any two representable times apart, where nanoseconds overflow past ~292 years.
        long micros = toMicros - fromMicros;
        return Duration.ofSeconds(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    @Override
    public String toString() {
        return isEmpty() ? "no events" : Timestamps.format(fromMicros) + " .. " + Timestamps.format(toMicros);
    }
}
