package io.kubelpa.authz;

import java.util.Map;

/**
 * A resource type as a user names it on the command line, resolved the way {@code kubectl} resolves
 * it through discovery, for the built-in API: {@code deployments} and {@code deploy} mean
 * {@code deployments.apps}; {@code resource.group} is taken literally; an unknown plain name is taken
 * to be in the core group.
 */
public record ResourceType(String resource, String group) {
    private static final Map<String, String> SHORT_NAMES = Map.ofEntries(
            Map.entry("po", "pods"),
            Map.entry("svc", "services"),
            Map.entry("cm", "configmaps"),
            Map.entry("ns", "namespaces"),
            Map.entry("no", "nodes"),
            Map.entry("sa", "serviceaccounts"),
            Map.entry("pv", "persistentvolumes"),
            Map.entry("pvc", "persistentvolumeclaims"),
            Map.entry("ep", "endpoints"),
            Map.entry("ev", "events"),
            Map.entry("rc", "replicationcontrollers"),
            Map.entry("quota", "resourcequotas"),
            Map.entry("limits", "limitranges"),
            Map.entry("deploy", "deployments"),
            Map.entry("ds", "daemonsets"),
            Map.entry("rs", "replicasets"),
            Map.entry("sts", "statefulsets"),
            Map.entry("cj", "cronjobs"),
            Map.entry("hpa", "horizontalpodautoscalers"),
            Map.entry("ing", "ingresses"),
            Map.entry("netpol", "networkpolicies"),
            Map.entry("pdb", "poddisruptionbudgets"),
            Map.entry("sc", "storageclasses"),
            Map.entry("csr", "certificatesigningrequests"),
            Map.entry("crd", "customresourcedefinitions"),
            Map.entry("crds", "customresourcedefinitions"),
            Map.entry("pc", "priorityclasses"));

    private static final Map<String, String> GROUPS = Map.ofEntries(
            Map.entry("deployments", "apps"),
            Map.entry("daemonsets", "apps"),
            Map.entry("replicasets", "apps"),
            Map.entry("statefulsets", "apps"),
            Map.entry("controllerrevisions", "apps"),
            Map.entry("jobs", "batch"),
            Map.entry("cronjobs", "batch"),
            Map.entry("horizontalpodautoscalers", "autoscaling"),
            Map.entry("ingresses", "networking.k8s.io"),
            Map.entry("networkpolicies", "networking.k8s.io"),
            Map.entry("ingressclasses", "networking.k8s.io"),
            Map.entry("poddisruptionbudgets", "policy"),
            Map.entry("roles", "rbac.authorization.k8s.io"),
            Map.entry("clusterroles", "rbac.authorization.k8s.io"),
            Map.entry("rolebindings", "rbac.authorization.k8s.io"),
            Map.entry("clusterrolebindings", "rbac.authorization.k8s.io"),
            Map.entry("storageclasses", "storage.k8s.io"),
            Map.entry("volumeattachments", "storage.k8s.io"),
            Map.entry("csidrivers", "storage.k8s.io"),
            Map.entry("csinodes", "storage.k8s.io"),
            Map.entry("certificatesigningrequests", "certificates.k8s.io"),
            Map.entry("customresourcedefinitions", "apiextensions.k8s.io"),
            Map.entry("apiservices", "apiregistration.k8s.io"),
            Map.entry("mutatingwebhookconfigurations", "admissionregistration.k8s.io"),
            Map.entry("validatingwebhookconfigurations", "admissionregistration.k8s.io"),
            Map.entry("validatingadmissionpolicies", "admissionregistration.k8s.io"),
            Map.entry("validatingadmissionpolicybindings", "admissionregistration.k8s.io"),
            Map.entry("priorityclasses", "scheduling.k8s.io"),
            Map.entry("runtimeclasses", "node.k8s.io"),
            Map.entry("leases", "coordination.k8s.io"),
            Map.entry("endpointslices", "discovery.k8s.io"),
            Map.entry("tokenreviews", "authentication.k8s.io"),
            Map.entry("subjectaccessreviews", "authorization.k8s.io"),
            Map.entry("selfsubjectaccessreviews", "authorization.k8s.io"),
            Map.entry("selfsubjectrulesreviews", "authorization.k8s.io"),
            Map.entry("localsubjectaccessreviews", "authorization.k8s.io"),
            Map.entry("flowschemas", "flowcontrol.apiserver.k8s.io"),
            Map.entry("prioritylevelconfigurations", "flowcontrol.apiserver.k8s.io"));

    public static ResourceType parse(String type) {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("resource type is empty");
        }
        int dot = type.indexOf('.');
        if (dot > 0) {
            return new ResourceType(type.substring(0, dot), type.substring(dot + 1));
        }
        String plural = SHORT_NAMES.getOrDefault(type, type);
        return new ResourceType(plural, GROUPS.getOrDefault(plural, ""));
    }

    /** {@code resource} or {@code resource.group}, kubectl's spelling. */
    @Override
    public String toString() {
        return group.isEmpty() ? resource : resource + "." + group;
    }
}
