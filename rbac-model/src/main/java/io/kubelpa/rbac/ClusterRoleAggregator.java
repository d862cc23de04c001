package io.kubelpa.rbac;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes aggregated ClusterRoles as the clusterrole-aggregation controller does: for each
 * selector in order, for each matching ClusterRole sorted by name (the aggregated role itself
 * skipped), append every rule not already deep-equal to a collected one. The result replaces the
 * role's rules. Roles are re-aggregated until nothing changes, so chains (view → edit → admin)
 * settle exactly as the controller's repeated syncs do.
 */
public final class ClusterRoleAggregator {
    private ClusterRoleAggregator() {}

    /** Returns the roles by name with aggregated rules filled in; roles without aggregationRule are unchanged. */
    public static Map<String, ClusterRole> aggregate(Map<String, ClusterRole> clusterRoles) {
        Map<String, ClusterRole> current = new LinkedHashMap<>(clusterRoles);
        List<String> aggregated = current.values().stream()
                .filter(ClusterRoleAggregator::isAggregated)
                .map(r -> r.getMetadata().getName())
                .sorted()
                .toList();
        if (aggregated.isEmpty()) {
            return current;
        }
        List<ClusterRole> byName = new ArrayList<>(current.values());
        byName.sort(Comparator.comparing(r -> r.getMetadata().getName()));
        int maxRounds = aggregated.size() + 2;
        for (int round = 0; round < maxRounds; round++) {
            boolean changed = false;
            for (String name : aggregated) {
                ClusterRole role = current.get(name);
                List<PolicyRule> rules = collect(role, byName);
                if (!sameRules(rules, role.getRules())) {
                    ClusterRole updated =
                            new ClusterRoleBuilder(role).withRules(rules).build();
                    current.put(name, updated);
                    byName.replaceAll(r -> r.getMetadata().getName().equals(name) ? updated : r);
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        return current;
    }

    public static boolean isAggregated(ClusterRole role) {
        return role.getAggregationRule() != null && role.getAggregationRule().getClusterRoleSelectors() != null;
    }

    /** Whether {@code selectorOwner}'s aggregation rule selects {@code candidate}. */
    public static boolean selects(ClusterRole selectorOwner, ClusterRole candidate) {
        if (!isAggregated(selectorOwner)
                || selectorOwner
                        .getMetadata()
                        .getName()
                        .equals(candidate.getMetadata().getName())) {
            return false;
        }
        for (LabelSelector selector : selectorOwner.getAggregationRule().getClusterRoleSelectors()) {
            if (LabelSelectors.isValid(selector)
                    && LabelSelectors.matches(selector, candidate.getMetadata().getLabels())) {
                return true;
            }
        }
        return false;
    }

    private static List<PolicyRule> collect(ClusterRole role, List<ClusterRole> byName) {
        List<PolicyRule> rules = new ArrayList<>();
        List<PolicyRuleKey> seen = new ArrayList<>();
        for (LabelSelector selector : role.getAggregationRule().getClusterRoleSelectors()) {
            if (!LabelSelectors.isValid(selector)) {
                continue;
            }
            for (ClusterRole source : byName) {
                if (source.getMetadata().getName().equals(role.getMetadata().getName())
                        || !LabelSelectors.matches(
                                selector, source.getMetadata().getLabels())
                        || source.getRules() == null) {
                    continue;
                }
                for (PolicyRule rule : source.getRules()) {
                    PolicyRuleKey key = PolicyRuleKey.of(rule);
                    if (!seen.contains(key)) {
                        seen.add(key);
                        rules.add(rule);
                    }
                }
            }
        }
        return rules;
    }

    private static boolean sameRules(List<PolicyRule> a, List<PolicyRule> b) {
        List<PolicyRule> left = a == null ? List.of() : a;
        List<PolicyRule> right = b == null ? List.of() : b;
        if (left.size() != right.size()) {
            return false;
        }
        for (int i = 0; i < left.size(); i++) {
            if (!PolicyRuleKey.of(left.get(i)).equals(PolicyRuleKey.of(right.get(i)))) {
                return false;
            }
        }
        return true;
    }
}
