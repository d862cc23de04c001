package io.kubelpa.usage;

import java.util.List;

/**
 * The outcome of a usage analysis, however it ran (in process or as a job): the ledger, the
 * counters and window, the dead letters, and examples of audit reasons the snapshot could not
 * reproduce.
 */
public record UsageReport(InMemoryUsageLedger ledger, UsageCounters counters, List<DeadLetter> deadLetters,
        List<String> reasonMismatchExamples) {

    public UsageReport {
        deadLetters = List.copyOf(deadLetters);
        reasonMismatchExamples = List.copyOf(reasonMismatchExamples);
    }

    /** A record that could not be used, with where it came from. Never its content. */
    public record DeadLetter(String location, String reason, String detail) {}
}
