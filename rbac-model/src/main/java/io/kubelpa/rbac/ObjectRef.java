package io.kubelpa.rbac;

import java.util.Comparator;
import java.util.Objects;

/**
 * Identifies one RBAC object (a role or a binding) by kind, name and namespace. Cluster-scoped
 * objects have the empty namespace.
 */
public record ObjectRef(String kind, String name, String namespace) implements Comparable<ObjectRef> {

    private static final Comparator<ObjectRef> ORDER = Comparator.comparing(ObjectRef::kind)
            .thenComparing(ObjectRef::namespace)
            .thenComparing(ObjectRef::name);

    public ObjectRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        namespace = namespace == null ? "" : namespace;
    }

    public static ObjectRef clusterRole(String name) {
        return new ObjectRef(RbacKind.CLUSTER_ROLE, name, "");
    }

    public static ObjectRef role(String namespace, String name) {
        return new ObjectRef(RbacKind.ROLE, name, namespace);
    }

    public static ObjectRef clusterRoleBinding(String name) {
        return new ObjectRef(RbacKind.CLUSTER_ROLE_BINDING, name, "");
    }

    public static ObjectRef roleBinding(String namespace, String name) {
        return new ObjectRef(RbacKind.ROLE_BINDING, name, namespace);
    }

    /** The reference of an RBAC object (Role, ClusterRole, RoleBinding or ClusterRoleBinding). */
    public static ObjectRef of(io.fabric8.kubernetes.api.model.HasMetadata object) {
        String name = object.getMetadata().getName();
        String namespace = object.getMetadata().getNamespace();
        if (object instanceof io.fabric8.kubernetes.api.model.rbac.Role) {
            return role(namespace, name);
        }
        if (object instanceof io.fabric8.kubernetes.api.model.rbac.RoleBinding) {
            return roleBinding(namespace, name);
        }
        if (object instanceof io.fabric8.kubernetes.api.model.rbac.ClusterRole) {
            return clusterRole(name);
        }
        if (object instanceof io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding) {
            return clusterRoleBinding(name);
        }
        throw new IllegalArgumentException(
                "not an RBAC object: " + object.getClass().getSimpleName());
    }

    public boolean namespaced() {
        return !namespace.isEmpty();
    }

    /** kubectl-style reference: {@code ClusterRole/view} or {@code Role/ns/name}. */
    @Override
    public String toString() {
        return namespaced() ? kind + "/" + namespace + "/" + name : kind + "/" + name;
    }

    @Override
    public int compareTo(ObjectRef other) {
        return ORDER.compare(this, other);
    }
}
