package io.kubelpa.proposal;

import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.RbacSnapshot;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bindings that grant exactly the same in two snapshots: same subjects, same roleRef, and the
 * same effective rules behind it (after aggregation). A request one of them allowed before is
 * allowed after, so a replay need not authorize it again.
 */
final class UnchangedBindings {
    private final Map<ObjectRef, Effect> before;

    private record Effect(List<Subject> subjects, RoleRef roleRef, RbacSnapshot.RoleResolution resolution) {}

    /** {@code before}: the snapshot changes are measured from, read once for every comparison. */
    UnchangedBindings(RbacSnapshot before) {
        this.before = effects(before);
    }

    /** The bindings of the first snapshot that grant exactly the same in {@code after}. */
    Set<ObjectRef> in(RbacSnapshot after) {
        Map<ObjectRef, Effect> afterEffects = effects(after);
        Set<ObjectRef> unchanged = new HashSet<>();
        before.forEach((ref, effect) -> {
            if (effect.equals(afterEffects.get(ref))) {
                unchanged.add(ref);
            }
        });
        return unchanged;
    }

    private static Map<ObjectRef, Effect> effects(RbacSnapshot snapshot) {
        Map<ObjectRef, Effect> effects = new HashMap<>();
        for (ClusterRoleBinding binding : snapshot.clusterRoleBindings()) {
            effects.put(
                    ObjectRef.of(binding),
                    new Effect(
                            subjects(binding.getSubjects()),
                            binding.getRoleRef(),
                            snapshot.resolve(binding.getRoleRef(), "")));
        }
        for (RoleBinding binding : snapshot.roleBindings()) {
            String namespace = binding.getMetadata().getNamespace();
            effects.put(
                    ObjectRef.of(binding),
                    new Effect(
                            subjects(binding.getSubjects()),
                            binding.getRoleRef(),
                            snapshot.resolve(binding.getRoleRef(), namespace)));
        }
        return effects;
    }

    private static List<Subject> subjects(List<Subject> subjects) {
        return subjects == null ? List.of() : subjects;
    }
}
