package io.kubelpa.authz;

import java.util.Set;

/**
 * Which well-known resources are cluster-scoped. Requests for them carry no namespace, so only
 * ClusterRoleBindings can allow them, and a Role naming them is ineffective. Custom resources are
 * unknown here and treated as namespaced. Virtual resources checked at cluster scope (impersonation
 * of users, groups, uids and userextras; CSR signers) are listed too.
 */
public final class ResourceScopes {
    private static final Set<String> CLUSTER_SCOPED = Set.of(
            "/nodes",
            "/persistentvolumes",
            "/namespaces",
            "/componentstatuses",
            "/users",
            "/groups",
            "authentication.k8s.io/uids",
            "authentication.k8s.io/userextras",
            "authentication.k8s.io/tokenreviews",
            "authentication.k8s.io/selfsubjectreviews",
            "authorization.k8s.io/subjectaccessreviews",
            "authorization.k8s.io/selfsubjectaccessreviews",
            "authorization.k8s.io/selfsubjectrulesreviews",
            "rbac.authorization.k8s.io/clusterroles",
            "rbac.authorization.k8s.io/clusterrolebindings",
            "storage.k8s.io/storageclasses",
            "storage.k8s.io/csidrivers",
            "storage.k8s.io/csinodes",
            "storage.k8s.io/volumeattachments",
            "storage.k8s.io/volumeattributesclasses",
            "apiextensions.k8s.io/customresourcedefinitions",
            "apiregistration.k8s.io/apiservices",
            "admissionregistration.k8s.io/mutatingwebhookconfigurations",
            "admissionregistration.k8s.io/validatingwebhookconfigurations",
            "admissionregistration.k8s.io/validatingadmissionpolicies",
            "admissionregistration.k8s.io/validatingadmissionpolicybindings",
            "admissionregistration.k8s.io/mutatingadmissionpolicies",
            "admissionregistration.k8s.io/mutatingadmissionpolicybindings",
            "certificates.k8s.io/certificatesigningrequests",
            "certificates.k8s.io/clustertrustbundles",
            "certificates.k8s.io/signers",
            "scheduling.k8s.io/priorityclasses",
            "node.k8s.io/runtimeclasses",
            "networking.k8s.io/ingressclasses",
            "networking.k8s.io/ipaddresses",
            "networking.k8s.io/servicecidrs",
            "flowcontrol.apiserver.k8s.io/flowschemas",
            "flowcontrol.apiserver.k8s.io/prioritylevelconfigurations",
            "resource.k8s.io/deviceclasses",
            "resource.k8s.io/resourceslices");

    private ResourceScopes() {}

    /** Whether {@code resource} (without subresource) in {@code group} is known to be cluster-scoped. */
    public static boolean isClusterScoped(String group, String resource) {
        return CLUSTER_SCOPED.contains(group + "/" + resource);
    }

    /**
     * Whether a namespaced binding can ever allow a request on this resource. Cluster-scoped resources
     * cannot, except a Namespace object's own requests, which carry its name as namespace.
     */
    public static boolean reachableThroughRoleBinding(String group, String resource) {
        return !isClusterScoped(group, resource) || (group.isEmpty() && "namespaces".equals(resource));
    }
}
