package io.kubelpa.rbac;

import java.util.Set;

/**
 * RBAC objects named the way kube-lpa prints them, with globs: {@code ClusterRole/vendor-*},
 * {@code RoleBinding/payments/*}, {@code Role/&#42;/leader-locking}. The kind is spelled out, so a
 * typo fails instead of matching nothing.
 */
public record ObjectPattern(String kind, Glob namespace, Glob name) {
    private static final Set<String> CLUSTER_KINDS = Set.of(RbacKind.CLUSTER_ROLE, RbacKind.CLUSTER_ROLE_BINDING);
    private static final Set<String> NAMESPACED_KINDS = Set.of(RbacKind.ROLE, RbacKind.ROLE_BINDING);

    public static ObjectPattern parse(String text) {
        String[] parts = text == null ? new String[0] : text.split("/", -1);
        if (parts.length == 2 && CLUSTER_KINDS.contains(parts[0])) {
            return new ObjectPattern(parts[0], null, new Glob(parts[1]));
        }
        if (parts.length == 3 && NAMESPACED_KINDS.contains(parts[0])) {
            return new ObjectPattern(parts[0], new Glob(parts[1]), new Glob(parts[2]));
        }
        throw new IllegalArgumentException("'" + text
                + "' is not an RBAC object: write ClusterRole/NAME, ClusterRoleBinding/NAME, Role/NAMESPACE/NAME or"
                + " RoleBinding/NAMESPACE/NAME (* matches any characters)");
    }

    public boolean matches(ObjectRef ref) {
        return ref != null
                && kind.equals(ref.kind())
                && (namespace == null || namespace.matches(ref.namespace()))
                && name.matches(ref.name());
    }

    @Override
    public String toString() {
        return namespace == null ? kind + "/" + name : kind + "/" + namespace + "/" + name;
    }
}
