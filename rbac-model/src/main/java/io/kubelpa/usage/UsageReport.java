package io.kubelpa.usage;

import io.kubelpa.rbac.ObjectRef;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The outcome of a usage analysis, however it ran (in process or as a job): the ledger, the
 * counters and window, the dead letters, examples of audit reasons the snapshot could not
 * reproduce, and the RBAC writes seen in the log (one per request), from which the RBAC as it is at
 * the end of the window follows.
 */
public record UsageReport(
        SubjectLedger ledger,
        UsageCounters counters,
        List<DeadLetter> deadLetters,
        List<String> reasonMismatchExamples,
        List<RbacChange> rbacChanges) {

    public UsageReport {
        // not copied: an analysis's dead letters may be a view of a store on disk
        deadLetters = Collections.unmodifiableList(deadLetters);
        reasonMismatchExamples = List.copyOf(reasonMismatchExamples);
        rbacChanges = rbacChanges.stream()
                .sorted(Comparator.comparingLong(RbacChange::timeMicros).thenComparing(RbacChange::auditID))
                .toList();
    }

    /** RBAC objects changed at Metadata level: they changed, into what is unknown, so their evidence is partial. */
    public List<ObjectRef> partiallyKnown() {
        return rbacChanges.stream()
                .filter(RbacChange::partial)
                .map(RbacChange::ref)
                .distinct()
                .sorted()
                .toList();
    }

    /**
     * A record that could not be used, with where it came from. Never its content. Dead letters are
     * listed by {@link #file()}, then by {@link #position()} in it ({@code audit.log:2} before
     * {@code audit.log:10}).
     */
    public record DeadLetter(String location, String reason, String detail) {
        /** The file (or source) of the location, without its position. */
        public String file() {
            return position() < 0 ? location : location.substring(0, separator());
        }

        /**
         * The position in the file, after the location's last {@code :} (record number) or {@code @}
         * (byte offset); -1 for the whole file.
         */
        public long position() {
            int at = separator();
            String digits = location.substring(at + 1);
            if (at < 0
                    || digits.isEmpty()
                    || digits.length() > 18
                    || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return -1;
            }
            return Long.parseLong(digits);
        }

        private int separator() {
            return Math.max(location.lastIndexOf(':'), location.lastIndexOf('@'));
        }
    }
}
