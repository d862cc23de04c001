package io.kubelpa.proposal;

import java.util.List;

/**
 * The proof of one proposal (or of all together): the replay of every allowed request of the window
 * against the proposed RBAC (how many were checked, how many would now be denied, examples), and the
 * no-widening check (permissions anyone would gain, expected none).
 */
public record Verification(
        long replayedShapes,
        long replayedRequests,
        List<String> replayFailures,
        long replayFailureCount,
        List<String> gains) {

    public Verification {
        replayFailures = List.copyOf(replayFailures);
        gains = List.copyOf(gains);
    }

    public boolean replayPassed() {
        return replayFailureCount == 0;
    }

    public boolean noWidening() {
        return gains.isEmpty();
    }

    public boolean passed() {
        return replayPassed() && noWidening();
    }
}
