package io.kubelpa.usage;

import java.util.List;
import java.util.stream.Stream;

/** How often a request shape was seen, first and last (microseconds), and up to three sample auditIDs. */
public record ShapeUsage(long count, long firstSeenMicros, long lastSeenMicros, List<String> sampleAuditIDs) {
    public static final int MAX_SAMPLES = 3;

    public ShapeUsage {
        sampleAuditIDs = List.copyOf(sampleAuditIDs);
    }

    public static ShapeUsage first(long timeMicros, String auditID) {
        return new ShapeUsage(1, timeMicros, timeMicros, List.of(auditID));
    }

    /**
     * The sum of two usages. The samples kept are the smallest auditIDs, so the result does not depend
     * on the order in which parallel parts of a job are merged.
     */
    public ShapeUsage plus(ShapeUsage other) {
        List<String> samples = Stream.concat(sampleAuditIDs.stream(), other.sampleAuditIDs.stream())
                .distinct()
                .sorted()
                .limit(MAX_SAMPLES)
                .toList();
        return new ShapeUsage(
                count + other.count,
                Math.min(firstSeenMicros, other.firstSeenMicros),
                Math.max(lastSeenMicros, other.lastSeenMicros),
                samples);
    }

    /**
     * The same requests, counted through another grant or rule of the same request: one count (the
     * larger), the widest times, the samples of both.
     */
    public ShapeUsage sameRequests(ShapeUsage other) {
        ShapeUsage merged = plus(other);
        return new ShapeUsage(
                Math.max(count, other.count),
                merged.firstSeenMicros(),
                merged.lastSeenMicros(),
                merged.sampleAuditIDs());
    }
}
