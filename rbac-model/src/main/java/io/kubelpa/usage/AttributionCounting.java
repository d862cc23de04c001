package io.kubelpa.usage;

import io.kubelpa.audit.AuditEvent;
import java.util.List;

/** Updates the global counters for one attributed request; shared by the in-process analysis and the jobs. */
public final class AttributionCounting {
    public static final int MAX_MISMATCH_EXAMPLES = 20;

    private AttributionCounting() {}

    public static void count(
            AuditEvent event, Attribution attribution, UsageCounters counters, List<String> mismatchExamples) {
        counters.increment(UsageCounters.REQUESTS);
        counters.observe(event.timeMicros());
        if (event.degraded()) {
            counters.increment(UsageCounters.DEGRADED);
        }
        if (event.impersonatedUser() != null) {
            counters.increment(UsageCounters.IMPERSONATIONS);
        }
        switch (attribution.outcome()) {
            case ALLOWED -> counters.increment(UsageCounters.ALLOWED);
            case DENIED -> counters.increment(UsageCounters.DENIED);
            case NOT_AUTHORIZED -> counters.increment(UsageCounters.NOT_AUTHORIZED);
            case INCOMPLETE -> counters.increment(UsageCounters.INCOMPLETE);
        }
        if (attribution.objectRefMismatch()) {
            counters.increment(UsageCounters.OBJECT_REF_MISMATCHES);
        }
        if (attribution.allowedOutsideRbac()) {
            counters.increment(UsageCounters.ALLOWED_OUTSIDE_RBAC);
        }
        if (attribution.reasonMismatch() != null) {
            counters.increment(UsageCounters.REASON_MISMATCHES);
            if (mismatchExamples.size() < MAX_MISMATCH_EXAMPLES) {
                mismatchExamples.add(event.auditID() + ": " + attribution.reasonMismatch());
            }
        }
    }
}
