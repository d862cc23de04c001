package io.kubelpa.usage;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** A {@link SubjectLedger} in sorted maps on the heap: per subject, per grant, per request shape; and denied shapes. */
public final class InMemoryUsageLedger implements SubjectLedger {
    private final Map<String, SubjectUsage> subjects = new TreeMap<>();
    private final Map<String, SubjectUsage> readOnly = Collections.unmodifiableMap(subjects);
    // Many subjects use the same grants and shapes: one instance of each keeps a large ledger small.
    private final Map<GrantKey, GrantKey> grants = new HashMap<>();
    private final Map<RequestShape, RequestShape> shapes = new HashMap<>();

    /** Adds one request's usage (or denial, when its grant is null). */
    public void add(UsageRecord record) {
        add(record.username(), record.grant(), record.shape(), ShapeUsage.first(record.timeMicros(), record.auditID()));
    }

    /** Adds already-summed usage (as a distributed job delivers it); {@code grant} null for a denial. */
    public void add(String username, GrantKey grant, RequestShape shape, ShapeUsage usage) {
        SubjectUsage subject = subjects.computeIfAbsent(username, u -> new SubjectUsage());
        RequestShape canonicalShape = shapes.computeIfAbsent(shape, s -> s);
        if (grant == null) {
            subject.addDenial(canonicalShape, usage);
        } else {
            subject.addUse(grants.computeIfAbsent(grant, g -> g), canonicalShape, usage);
        }
    }

    @Override
    public Map<String, SubjectUsage> subjects() {
        return readOnly;
    }
}
