package io.kubelpa.rbac;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.List;

/**
 * The value of a PolicyRule as Kubernetes' semantic deep-equality sees it: the five lists in order,
 * with a missing list equal to an empty one. Unknown fields do not take part.
 */
public record PolicyRuleKey(
        List<String> verbs,
        List<String> apiGroups,
        List<String> resources,
        List<String> resourceNames,
        List<String> nonResourceURLs) {

    public static PolicyRuleKey of(PolicyRule rule) {
        return new PolicyRuleKey(
                orEmpty(rule.getVerbs()),
                orEmpty(rule.getApiGroups()),
                orEmpty(rule.getResources()),
                orEmpty(rule.getResourceNames()),
                orEmpty(rule.getNonResourceURLs()));
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
