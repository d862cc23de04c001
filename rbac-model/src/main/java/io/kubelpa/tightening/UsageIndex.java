package io.kubelpa.tightening;

import io.kubelpa.authz.SubjectRef;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.usage.RequestShape;
import io.kubelpa.usage.ShapeUsage;
import io.kubelpa.usage.SubjectLedger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The ledger seen from the grants' side: per binding and role, what went through it. */
public final class UsageIndex {
    private record BindingRole(ObjectRef binding, ObjectRef role) {}

    private final Map<BindingRole, BindingUsage> usage = new HashMap<>();

    /**
     * One subject at a time: its requests through a binding and role count once however many of the
     * binding's rules and subjects they went through, then the subjects' usages add up.
     */
    public UsageIndex(SubjectLedger ledger) {
        Map<BindingRole, Map<RequestShape, ShapeUsage>> shapes = new HashMap<>();
        Map<BindingRole, Set<SubjectRef>> subjects = new HashMap<>();
        Map<BindingRole, Map<RequestShape, ShapeUsage>> subjectShapes = new HashMap<>();
        ledger.subjects().values().forEach(subject -> {
            subjectShapes.clear();
            subject.used().forEach((grant, grantShapes) -> {
                BindingRole key = new BindingRole(grant.binding(), grant.role());
                Map<RequestShape, ShapeUsage> merged = subjectShapes.computeIfAbsent(key, k -> new HashMap<>());
                grantShapes.forEach((shape, shapeUsage) -> merged.merge(shape, shapeUsage, ShapeUsage::sameRequests));
                subjects.computeIfAbsent(key, k -> new HashSet<>()).add(grant.subject());
            });
            subjectShapes.forEach((key, merged) -> {
                Map<RequestShape, ShapeUsage> total = shapes.computeIfAbsent(key, k -> new TreeMap<>());
                merged.forEach((shape, shapeUsage) -> total.merge(shape, shapeUsage, ShapeUsage::plus));
            });
        });
        shapes.forEach((key, total) -> usage.put(key, new BindingUsage(total, subjects.get(key))));
    }

    /** What went through {@code binding} while it referenced {@code role}; nothing if it was never used so. */
    public BindingUsage of(ObjectRef binding, ObjectRef role) {
        return usage.getOrDefault(new BindingRole(binding, role), BindingUsage.NONE);
    }

    /** Every binding with some use, whatever role it referenced. */
    public Set<ObjectRef> usedBindings() {
        Set<ObjectRef> bindings = new TreeSet<>();
        usage.keySet().forEach(k -> bindings.add(k.binding()));
        return bindings;
    }
}
