package io.kubelpa.usage;

import io.kubelpa.rbac.ObjectRef;
import java.util.Comparator;
import java.util.List;

/**
 * The outcome of a usage analysis, however it ran (in process or as a job): the ledger, the
 * counters and window, the dead letters, examples of audit reasons the snapshot could not
 * reproduce, and the RBAC writes seen in the log (one per request), from which the RBAC as it is at
 * the end of the window follows.
 */
public record UsageReport(SubjectLedger ledger, UsageCounters counters, List<DeadLetter> deadLetters,
        List<String> reasonMismatchExamples, List<RbacChange> rbacChanges) {

    public UsageReport {
        deadLetters = List.copyOf(deadLetters);
        reasonMismatchExamples = List.copyOf(reasonMismatchExamples);
        rbacChanges = rbacChanges.stream()
                .sorted(Comparator.comparingLong(RbacChange::timeMicros).thenComparing(RbacChange::auditID)).toList();
    }

    /** RBAC objects changed at Metadata level: they changed, into what is unknown, so their evidence is partial. */
    public List<ObjectRef> partiallyKnown() {
        return rbacChanges.stream().filter(RbacChange::partial).map(RbacChange::ref).distinct().sorted().toList();
    }

    /** A record that could not be used, with where it came from. Never its content. */
    public record DeadLetter(String location, String reason, String detail) {
        /**
         * By file, then by position within it: record number ({@code audit.log:2} before {@code audit.log:10})
         * or byte offset ({@code audit.log@512}).
         */
        public static final Comparator<DeadLetter> IN_FILE_ORDER = Comparator
                .comparing((DeadLetter d) -> file(d.location)).thenComparingLong(d -> recordNumber(d.location))
                .thenComparing(DeadLetter::location);

        private static String file(String location) {
            return recordNumber(location) < 0 ? location : location.substring(0, separator(location));
        }

        private static int separator(String location) {
            return Math.max(location.lastIndexOf(':'), location.lastIndexOf('@'));
        }

        /** The number after the last {@code :} or {@code @}, or -1 (a whole file) when there is none. */
        private static long recordNumber(String location) {
            int at = separator(location);
            String digits = location.substring(at + 1);
            if (at < 0 || digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return -1;
            }
            return Long.parseLong(digits);
        }
    }
}
