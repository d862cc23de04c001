package io.kubelpa.proposal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleRefBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.kubelpa.rbac.RbacKind;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the objects of proposals as a user would apply them: name, namespace, labels and the
 * user's own annotations kept; server-managed fields and kubectl's last-applied copy dropped;
 * kube-lpa's annotations (window, version, proposal) added.
 */
final class ProposalObjects {
    private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private final Map<String, String> stamp;

    ProposalObjects(Map<String, String> stamp) {
        this.stamp = Map.copyOf(stamp);
    }

    Role role(Role original, List<PolicyRule> rules, String proposalId) {
        return new RoleBuilder()
                .withMetadata(meta(original.getMetadata(), proposalId))
                .withRules(rules)
                .build();
    }

    ClusterRole clusterRole(ClusterRole original, List<PolicyRule> rules, String proposalId) {
        return new ClusterRoleBuilder()
                .withMetadata(meta(original.getMetadata(), proposalId))
                .withRules(rules)
                .build();
    }

    Role newRole(String namespace, String name, List<PolicyRule> rules, String proposalId) {
        return new RoleBuilder()
                .withMetadata(fresh(name, namespace, proposalId))
                .withRules(rules)
                .build();
    }

    ClusterRole newClusterRole(String name, List<PolicyRule> rules, String proposalId) {
        return new ClusterRoleBuilder()
                .withMetadata(fresh(name, null, proposalId))
                .withRules(rules)
                .build();
    }

    /** The binding with a new roleRef. roleRef is immutable: applying it replaces the binding. */
    HasMetadata rebind(HasMetadata binding, String roleKind, String roleName, String proposalId) {
        var roleRef = new RoleRefBuilder()
                .withApiGroup(RbacKind.GROUP)
                .withKind(roleKind)
                .withName(roleName)
                .build();
        if (binding instanceof ClusterRoleBinding crb) {
            return new ClusterRoleBindingBuilder()
                    .withMetadata(meta(crb.getMetadata(), proposalId))
                    .withRoleRef(roleRef)
                    .withSubjects(crb.getSubjects())
                    .build();
        }
        RoleBinding rb = (RoleBinding) binding;
        return new RoleBindingBuilder()
                .withMetadata(meta(rb.getMetadata(), proposalId))
                .withRoleRef(roleRef)
                .withSubjects(rb.getSubjects())
                .build();
    }

    /**
     * A RoleBinding in {@code namespace} giving a ClusterRole to the subjects of a ClusterRoleBinding.
     * A ServiceAccount without namespace never matches in a ClusterRoleBinding but would default to the
     * RoleBinding's namespace: it is left out rather than brought to life.
     */
    RoleBinding roleBinding(
            String namespace, String name, ClusterRoleBinding from, String clusterRole, String proposalId) {
        List<Subject> subjects = from.getSubjects() == null
                ? List.of()
                : from.getSubjects().stream()
                        .filter(s -> !RbacKind.SERVICE_ACCOUNT.equals(s.getKind())
                                || (s.getNamespace() != null
                                        && !s.getNamespace().isEmpty()))
                        .map(s -> new SubjectBuilder(s).build())
                        .toList();
        ObjectMeta meta = meta(from.getMetadata(), proposalId);
        meta.setName(name);
        meta.setNamespace(namespace);
        return new RoleBindingBuilder()
                .withMetadata(meta)
                .withRoleRef(new RoleRefBuilder()
                        .withApiGroup(RbacKind.GROUP)
                        .withKind(RbacKind.CLUSTER_ROLE)
                        .withName(clusterRole)
                        .build())
                .withSubjects(subjects)
                .build();
    }

    private ObjectMeta meta(ObjectMeta original, String proposalId) {
        Map<String, String> annotations = new TreeMap<>();
        if (original.getAnnotations() != null) {
            annotations.putAll(original.getAnnotations());
            annotations.remove(LAST_APPLIED);
        }
        annotations.putAll(stamp);
        annotations.put(ProposalAnnotations.PROPOSAL, proposalId);
        return new ObjectMetaBuilder()
                .withName(original.getName())
                .withNamespace(original.getNamespace())
                .withLabels(
                        original.getLabels() == null || original.getLabels().isEmpty()
                                ? null
                                : new TreeMap<>(original.getLabels()))
                .withAnnotations(annotations)
                .build();
    }

    private ObjectMeta fresh(String name, String namespace, String proposalId) {
        Map<String, String> annotations = new TreeMap<>(stamp);
        annotations.put(ProposalAnnotations.PROPOSAL, proposalId);
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(namespace)
                .withLabels(Map.of(ProposalAnnotations.MANAGED_BY_LABEL, "kube-lpa"))
                .withAnnotations(annotations)
                .build();
    }
}
