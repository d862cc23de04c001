package io.kubelpa.stream;

import io.kubelpa.job.UsageFact;

/**
 * One ledger entry of one subject as of a periodic review (event time, microseconds); or, with no
 * entry, the mark of an RBAC change at that time, which calls for a re-evaluation.
 */
public final class ReviewFact {
    public long reviewMicros;
    public UsageFact fact;

    public ReviewFact() {}

    ReviewFact(long reviewMicros, UsageFact fact) {
        this.reviewMicros = reviewMicros;
        this.fact = fact;
    }

    static ReviewFact rbacChanged(long timeMicros) {
        return new ReviewFact(timeMicros, null);
    }
}
