package io.kubelpa.rbac;

/** Names of the four RBAC kinds and of the subject kinds, as they appear in manifests. */
public final class RbacKind {
    public static final String GROUP = "rbac.authorization.k8s.io";
    public static final String ROLE = "Role";
    public static final String CLUSTER_ROLE = "ClusterRole";
    public static final String ROLE_BINDING = "RoleBinding";
    public static final String CLUSTER_ROLE_BINDING = "ClusterRoleBinding";

    public static final String USER = "User";
    public static final String GROUP_SUBJECT = "Group";
    public static final String SERVICE_ACCOUNT = "ServiceAccount";

    private RbacKind() {}

    public static boolean isRbacKind(String kind) {
        return ROLE.equals(kind)
                || CLUSTER_ROLE.equals(kind)
                || ROLE_BINDING.equals(kind)
                || CLUSTER_ROLE_BINDING.equals(kind);
    }
}
