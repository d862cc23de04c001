package io.kubelpa.usage;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.kubelpa.authz.DecisionCache;
import io.kubelpa.authz.RbacAuthorizer;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.rbac.SnapshotAssembler;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The RBAC picture over time: the starting objects, changed by the RBAC writes seen in the audit log
 * from their event time on. A request is authorized against the snapshot in force when it was made.
 */
public final class RbacTimeline {
    private final long[] boundaries;
    private final RbacAuthorizer[] authorizers;
    private final Set<ObjectRef> partiallyKnown = new TreeSet<>();
    private final List<RbacChange> changes;
    private final RbacObjects current;

    public RbacTimeline(RbacObjects initial, BuiltinMode mode, List<RbacChange> unorderedChanges) {
        // Changes at the same microsecond apply in auditID order, so every reader of the same writes builds the same
        // picture.
        this.changes = unorderedChanges.stream()
                .sorted(Comparator.comparingLong(RbacChange::timeMicros)
                        .thenComparing(RbacChange::auditID, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
        Map<ObjectRef, HasMetadata> objects = new LinkedHashMap<>();
        index(initial, objects);
        List<Long> times = new ArrayList<>();
        List<RbacAuthorizer> snapshots = new ArrayList<>();
        // One bound for the decisions of every version: the bounded job reads requests in auditID order, not in time.
        DecisionCache decisions = new DecisionCache(DecisionCache.DEFAULT_CAPACITY);
        times.add(Long.MIN_VALUE);
        snapshots.add(new RbacAuthorizer(SnapshotAssembler.assemble(initial, mode), decisions));
        int i = 0;
        while (i < changes.size()) {
            long time = changes.get(i).timeMicros();
            boolean changed = false;
            for (; i < changes.size() && changes.get(i).timeMicros() == time; i++) {
                changed |= apply(changes.get(i), objects);
            }
            if (changed) {
                times.add(time);
                snapshots.add(new RbacAuthorizer(SnapshotAssembler.assemble(collect(objects), mode), decisions));
            }
        }
        this.current = collect(objects);
        this.boundaries = times.stream().mapToLong(Long::longValue).toArray();
        this.authorizers = snapshots.toArray(RbacAuthorizer[]::new);
    }

    /** The authorizer over the snapshot in force at this time (changes apply from their own time on). */
    public RbacAuthorizer authorizerAt(long timeMicros) {
        int low = 0;
        int high = boundaries.length - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (boundaries[mid] <= timeMicros) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return authorizers[low];
    }

    /** Objects changed at Metadata level: they changed, but into what is unknown. */
    public Set<ObjectRef> partiallyKnown() {
        return partiallyKnown;
    }

    /** The RBAC objects as they are after the last change: what proposals are made against. */
    public RbacObjects current() {
        return current;
    }

    public List<RbacChange> changes() {
        return changes;
    }

    private boolean apply(RbacChange change, Map<ObjectRef, HasMetadata> objects) {
        if (change.deleted()) {
            return objects.remove(change.ref()) != null;
        }
        if (change.partial()) {
            partiallyKnown.add(change.ref());
            return false;
        }
        objects.put(change.ref(), change.object());
        return true;
    }

    private static void index(RbacObjects initial, Map<ObjectRef, HasMetadata> objects) {
        initial.roles()
                .forEach(r -> objects.put(
                        ObjectRef.role(
                                r.getMetadata().getNamespace(), r.getMetadata().getName()),
                        r));
        initial.clusterRoles()
                .forEach(r -> objects.put(ObjectRef.clusterRole(r.getMetadata().getName()), r));
        initial.roleBindings()
                .forEach(b -> objects.put(
                        ObjectRef.roleBinding(
                                b.getMetadata().getNamespace(), b.getMetadata().getName()),
                        b));
        initial.clusterRoleBindings()
                .forEach(b ->
                        objects.put(ObjectRef.clusterRoleBinding(b.getMetadata().getName()), b));
    }

    private static RbacObjects collect(Map<ObjectRef, HasMetadata> objects) {
        RbacObjects.Builder builder = new RbacObjects.Builder();
        for (HasMetadata object : objects.values()) {
            if (object instanceof Role
                    || object instanceof ClusterRole
                    || object instanceof RoleBinding
                    || object instanceof ClusterRoleBinding) {
                builder.add(object);
            }
        }
        return builder.build();
    }
}
