package io.kubelpa.usage;

import java.io.Serializable;

/** The part of the log to analyse: events at or after {@code fromMicros} and before {@code untilMicros}. */
public record TimeRange(long fromMicros, long untilMicros) implements Serializable {
    public static final TimeRange ALL = new TimeRange(Long.MIN_VALUE, Long.MAX_VALUE);

    public TimeRange {
        if (fromMicros >= untilMicros) {
            throw new IllegalArgumentException("the time range is empty: --since must be before --until");
        }
    }

    public boolean contains(long timeMicros) {
        return timeMicros >= fromMicros && timeMicros < untilMicros;
    }
}
