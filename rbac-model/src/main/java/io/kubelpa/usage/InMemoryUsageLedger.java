package io.kubelpa.usage;

import java.util.Map;
import java.util.TreeMap;

/** A {@link UsageLedger} in sorted maps: per subject, per grant, per request shape; and denied shapes. */
public final class InMemoryUsageLedger implements UsageLedger {
    private final Map<String, SubjectUsage> subjects = new TreeMap<>();

    @Override
    public void add(UsageRecord record) {
        SubjectUsage subject = subjects.computeIfAbsent(record.username(), u -> new SubjectUsage());
        ShapeUsage usage = ShapeUsage.first(record.timeMicros(), record.auditID());
        if (record.denied()) {
            subject.denied.merge(record.shape(), usage, ShapeUsage::plus);
        } else {
            subject.used.computeIfAbsent(record.grant(), g -> new TreeMap<>()).merge(record.shape(), usage, ShapeUsage::plus);
        }
    }

    /** Subjects by user name, sorted. */
    public Map<String, SubjectUsage> subjects() {
        return subjects;
    }

    /** One subject's usage: shapes per grant, and denied shapes. */
    public static final class SubjectUsage {
        private final Map<GrantKey, Map<RequestShape, ShapeUsage>> used = new TreeMap<>();
        private final Map<RequestShape, ShapeUsage> denied = new TreeMap<>();

        public Map<GrantKey, Map<RequestShape, ShapeUsage>> used() {
            return used;
        }

        public Map<RequestShape, ShapeUsage> denied() {
            return denied;
        }
    }
}
