package io.kubelpa.rbac;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.AggregationRule;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Compares kube-lpa's built-in policy with a cluster's own bootstrap objects (a dump, or the
 * Kubernetes bootstrap-policy test data): rules of plain roles, aggregation selectors and labels of
 * aggregated ones (their rules are computed, not stored), roleRefs and subjects of bindings. Objects
 * of the other side that carry the bootstrap label but are unknown to kube-lpa are reported too.
 */
public final class BuiltinPolicyComparison {
    private BuiltinPolicyComparison() {}

    public static List<String> differences(RbacObjects ours, RbacObjects theirs) {
        Map<ObjectRef, Object> mine = index(ours);
        Map<ObjectRef, Object> other = index(theirs);
        List<String> differences = new ArrayList<>();
        for (Map.Entry<ObjectRef, Object> entry : mine.entrySet()) {
            Object counterpart = other.get(entry.getKey());
            if (counterpart == null) {
                differences.add(entry.getKey() + ": built into kube-lpa, missing from the compared policy");
            } else {
                String difference = difference(entry.getValue(), counterpart);
                if (difference != null) {
                    differences.add(entry.getKey() + ": " + difference);
                }
            }
        }
        for (Map.Entry<ObjectRef, Object> entry : other.entrySet()) {
            if (!mine.containsKey(entry.getKey()) && isBootstrap((HasMetadata) entry.getValue())) {
                differences.add(entry.getKey() + ": a bootstrap object kube-lpa does not know");
            }
        }
        return differences;
    }

    private static boolean isBootstrap(HasMetadata object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels != null && BuiltinPolicy.BOOTSTRAP_VALUE.equals(labels.get(BuiltinPolicy.BOOTSTRAP_LABEL));
    }

    private static Map<ObjectRef, Object> index(RbacObjects objects) {
        Map<ObjectRef, Object> index = new TreeMap<>();
        objects.clusterRoles()
                .forEach(r -> index.put(ObjectRef.clusterRole(r.getMetadata().getName()), r));
        objects.roles()
                .forEach(r -> index.put(
                        ObjectRef.role(
                                r.getMetadata().getNamespace(), r.getMetadata().getName()),
                        r));
        objects.clusterRoleBindings()
                .forEach(b ->
                        index.put(ObjectRef.clusterRoleBinding(b.getMetadata().getName()), b));
        objects.roleBindings()
                .forEach(b -> index.put(
                        ObjectRef.roleBinding(
                                b.getMetadata().getNamespace(), b.getMetadata().getName()),
                        b));
        return index;
    }

    private static String difference(Object ours, Object theirs) {
        if (ours instanceof ClusterRole a && theirs instanceof ClusterRole b) {
            if (!Objects.equals(aggregationLabels(a), aggregationLabels(b))) {
                return "aggregation labels differ: " + aggregationLabels(a) + " vs " + aggregationLabels(b);
            }
            if (ClusterRoleAggregator.isAggregated(a) || ClusterRoleAggregator.isAggregated(b)) {
                return Objects.equals(selectors(a.getAggregationRule()), selectors(b.getAggregationRule()))
                        ? null
                        : "aggregationRule differs";
            }
            return rulesDifference(a.getRules(), b.getRules());
        }
        if (ours instanceof Role a && theirs instanceof Role b) {
            return rulesDifference(a.getRules(), b.getRules());
        }
        if (ours instanceof ClusterRoleBinding a && theirs instanceof ClusterRoleBinding b) {
            return bindingDifference(a.getRoleRef(), a.getSubjects(), b.getRoleRef(), b.getSubjects());
        }
        RoleBinding a = (RoleBinding) ours;
        RoleBinding b = (RoleBinding) theirs;
        return bindingDifference(a.getRoleRef(), a.getSubjects(), b.getRoleRef(), b.getSubjects());
    }

    private static Map<String, String> aggregationLabels(ClusterRole role) {
        Map<String, String> labels = new TreeMap<>();
        if (role.getMetadata().getLabels() != null) {
            role.getMetadata().getLabels().forEach((k, v) -> {
                if (k.startsWith("rbac.authorization.k8s.io/aggregate-to-")) {
                    labels.put(k, v);
                }
            });
        }
        return labels;
    }

    private static List<Map<String, String>> selectors(AggregationRule rule) {
        if (rule == null || rule.getClusterRoleSelectors() == null) {
            return List.of();
        }
        return rule.getClusterRoleSelectors().stream()
                .map(s ->
                        (Map<String, String>) new TreeMap<>(s.getMatchLabels() == null ? Map.of() : s.getMatchLabels()))
                .toList();
    }

    private static String rulesDifference(List<PolicyRule> ours, List<PolicyRule> theirs) {
        List<PolicyRuleKey> a = keys(ours);
        List<PolicyRuleKey> b = keys(theirs);
        if (a.equals(b)) {
            return null;
        }
        List<PolicyRuleKey> onlyOurs = new ArrayList<>(a);
        onlyOurs.removeAll(b);
        List<PolicyRuleKey> onlyTheirs = new ArrayList<>(b);
        onlyTheirs.removeAll(a);
        if (onlyOurs.isEmpty() && onlyTheirs.isEmpty()) {
            return "same rules in a different order";
        }
        return "rules differ: kube-lpa only " + onlyOurs + "; compared only " + onlyTheirs;
    }

    private static List<PolicyRuleKey> keys(List<PolicyRule> rules) {
        return rules == null ? List.of() : rules.stream().map(PolicyRuleKey::of).toList();
    }

    private static String bindingDifference(
            RoleRef ourRef, List<Subject> ourSubjects, RoleRef theirRef, List<Subject> theirSubjects) {
        if (!Objects.equals(ourRef.getKind(), theirRef.getKind())
                || !Objects.equals(ourRef.getName(), theirRef.getName())) {
            return "roleRef differs: " + ourRef.getKind() + "/" + ourRef.getName() + " vs " + theirRef.getKind() + "/"
                    + theirRef.getName();
        }
        List<String> a = subjects(ourSubjects);
        List<String> b = subjects(theirSubjects);
        return a.equals(b) ? null : "subjects differ: " + a + " vs " + b;
    }

    private static List<String> subjects(List<Subject> subjects) {
        if (subjects == null) {
            return List.of();
        }
        return subjects.stream()
                .map(s -> s.getKind() + ":" + (s.getNamespace() == null ? "" : s.getNamespace()) + "/" + s.getName())
                .toList();
    }
}
