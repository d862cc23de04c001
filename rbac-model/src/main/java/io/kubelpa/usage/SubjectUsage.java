package io.kubelpa.usage;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** One subject's usage: the request shapes it used through each grant, and the shapes it was denied. */
public final class SubjectUsage {
    private final Map<GrantKey, Map<RequestShape, ShapeUsage>> used = new TreeMap<>();
    /** Most subjects are never denied anything: the map is made with the first denial. */
    private Map<RequestShape, ShapeUsage> denied;

    SubjectUsage() {}

    public Map<GrantKey, Map<RequestShape, ShapeUsage>> used() {
        return Collections.unmodifiableMap(used);
    }

    public Map<RequestShape, ShapeUsage> denied() {
        return denied == null ? Collections.emptySortedMap() : Collections.unmodifiableMap(denied);
    }

    void addUse(GrantKey grant, RequestShape shape, ShapeUsage usage) {
        used.computeIfAbsent(grant, g -> new TreeMap<>()).merge(shape, usage, ShapeUsage::plus);
    }

    void addDenial(RequestShape shape, ShapeUsage usage) {
        if (denied == null) {
            denied = new TreeMap<>();
        }
        denied.merge(shape, usage, ShapeUsage::plus);
    }
}
