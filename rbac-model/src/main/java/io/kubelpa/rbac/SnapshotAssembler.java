package io.kubelpa.rbac;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns raw RBAC objects into an {@link RbacSnapshot}: later duplicates of the same object replace
 * earlier ones (as a later {@code kubectl apply} would), built-in objects are added as the
 * {@link BuiltinMode} says (the input's own definition always wins), and aggregation is resolved.
 */
public final class SnapshotAssembler {
    private SnapshotAssembler() {}

    public static RbacSnapshot assemble(RbacObjects input, BuiltinMode mode) {
        return assemble(input, mode, BuiltinPolicy.objects());
    }

    static RbacSnapshot assemble(RbacObjects input, BuiltinMode mode, RbacObjects builtin) {
        Map<String, ClusterRole> clusterRoles = new LinkedHashMap<>();
        input.clusterRoles().forEach(r -> clusterRoles.put(r.getMetadata().getName(), r));
        Map<ObjectRef, Role> roles = new LinkedHashMap<>();
        input.roles().forEach(r -> roles.put(ref(r), r));
        Map<String, ClusterRoleBinding> clusterRoleBindings = new LinkedHashMap<>();
        input.clusterRoleBindings()
                .forEach(b -> clusterRoleBindings.put(b.getMetadata().getName(), b));
        Map<ObjectRef, RoleBinding> roleBindings = new LinkedHashMap<>();
        input.roleBindings().forEach(b -> roleBindings.put(ref(b), b));

        Set<ObjectRef> builtins = new HashSet<>();
        if (mode == BuiltinMode.ROLES_AND_BINDINGS) {
            for (ClusterRoleBinding b : builtin.clusterRoleBindings()) {
                if (clusterRoleBindings.putIfAbsent(b.getMetadata().getName(), b) == null) {
                    builtins.add(ObjectRef.clusterRoleBinding(b.getMetadata().getName()));
                }
            }
            for (RoleBinding b : builtin.roleBindings()) {
                if (roleBindings.putIfAbsent(ref(b), b) == null) {
                    builtins.add(ref(b));
                }
            }
        }
        if (mode != BuiltinMode.NONE) {
            addReferencedBuiltinRoles(
                    builtin, clusterRoles, roles, clusterRoleBindings.values(), roleBindings.values(), builtins);
        }
        return new RbacSnapshot(
                ClusterRoleAggregator.aggregate(clusterRoles),
                roles.values(),
                clusterRoleBindings.values(),
                roleBindings.values(),
                builtins);
    }

    private static void addReferencedBuiltinRoles(
            RbacObjects builtin,
            Map<String, ClusterRole> clusterRoles,
            Map<ObjectRef, Role> roles,
            Iterable<ClusterRoleBinding> clusterRoleBindings,
            Iterable<RoleBinding> roleBindings,
            Set<ObjectRef> builtins) {
        Map<String, ClusterRole> builtinClusterRoles = new LinkedHashMap<>();
        builtin.clusterRoles()
                .forEach(r -> builtinClusterRoles.put(r.getMetadata().getName(), r));
        Map<ObjectRef, Role> builtinRoles = new LinkedHashMap<>();
        builtin.roles().forEach(r -> builtinRoles.put(ref(r), r));

        Deque<String> wantedClusterRoles = new ArrayDeque<>();
        for (ClusterRoleBinding b : clusterRoleBindings) {
            wantedClusterRoles.add(b.getRoleRef().getName());
        }
        for (RoleBinding b : roleBindings) {
            RoleRef roleRef = b.getRoleRef();
            if (RbacKind.CLUSTER_ROLE.equals(roleRef.getKind())) {
                wantedClusterRoles.add(roleRef.getName());
            } else if (RbacKind.ROLE.equals(roleRef.getKind())) {
                ObjectRef wanted = ObjectRef.role(b.getMetadata().getNamespace(), roleRef.getName());
                Role role = builtinRoles.get(wanted);
                if (role != null && roles.putIfAbsent(wanted, role) == null) {
                    builtins.add(wanted);
                }
            }
        }
        clusterRoles.values().stream()
                .filter(ClusterRoleAggregator::isAggregated)
                .forEach(r -> wantedClusterRoles.addAll(selectedBuiltins(r, builtinClusterRoles.values())));
        while (!wantedClusterRoles.isEmpty()) {
            String name = wantedClusterRoles.poll();
            ClusterRole role = builtinClusterRoles.get(name);
            if (role == null || clusterRoles.containsKey(name)) {
                continue;
            }
            clusterRoles.put(name, role);
            builtins.add(ObjectRef.clusterRole(name));
            wantedClusterRoles.addAll(selectedBuiltins(role, builtinClusterRoles.values()));
        }
    }

    private static List<String> selectedBuiltins(ClusterRole aggregated, Iterable<ClusterRole> candidates) {
        List<String> names = new ArrayList<>();
        for (ClusterRole candidate : candidates) {
            if (ClusterRoleAggregator.selects(aggregated, candidate)) {
                names.add(candidate.getMetadata().getName());
            }
        }
        return names;
    }

    private static ObjectRef ref(Role r) {
        return ObjectRef.role(r.getMetadata().getNamespace(), r.getMetadata().getName());
    }

    private static ObjectRef ref(RoleBinding b) {
        return ObjectRef.roleBinding(
                b.getMetadata().getNamespace(), b.getMetadata().getName());
    }
}
