package io.kubelpa.audit;

/**
 * Chooses which record of a request counts: every stage of one request shares its auditID, and
 * retries deliver the same stage again. Panic or ResponseComplete wins, then ResponseStarted;
 * RequestReceived never carries a decision.
 */
public final class StageMerger {
    private StageMerger() {}

    /** The record to keep of two with the same auditID (the earlier one on a tie, so redeliveries change nothing). */
    public static AuditEvent better(AuditEvent kept, AuditEvent candidate) {
        if (kept == null) {
            return candidate;
        }
        return candidate.stage().rank() > kept.stage().rank() ? candidate : kept;
    }

    /** The stages seen so far, as a bit set, after seeing {@code stage}. */
    public static int seen(int seenStages, Stage stage) {
        return seenStages | (1 << stage.ordinal());
    }

    /** Whether {@code stage} was already seen for this request (a redelivery or a second copy of a file). */
    public static boolean isDuplicate(int seenStages, Stage stage) {
        return (seenStages & (1 << stage.ordinal())) != 0;
    }
}
