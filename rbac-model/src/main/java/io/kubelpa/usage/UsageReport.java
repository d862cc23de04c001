package io.kubelpa.usage;

import io.kubelpa.rbac.ObjectRef;
import java.util.List;

/**
 * The outcome of a usage analysis, however it ran (in process or as a job): the ledger, the
 * counters and window, the dead letters, examples of audit reasons the snapshot could not
 * reproduce, and the RBAC objects that changed at Metadata level (their new content unknown, so
 * evidence about them is partial).
 */
public record UsageReport(InMemoryUsageLedger ledger, UsageCounters counters, List<DeadLetter> deadLetters,
        List<String> reasonMismatchExamples, List<ObjectRef> partiallyKnown) {

    public UsageReport {
        deadLetters = List.copyOf(deadLetters);
        reasonMismatchExamples = List.copyOf(reasonMismatchExamples);
        partiallyKnown = List.copyOf(new java.util.TreeSet<>(partiallyKnown));
    }

    /** A record that could not be used, with where it came from. Never its content. */
    public record DeadLetter(String location, String reason, String detail) {}
}
