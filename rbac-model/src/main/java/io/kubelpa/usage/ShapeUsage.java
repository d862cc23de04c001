package io.kubelpa.usage;

import java.util.ArrayList;
import java.util.List;

/** How often a request shape was seen, first and last (microseconds), and a few sample auditIDs. */
public record ShapeUsage(long count, long firstSeenMicros, long lastSeenMicros, List<String> sampleAuditIDs) {
    public static final int MAX_SAMPLES = 3;

    public ShapeUsage {
        sampleAuditIDs = List.copyOf(sampleAuditIDs);
    }

    public static ShapeUsage first(long timeMicros, String auditID) {
        return new ShapeUsage(1, timeMicros, timeMicros, List.of(auditID));
    }

    public ShapeUsage plus(ShapeUsage other) {
        List<String> samples = new ArrayList<>(sampleAuditIDs);
        for (String id : other.sampleAuditIDs) {
            if (samples.size() < MAX_SAMPLES && !samples.contains(id)) {
                samples.add(id);
            }
        }
        return new ShapeUsage(count + other.count, Math.min(firstSeenMicros, other.firstSeenMicros),
                Math.max(lastSeenMicros, other.lastSeenMicros), samples);
    }
}
