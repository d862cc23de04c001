package io.kubelpa.ownership;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The marks by which an RBAC object's owner is told, in order: the first that matches decides. The
 * rules and their sources are listed in docs/ownership.md.
 */
public final class OwnershipRules {
    private record Rule(
            Owner owner, String rule, Predicate<ObjectMeta> matches, Function<ObjectMeta, String> changeAt) {
        Ownership ownership(ObjectMeta metadata) {
            return new Ownership(owner, rule, changeAt == null ? null : changeAt.apply(metadata));
        }
    }

    private static final List<Rule> RULES = List.of(
            platform(
                    "label kubernetes.io/bootstrapping=rbac-defaults: the Kubernetes bootstrap policy",
                    m -> "rbac-defaults".equals(label(m, "kubernetes.io/bootstrapping"))),
            platform(
                    "annotation rbac.authorization.kubernetes.io/autoupdate: reconciled by the API server",
                    m -> annotation(m, "rbac.authorization.kubernetes.io/autoupdate") != null),
            platform(
                    "name prefix system:, reserved for Kubernetes",
                    m -> m.getName() != null && m.getName().startsWith("system:")),
            platform(
                    "label addonmanager.kubernetes.io/mode: a cluster add-on of the addon manager",
                    m -> label(m, "addonmanager.kubernetes.io/mode") != null),
            platform("label kubernetes.azure.com/managedby=aks: installed by AKS", m -> "aks"
                    .equals(label(m, "kubernetes.azure.com/managedby"))),
            platform(
                    "name prefix eks:, reserved for Amazon EKS",
                    m -> m.getName() != null && m.getName().startsWith("eks:")),
            platform(
                    "label eks.amazonaws.com/component: installed by Amazon EKS",
                    m -> label(m, "eks.amazonaws.com/component") != null),
            platform(
                    "annotation include.release.openshift.io/*: part of the OpenShift release payload",
                    m -> hasKeyPrefix(m.getAnnotations(), "include.release.openshift.io/")),
            managed(
                    "ownerReferences: owned by another object's controller",
                    m -> m.getOwnerReferences() != null
                            && !m.getOwnerReferences().isEmpty(),
                    m -> "its owner " + m.getOwnerReferences().get(0).getKind() + "/"
                            + m.getOwnerReferences().get(0).getName() + ", whose controller writes it"),
            managed(
                    "a Helm release (label app.kubernetes.io/managed-by=Helm or annotation meta.helm.sh/release-name)",
                    m -> "Helm".equals(label(m, "app.kubernetes.io/managed-by"))
                            || annotation(m, "meta.helm.sh/release-name") != null,
                    m -> annotation(m, "meta.helm.sh/release-name") == null
                            ? "the Helm chart that installed it"
                            : "the values or templates of Helm release "
                                    + orEmpty(annotation(m, "meta.helm.sh/release-namespace"), "/")
                                    + annotation(m, "meta.helm.sh/release-name")),
            managed(
                    "label olm.owner: installed by the Operator Lifecycle Manager",
                    m -> label(m, "olm.owner") != null,
                    m -> "the ClusterServiceVersion " + orEmpty(label(m, "olm.owner.namespace"), "/")
                            + label(m, "olm.owner") + " of the operator"),
            managed(
                    "annotation argocd.argoproj.io/tracking-id: synced by Argo CD",
                    m -> annotation(m, "argocd.argoproj.io/tracking-id") != null,
                    m -> "the source of Argo CD application "
                            + annotation(m, "argocd.argoproj.io/tracking-id").split(":", 2)[0]),
            managed(
                    "label kustomize.toolkit.fluxcd.io/name or helm.toolkit.fluxcd.io/name: applied by Flux",
                    m -> label(m, "kustomize.toolkit.fluxcd.io/name") != null
                            || label(m, "helm.toolkit.fluxcd.io/name") != null,
                    m -> label(m, "kustomize.toolkit.fluxcd.io/name") != null
                            ? "the source of Flux Kustomization "
                                    + orEmpty(label(m, "kustomize.toolkit.fluxcd.io/namespace"), "/")
                                    + label(m, "kustomize.toolkit.fluxcd.io/name")
                            : "the values of Flux HelmRelease "
                                    + orEmpty(label(m, "helm.toolkit.fluxcd.io/namespace"), "/")
                                    + label(m, "helm.toolkit.fluxcd.io/name")),
            // After the managers' marks: community charts set this old add-on label on what users install.
            platform("label kubernetes.io/cluster-service=true: a cluster add-on", m -> "true"
                    .equals(label(m, "kubernetes.io/cluster-service"))));

    private OwnershipRules() {}

    /** The owner of an object as its metadata says. */
    public static Ownership of(HasMetadata object) {
        ObjectMeta metadata = object.getMetadata();
        if (metadata == null) {
            return Ownership.YOURS;
        }
        for (Rule rule : RULES) {
            if (rule.matches().test(metadata)) {
                return rule.ownership(metadata);
            }
        }
        return Ownership.YOURS;
    }

    private static Rule platform(String rule, Predicate<ObjectMeta> matches) {
        return new Rule(Owner.PLATFORM, rule, matches, null);
    }

    private static Rule managed(String rule, Predicate<ObjectMeta> matches, Function<ObjectMeta, String> changeAt) {
        return new Rule(Owner.MANAGED, rule, matches, changeAt);
    }

    private static String orEmpty(String value, String suffix) {
        return value == null || value.isEmpty() ? "" : value + suffix;
    }

    private static String label(ObjectMeta metadata, String key) {
        return metadata.getLabels() == null ? null : metadata.getLabels().get(key);
    }

    private static String annotation(ObjectMeta metadata, String key) {
        return metadata.getAnnotations() == null
                ? null
                : metadata.getAnnotations().get(key);
    }

    private static boolean hasKeyPrefix(Map<String, String> map, String prefix) {
        return map != null && map.keySet().stream().anyMatch(k -> k.startsWith(prefix));
    }
}
