package io.kubelpa.usage;

import java.util.Map;
import java.util.TreeMap;

/**
 * The global counters of an analysis: records read, events, requests, duplicates, incomplete,
 * allowed, denied, reason mismatches, skipped and dead-lettered by reason; and the observed window.
 * Mergeable, so parallel parts of a job can be summed.
 */
public final class UsageCounters {
    public static final String RECORDS = "records";
    public static final String EVENTS = "events";
    public static final String REQUESTS = "requests";
    public static final String DUPLICATES = "duplicates";
    public static final String INCOMPLETE = "incomplete";
    public static final String ALLOWED = "allowed";
    public static final String DENIED = "denied";
    public static final String NOT_AUTHORIZED = "notAuthorized";
    public static final String ALLOWED_OUTSIDE_RBAC = "allowedOutsideRbac";
    public static final String REASON_MISMATCHES = "reasonMismatches";
    public static final String OBJECT_REF_MISMATCHES = "objectRefMismatches";
    public static final String DEGRADED = "degraded";
    public static final String IMPERSONATIONS = "impersonations";
    public static final String RBAC_CHANGES = "rbacChanges";
    public static final String DEAD_LETTERED = "deadLettered";
    public static final String SKIPPED = "skipped";
    public static final String OUTSIDE_RANGE = "outsideRange";

    private final Map<String, Long> counts = new TreeMap<>();
    private long fromMicros = Long.MAX_VALUE;
    private long toMicros = Long.MIN_VALUE;
    private Coverage coverage = new Coverage();

    public void increment(String counter) {
        add(counter, 1);
    }

    public void add(String counter, long amount) {
        counts.merge(counter, amount, Long::sum);
    }

    /** Counts per reason are kept as {@code <counter>.<reason>} next to the total. */
    public void incrementReason(String counter, String reason) {
        increment(counter);
        increment(counter + "." + reason);
    }

    public void observe(long timeMicros) {
        if (timeMicros >= 0) {
            fromMicros = Math.min(fromMicros, timeMicros);
            toMicros = Math.max(toMicros, timeMicros);
        }
    }

    /** As {@link #observe(long)}, and the event's source (a file, a partition) is known to hold that time. */
    public void observe(String source, long timeMicros) {
        observe(timeMicros);
        coverage.add(source, timeMicros);
    }

    /** Which times the sources hold events for; empty when the sources were not told. */
    public Coverage coverage() {
        return coverage;
    }

    public void setCoverage(Coverage coverage) {
        this.coverage = coverage;
    }

    public void merge(UsageCounters other) {
        other.counts.forEach(this::add);
        coverage.merge(other.coverage);
        fromMicros = Math.min(fromMicros, other.fromMicros);
        toMicros = Math.max(toMicros, other.toMicros);
    }

    public long get(String counter) {
        return counts.getOrDefault(counter, 0L);
    }

    public Map<String, Long> all() {
        return counts;
    }

    public boolean hasWindow() {
        return fromMicros <= toMicros;
    }

    public long fromMicros() {
        return fromMicros;
    }

    public long toMicros() {
        return toMicros;
    }
}
