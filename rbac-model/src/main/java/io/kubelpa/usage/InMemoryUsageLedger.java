package io.kubelpa.usage;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** A {@link UsageLedger} in sorted maps: per subject, per grant, per request shape; and denied shapes. */
public final class InMemoryUsageLedger implements UsageLedger, SubjectLedger {
    private final Map<String, SubjectUsage> subjects = new TreeMap<>();
    // Many subjects use the same grants and shapes: one instance of each keeps a large ledger small.
    private final Map<GrantKey, GrantKey> grants = new HashMap<>();
    private final Map<RequestShape, RequestShape> shapes = new HashMap<>();

    @Override
    public void add(UsageRecord record) {
        add(record.username(), record.grant(), record.shape(), ShapeUsage.first(record.timeMicros(), record.auditID()));
    }

    /** Adds already-summed usage (as a distributed job delivers it); {@code grant} null for a denial. */
    public void add(String username, GrantKey grant, RequestShape shape, ShapeUsage usage) {
        SubjectUsage subject = subjects.computeIfAbsent(username, u -> new SubjectUsage());
        RequestShape canonicalShape = shapes.computeIfAbsent(shape, s -> s);
        if (grant == null) {
            subject.deniedForWriting().merge(canonicalShape, usage, ShapeUsage::plus);
        } else {
            subject.used.computeIfAbsent(grants.computeIfAbsent(grant, g -> g), g -> new TreeMap<>())
                    .merge(canonicalShape, usage, ShapeUsage::plus);
        }
    }

    /** Subjects by user name, sorted. */
    @Override
    public Map<String, SubjectUsage> subjects() {
        return subjects;
    }

    /** One subject's usage: shapes per grant, and denied shapes. */
    public static final class SubjectUsage {
        private final Map<GrantKey, Map<RequestShape, ShapeUsage>> used = new TreeMap<>();
        /** Most subjects are never denied anything: the map is made with the first denial. */
        private Map<RequestShape, ShapeUsage> denied;

        public Map<GrantKey, Map<RequestShape, ShapeUsage>> used() {
            return used;
        }

        public Map<RequestShape, ShapeUsage> denied() {
            return denied == null ? Collections.emptySortedMap() : denied;
        }

        private Map<RequestShape, ShapeUsage> deniedForWriting() {
            if (denied == null) {
                denied = new TreeMap<>();
            }
            return denied;
        }
    }
}
