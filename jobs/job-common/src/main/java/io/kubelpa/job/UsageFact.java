package io.kubelpa.job;

import io.kubelpa.usage.GrantKey;
import io.kubelpa.usage.RequestShape;
import io.kubelpa.usage.ShapeUsage;
import io.kubelpa.usage.UsageRecord;
import java.util.Arrays;

/**
 * A ledger entry between operators: a subject used a grant (or was denied, when {@code grant} is
 * null) for a request shape, how often, when first and last, with sample auditIDs. A record of the
 * core's records, which Flink serializes field by field; the samples are an array rather than the
 * list {@link ShapeUsage} holds so that no general-purpose serializer is needed.
 */
public record UsageFact(
        String username,
        GrantKey grant,
        RequestShape shape,
        long count,
        long firstSeenMicros,
        long lastSeenMicros,
        String[] samples) {

    public static UsageFact of(UsageRecord record) {
        return new UsageFact(
                record.username(),
                record.grant(),
                record.shape(),
                1,
                record.timeMicros(),
                record.timeMicros(),
                new String[] {record.auditID()});
    }

    public static UsageFact of(String username, GrantKey grant, RequestShape shape, ShapeUsage usage) {
        return new UsageFact(
                username,
                grant,
                shape,
                usage.count(),
                usage.firstSeenMicros(),
                usage.lastSeenMicros(),
                usage.sampleAuditIDs().toArray(String[]::new));
    }

    public boolean denied() {
        return grant == null;
    }

    public ShapeUsage usage() {
        return new ShapeUsage(count, firstSeenMicros, lastSeenMicros, Arrays.asList(samples));
    }

    /** Where this entry adds up in a slot of time ({@link LedgerKey#TIMELESS} where time does not matter). */
    public LedgerKey key(long slot) {
        return new LedgerKey(slot, username, grant, shape);
    }

    /** Adds another entry of the same subject, grant and shape. */
    public UsageFact plus(UsageFact other) {
        return new UsageFact(
                username,
                grant,
                shape,
                count + other.count,
                Math.min(firstSeenMicros, other.firstSeenMicros),
                Math.max(lastSeenMicros, other.lastSeenMicros),
                ShapeUsage.mergedSamples(Arrays.asList(samples), Arrays.asList(other.samples))
                        .toArray(String[]::new));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UsageFact fact
                && username.equals(fact.username)
                && java.util.Objects.equals(grant, fact.grant)
                && shape.equals(fact.shape)
                && count == fact.count
                && firstSeenMicros == fact.firstSeenMicros
                && lastSeenMicros == fact.lastSeenMicros
                && Arrays.equals(samples, fact.samples);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(
                username, grant, shape, count, firstSeenMicros, lastSeenMicros, Arrays.hashCode(samples));
    }

    @Override
    public String toString() {
        return "UsageFact[" + username + ", " + grant + ", " + shape + ", " + usage() + "]";
    }
}
