package io.kubelpa.stream;

import io.kubelpa.job.UsageFact;

/** The periods of event time between periodic reviews: a fact belongs to the one its last use falls in. */
public final class ReviewPeriod {
    private ReviewPeriod() {}

    /** The start (milliseconds) of the review period the fact's last use falls in. */
    public static long startOf(UsageFact fact, long reviewEveryMillis) {
        return startOf(fact.lastSeenMicros(), reviewEveryMillis);
    }

    /** The start (milliseconds) of the review period {@code timeMicros} falls in. */
    public static long startOf(long timeMicros, long reviewEveryMillis) {
        return Math.floorDiv(Math.floorDiv(timeMicros, 1000L), reviewEveryMillis) * reviewEveryMillis;
    }
}
