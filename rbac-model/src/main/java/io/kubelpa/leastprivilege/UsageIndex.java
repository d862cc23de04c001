package io.kubelpa.leastprivilege;

import io.kubelpa.authz.SubjectRef;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.usage.InMemoryUsageLedger;
import io.kubelpa.usage.RequestShape;
import io.kubelpa.usage.ShapeUsage;
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

    public UsageIndex(InMemoryUsageLedger ledger) {
        Map<BindingRole, Map<String, Map<RequestShape, ShapeUsage>>> perUser = new HashMap<>();
        Map<BindingRole, Set<SubjectRef>> subjects = new HashMap<>();
        ledger.subjects().forEach((username, subject) -> subject.used().forEach((grant, shapes) -> {
            BindingRole key = new BindingRole(grant.binding(), grant.role());
            Map<RequestShape, ShapeUsage> userShapes = perUser.computeIfAbsent(key, k -> new TreeMap<>())
                    .computeIfAbsent(username, u -> new TreeMap<>());
            shapes.forEach((shape, shapeUsage) -> userShapes.merge(shape, shapeUsage, ShapeUsage::sameRequests));
            subjects.computeIfAbsent(key, k -> new HashSet<>()).add(grant.subject());
        }));
        perUser.forEach((key, users) -> {
            Map<RequestShape, ShapeUsage> shapes = new TreeMap<>();
            users.values().forEach(userShapes -> userShapes.forEach((shape, u) -> shapes.merge(shape, u, ShapeUsage::plus)));
            usage.put(key, new BindingUsage(shapes, subjects.get(key), new TreeSet<>(users.keySet())));
        });
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
