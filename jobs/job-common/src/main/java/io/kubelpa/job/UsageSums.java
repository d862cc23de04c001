package io.kubelpa.job;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Usage facts summed per subject, grant and request shape, at most {@code maxSums} at a time: the
 * ledger's per-fact work in the bounded job. Partial sums of the same entry add up where the ledger is
 * assembled, so handing them on early loses nothing.
 */
public final class UsageSums {
    private final int maxSums;
    private final Map<LedgerKey, UsageFact> sums = new HashMap<>();

    public UsageSums(int maxSums) {
        if (maxSums < 1) {
            throw new IllegalArgumentException("maxSums must be positive: " + maxSums);
        }
        this.maxSums = maxSums;
    }

    /** Adds a fact; returns whether the sums are full and must be handed on. */
    public boolean add(UsageFact fact) {
        sums.merge(fact.key(LedgerKey.TIMELESS), fact, UsageFact::plus);
        return sums.size() >= maxSums;
    }

    public Collection<UsageFact> sums() {
        return sums.values();
    }

    public void clear() {
        sums.clear();
    }
}
