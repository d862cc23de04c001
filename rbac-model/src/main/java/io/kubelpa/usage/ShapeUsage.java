package io.kubelpa.usage;

import java.util.Arrays;
import java.util.List;

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
        List<String> samples = mergedSamples(sampleAuditIDs, other.sampleAuditIDs);
        return new ShapeUsage(
                count + other.count,
                Math.min(firstSeenMicros, other.firstSeenMicros),
                Math.max(lastSeenMicros, other.lastSeenMicros),
                samples);
    }

    /**
     * The samples two usages keep together: the smallest distinct auditIDs of both, at most {@link
     * #MAX_SAMPLES}, in order. Summing facts runs this for every request, so it sorts a handful of strings
     * in place rather than through a stream.
     */
    public static List<String> mergedSamples(List<String> some, List<String> others) {
        String[] merged = new String[some.size() + others.size()];
        int size = 0;
        for (List<String> samples : List.of(some, others)) {
            for (String sample : samples) {
                int at = size;
                while (at > 0 && merged[at - 1].compareTo(sample) > 0) {
                    at--;
                }
                if (at > 0 && merged[at - 1].equals(sample)) {
                    continue;
                }
                System.arraycopy(merged, at, merged, at + 1, size - at);
                merged[at] = sample;
                size++;
            }
        }
        return List.of(Arrays.copyOf(merged, Math.min(size, MAX_SAMPLES)));
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
