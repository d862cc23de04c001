package io.kubelpa.findings;

import io.kubelpa.usage.UsageCounters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * How far the log as a whole can show non-use, from its counters: requests logged without the
 * user's groups (use through a group binding cannot be seen), requests allowed although the RBAC
 * given does not allow them (another authorizer decided, or the RBAC given is not the cluster's),
 * and allowed requests whose logged reason the RBAC given cannot reproduce (a stale snapshot).
 */
public record EvidenceQuality(long requests, long allowed, long degraded, long allowedOutsideRbac, long mismatches) {
    public static EvidenceQuality of(UsageCounters counters) {
        return of(counters::get);
    }

    public static EvidenceQuality of(ToLongFunction<String> count) {
        return new EvidenceQuality(
                count.applyAsLong(UsageCounters.REQUESTS),
                count.applyAsLong(UsageCounters.ALLOWED),
                count.applyAsLong(UsageCounters.DEGRADED),
                count.applyAsLong(UsageCounters.ALLOWED_OUTSIDE_RBAC),
                count.applyAsLong(UsageCounters.REASON_MISMATCHES));
    }

    /** One line per kind of degraded evidence present at all, with its count and what it means. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        if (degraded > 0) {
            lines.add(degraded + " of " + requests + " requests (" + percent(degraded, requests)
                    + ") were logged without the user's groups (e.g. GKE, CSV exports): use through group bindings"
                    + " is invisible for them");
        }
        if (allowedOutsideRbac > 0) {
            lines.add(
                    allowedOutsideRbac + " of " + allowed + " allowed requests (" + percent(allowedOutsideRbac, allowed)
                            + ") were allowed although the RBAC given does not allow them (another authorizer, or RBAC"
                            + " that is not the cluster's)");
        }
        if (mismatches > 0) {
            lines.add(mismatches + " allowed requests (" + percent(mismatches, allowed)
                    + ") name a reason the RBAC given cannot reproduce (a stale snapshot?)");
        }
        return lines;
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    private static String percent(long part, long whole) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share(part, whole));
    }
}
