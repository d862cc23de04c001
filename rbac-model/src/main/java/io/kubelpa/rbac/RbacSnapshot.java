package io.kubelpa.rbac;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable, resolved RBAC picture: ClusterRole aggregation applied, built-in roles merged in where
 * referenced, bindings in a stable order (by name). Build one with {@link SnapshotAssembler}.
 */
public final class RbacSnapshot {
    private final SortedMap<String, ClusterRole> clusterRoles;
    private final SortedMap<String, SortedMap<String, Role>> rolesByNamespace;
    private final List<ClusterRoleBinding> clusterRoleBindings;
    private final SortedMap<String, List<RoleBinding>> roleBindingsByNamespace;
    private final Set<ObjectRef> builtins;

    RbacSnapshot(
            Map<String, ClusterRole> clusterRoles,
            Collection<Role> roles,
            Collection<ClusterRoleBinding> clusterRoleBindings,
            Collection<RoleBinding> roleBindings,
            Set<ObjectRef> builtins) {
        this.clusterRoles = new TreeMap<>(clusterRoles);
        this.rolesByNamespace = new TreeMap<>();
        for (Role role : roles) {
            rolesByNamespace
                    .computeIfAbsent(role.getMetadata().getNamespace(), ns -> new TreeMap<>())
                    .put(role.getMetadata().getName(), role);
        }
        this.clusterRoleBindings = clusterRoleBindings.stream()
                .sorted(Comparator.comparing(b -> b.getMetadata().getName()))
                .toList();
        this.roleBindingsByNamespace = new TreeMap<>();
        roleBindings.stream()
                .sorted(Comparator.comparing(b -> b.getMetadata().getName()))
                .forEach(b -> roleBindingsByNamespace
                        .computeIfAbsent(b.getMetadata().getNamespace(), ns -> new ArrayList<>())
                        .add(b));
        this.roleBindingsByNamespace.replaceAll((ns, list) -> List.copyOf(list));
        this.builtins = Set.copyOf(builtins);
    }

    public Collection<ClusterRole> clusterRoles() {
        return clusterRoles.values();
    }

    public List<Role> roles() {
        return rolesByNamespace.values().stream()
                .flatMap(m -> m.values().stream())
                .toList();
    }

    public List<ClusterRoleBinding> clusterRoleBindings() {
        return clusterRoleBindings;
    }

    /** RoleBindings of one namespace, in evaluation order. */
    public List<RoleBinding> roleBindings(String namespace) {
        return roleBindingsByNamespace.getOrDefault(namespace, List.of());
    }

    public List<RoleBinding> roleBindings() {
        return roleBindingsByNamespace.values().stream().flatMap(List::stream).toList();
    }

    public Set<String> roleBindingNamespaces() {
        return roleBindingsByNamespace.keySet();
    }

    public Optional<ClusterRole> clusterRole(String name) {
        return Optional.ofNullable(clusterRoles.get(name));
    }

    public Optional<Role> role(String namespace, String name) {
        SortedMap<String, Role> inNamespace = rolesByNamespace.get(namespace);
        return Optional.ofNullable(inNamespace == null ? null : inNamespace.get(name));
    }

    /** Whether the object came from the built-in bootstrap policy rather than the input. */
    public boolean isBuiltin(ObjectRef ref) {
        return builtins.contains(ref);
    }

    /**
     * The rules a binding's roleRef points at, resolved as the API server's rule resolver does: kind
     * Role in the binding's namespace, or ClusterRole; anything else, or a missing role, is an error
     * with the API server's message.
     */
    public RoleResolution resolve(RoleRef roleRef, String bindingNamespace) {
        String kind = roleRef.getKind();
        String name = roleRef.getName();
        if (RbacKind.ROLE.equals(kind)) {
            ObjectRef ref = ObjectRef.role(bindingNamespace, name);
            return role(bindingNamespace, name)
                    .map(r -> RoleResolution.found(ref, rulesOrEmpty(r.getRules())))
                    .orElseGet(() ->
                            RoleResolution.missing(ref, "role.rbac.authorization.k8s.io \"" + name + "\" not found"));
        }
        if (RbacKind.CLUSTER_ROLE.equals(kind)) {
            ObjectRef ref = ObjectRef.clusterRole(name);
            return clusterRole(name)
                    .map(r -> RoleResolution.found(ref, rulesOrEmpty(r.getRules())))
                    .orElseGet(() -> RoleResolution.missing(
                            ref, "clusterrole.rbac.authorization.k8s.io \"" + name + "\" not found"));
        }
        return RoleResolution.missing(
                new ObjectRef(kind == null ? "" : kind, name == null ? "" : name, bindingNamespace),
                "unsupported role reference kind: \"" + kind + "\"");
    }

    private static List<PolicyRule> rulesOrEmpty(List<PolicyRule> rules) {
        return rules == null ? List.of() : rules;
    }

    /** The outcome of resolving a roleRef: the role and its rules, or the error the authorizer reports. */
    public record RoleResolution(ObjectRef role, List<PolicyRule> rules, String error) {
        static RoleResolution found(ObjectRef role, List<PolicyRule> rules) {
            return new RoleResolution(role, rules, null);
        }

        static RoleResolution missing(ObjectRef role, String error) {
            return new RoleResolution(role, List.of(), error);
        }

        public boolean isMissing() {
            return error != null;
        }
    }
}
