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
    /** The counters it is read from, in the order of its components. */
    public static final List<String> COUNTERS = List.of(
            UsageCounters.REQUESTS,
            UsageCounters.ALLOWED,
            UsageCounters.DEGRADED,
            UsageCounters.ALLOWED_OUTSIDE_RBAC,
            UsageCounters.REASON_MISMATCHES);

    /** Past this share of allowed requests outside the RBAC given, it is likely not the cluster's RBAC. */
    public static final double OUTSIDE_RBAC_LIMIT = 0.5;

    public static final EvidenceQuality NONE = new EvidenceQuality(0, 0, 0, 0, 0);

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

    /** Whether use through a binding to a group the log does not show may have gone unseen. */
    public boolean groupsUnseen() {
        return degraded > 0;
    }

    /** Whether so much was allowed outside the RBAC given that it is likely not the cluster's. */
    public boolean mostlyOutsideRbac() {
        return allowed > 0 && share(allowedOutsideRbac, allowed) > OUTSIDE_RBAC_LIMIT;
    }

    /** Whether the log's own decisions show the RBAC given is not the cluster's of the window. */
    public boolean rbacDisagrees() {
        return mismatches > 0;
    }

    /** One line per kind of degraded evidence present at all, with its count, what it means and what it does. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        if (degraded > 0) {
            lines.add(degraded + " of " + requests + " requests (" + percent(degraded, requests)
                    + ") were logged without the user's groups (e.g. GKE, CSV exports): use through group bindings"
                    + " is invisible for them, so findings on bindings to groups are low confidence");
        }
        if (allowedOutsideRbac > 0) {
            lines.add(allowedOutsideRbac + " of " + allowed + " allowed requests ("
                    + percent(allowedOutsideRbac, allowed)
                    + ") were allowed although the RBAC given does not allow them (another authorizer, or RBAC"
                    + " that is not the cluster's)"
                    + (mostlyOutsideRbac()
                            ? ": more than " + Math.round(100 * OUTSIDE_RBAC_LIMIT)
                                    + "%, so every finding is low confidence"
                            : ""));
        }
        if (mismatches > 0) {
            lines.add(mismatches + " allowed requests (" + percent(mismatches, allowed)
                    + ") name a reason the RBAC given cannot reproduce: it is not the cluster's RBAC of the window,"
                    + " so every finding is low confidence");
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
