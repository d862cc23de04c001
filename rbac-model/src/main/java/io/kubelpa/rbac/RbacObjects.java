package io.kubelpa.rbac;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.ArrayList;
import java.util.List;

/** A plain collection of RBAC objects as read from some source, before any resolution. */
public record RbacObjects(
        List<Role> roles,
        List<ClusterRole> clusterRoles,
        List<RoleBinding> roleBindings,
        List<ClusterRoleBinding> clusterRoleBindings) {

    public RbacObjects {
        roles = List.copyOf(roles);
        clusterRoles = List.copyOf(clusterRoles);
        roleBindings = List.copyOf(roleBindings);
        clusterRoleBindings = List.copyOf(clusterRoleBindings);
    }

    public static RbacObjects empty() {
        return new RbacObjects(List.of(), List.of(), List.of(), List.of());
    }

    public int size() {
        return roles.size() + clusterRoles.size() + roleBindings.size() + clusterRoleBindings.size();
    }

    public RbacObjects plus(RbacObjects other) {
        return new RbacObjects(
                concat(roles, other.roles),
                concat(clusterRoles, other.clusterRoles),
                concat(roleBindings, other.roleBindings),
                concat(clusterRoleBindings, other.clusterRoleBindings));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a.size() + b.size());
        all.addAll(a);
        all.addAll(b);
        return all;
    }

    /** Mutable accumulator used by readers. */
    public static final class Builder {
        private final List<Role> roles = new ArrayList<>();
        private final List<ClusterRole> clusterRoles = new ArrayList<>();
        private final List<RoleBinding> roleBindings = new ArrayList<>();
        private final List<ClusterRoleBinding> clusterRoleBindings = new ArrayList<>();

        public Builder add(Object rbacObject) {
            if (rbacObject instanceof Role r) {
                roles.add(r);
            } else if (rbacObject instanceof ClusterRole cr) {
                clusterRoles.add(cr);
            } else if (rbacObject instanceof RoleBinding rb) {
                roleBindings.add(rb);
            } else if (rbacObject instanceof ClusterRoleBinding crb) {
                clusterRoleBindings.add(crb);
            } else {
                throw new IllegalArgumentException("not an RBAC object: " + rbacObject.getClass());
            }
            return this;
        }

        public RbacObjects build() {
            return new RbacObjects(roles, clusterRoles, roleBindings, clusterRoleBindings);
        }
    }
}
