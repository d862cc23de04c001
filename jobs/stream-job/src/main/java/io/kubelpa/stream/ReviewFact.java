package io.kubelpa.stream;

import io.kubelpa.job.UsageFact;

/**
 * One ledger entry of one subject as of a periodic review (event time, microseconds); or what the
 * request tasks read ({@link EventExtent}); or, with neither, the mark of an RBAC change at that
 * time, which calls for a re-evaluation.
 */
public final class ReviewFact {
    public long reviewMicros;
    public UsageFact fact;
    public EventExtent extent;

    public ReviewFact() {}

    ReviewFact(long reviewMicros, UsageFact fact) {
        this.reviewMicros = reviewMicros;
        this.fact = fact;
    }

    static ReviewFact of(EventExtent extent) {
        ReviewFact fact = new ReviewFact(Long.MIN_VALUE, null);
        fact.extent = extent;
        return fact;
    }

    static ReviewFact rbacChanged(long timeMicros) {
        return new ReviewFact(timeMicros, null);
    }
}
