package io.kubelpa.rbac;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.List;

/** The structural checks the API server would make before storing an RBAC object. */
final class RbacObjectValidator {
    private RbacObjectValidator() {}

    /** Returns a description of what is wrong with the object, or {@code null} when it is usable. */
    static String problem(Object object) {
        HasMetadata resource = (HasMetadata) object;
        if (resource.getMetadata() == null || isBlank(resource.getMetadata().getName())) {
            return "has no metadata.name";
        }
        String name = "\"" + resource.getMetadata().getName() + "\"";
        if (object instanceof Role role) {
            return rulesProblem(name, role.getRules());
        }
        if (object instanceof io.fabric8.kubernetes.api.model.rbac.ClusterRole clusterRole) {
            return rulesProblem(name, clusterRole.getRules());
        }
        if (object instanceof RoleBinding binding) {
            return bindingProblem(name, binding.getRoleRef(), binding.getSubjects(), true);
        }
        ClusterRoleBinding binding = (ClusterRoleBinding) object;
        return bindingProblem(name, binding.getRoleRef(), binding.getSubjects(), false);
    }

    private static String rulesProblem(String name, List<PolicyRule> rules) {
        if (rules == null) {
            return null;
        }
        for (int i = 0; i < rules.size(); i++) {
            PolicyRule rule = rules.get(i);
            if (rule == null) {
                return name + " rules[" + i + "] is null";
            }
            if (rule.getVerbs() == null || rule.getVerbs().isEmpty()) {
                return name + " rules[" + i + "] has no verbs";
            }
            for (List<String> field : java.util.Arrays.asList(
                    rule.getVerbs(),
                    rule.getApiGroups(),
                    rule.getResources(),
                    rule.getResourceNames(),
                    rule.getNonResourceURLs())) {
                // (an immutable list answers contains(null) with an exception, so no contains here)
                if (field != null && field.stream().anyMatch(java.util.Objects::isNull)) {
                    return name + " rules[" + i + "] has a null list entry";
                }
            }
            boolean resources =
                    rule.getResources() != null && !rule.getResources().isEmpty();
            boolean urls = rule.getNonResourceURLs() != null
                    && !rule.getNonResourceURLs().isEmpty();
            if (resources && urls) {
                return name + " rules[" + i + "] mixes resources and nonResourceURLs";
            }
        }
        return null;
    }

    private static String bindingProblem(String name, RoleRef roleRef, List<Subject> subjects, boolean namespaced) {
        if (roleRef == null || isBlank(roleRef.getName()) || isBlank(roleRef.getKind())) {
            return name + " has no roleRef kind and name";
        }
        if (!namespaced && !RbacKind.CLUSTER_ROLE.equals(roleRef.getKind())) {
            return name + " roleRef.kind must be ClusterRole, found \"" + roleRef.getKind() + "\"";
        }
        if (namespaced
                && !RbacKind.CLUSTER_ROLE.equals(roleRef.getKind())
                && !RbacKind.ROLE.equals(roleRef.getKind())) {
            return name + " roleRef.kind must be Role or ClusterRole, found \"" + roleRef.getKind() + "\"";
        }
        if (subjects != null) {
            for (int i = 0; i < subjects.size(); i++) {
                Subject subject = subjects.get(i);
                if (subject == null || isBlank(subject.getKind()) || isBlank(subject.getName())) {
                    return name + " subjects[" + i + "] needs kind and name";
                }
            }
        }
        return null;
    }

    /** Namespaced objects without a namespace land in {@code default}, as with kubectl's default context. */
    static void defaultNamespace(Object object, String namespace) {
        if (object instanceof Role || object instanceof RoleBinding) {
            HasMetadata resource = (HasMetadata) object;
            if (isBlank(resource.getMetadata().getNamespace())) {
                resource.getMetadata().setNamespace(namespace);
            }
        } else {
            ((HasMetadata) object).getMetadata().setNamespace(null);
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
