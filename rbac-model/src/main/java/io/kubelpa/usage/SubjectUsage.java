package io.kubelpa.usage;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One subject's usage: the request shapes it used through each grant, the shapes another authorizer
 * allowed outside the RBAC given, and the shapes it was denied.
 */
public final class SubjectUsage {
    private final Map<GrantKey, Map<RequestShape, ShapeUsage>> used = new TreeMap<>();
    /** Most subjects use nothing outside RBAC: the map is made with the first such use. */
    private Map<AuthorizedBy, Map<RequestShape, ShapeUsage>> outsideRbac;
    /** Most subjects are never denied anything: the map is made with the first denial. */
    private Map<RequestShape, ShapeUsage> denied;

    SubjectUsage() {}

    public Map<GrantKey, Map<RequestShape, ShapeUsage>> used() {
        return Collections.unmodifiableMap(used);
    }

    /** What was allowed although no grant of the RBAC given allows it, by the authorizer the log names. */
    public Map<AuthorizedBy, Map<RequestShape, ShapeUsage>> outsideRbac() {
        return outsideRbac == null ? Collections.emptySortedMap() : Collections.unmodifiableMap(outsideRbac);
    }

    public Map<RequestShape, ShapeUsage> denied() {
        return denied == null ? Collections.emptySortedMap() : Collections.unmodifiableMap(denied);
    }

    void addUse(GrantKey grant, RequestShape shape, ShapeUsage usage) {
        AuthorizedBy outside = grant.authorizedOutsideRbac();
        if (outside != null) {
            if (outsideRbac == null) {
                outsideRbac = new TreeMap<>();
            }
            outsideRbac.computeIfAbsent(outside, a -> new TreeMap<>()).merge(shape, usage, ShapeUsage::plus);
            return;
        }
        used.computeIfAbsent(grant, g -> new TreeMap<>()).merge(shape, usage, ShapeUsage::plus);
    }

    void addDenial(RequestShape shape, ShapeUsage usage) {
        if (denied == null) {
            denied = new TreeMap<>();
        }
        denied.merge(shape, usage, ShapeUsage::plus);
    }
}
