package io.kubelpa.risk;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.List;
import java.util.Set;

/**
 * A (verbs, API group, resources) combination a catalog pattern looks for, with the scope it needs
 * to be effective and how resourceNames on the rule affect it. Matching follows the authorizer:
 * {@code *} covers every verb, group and resource (subresources included), {@code *}{@code /sub} covers
 * that subresource, everything else is literal.
 */
record RuleTarget(
        Set<String> verbs,
        String group,
        List<String> resources,
        ScopeNeed scope,
        NamePolicy names,
        Set<String> sensitiveNames) {

    enum ScopeNeed {
        ANY,
        CLUSTER,
        /** Cluster-wide, or inside kube-system. */
        KUBE_SYSTEM
    }

    enum NamePolicy {
        /** A name-restricted rule is the recommended narrow form and does not count. */
        EXEMPT,
        /** Names do not reduce the risk. */
        NOT_EXEMPT,
        /** Names exempt only when none of them is in {@code sensitiveNames}. */
        SENSITIVE
    }

    static RuleTarget of(Set<String> verbs, String group, List<String> resources, ScopeNeed scope, NamePolicy names) {
        return new RuleTarget(verbs, group, resources, scope, names, Set.of());
    }

    boolean matches(PolicyRule rule, Scope at) {
        if (!scopeAllows(at)) {
            return false;
        }
        if (!contains(rule.getApiGroups(), group)) {
            return false;
        }
        List<String> names = rule.getResourceNames() == null ? List.of() : rule.getResourceNames();
        switch (this.names) {
            case EXEMPT -> {
                if (!names.isEmpty()) {
                    return false;
                }
            }
            case SENSITIVE -> {
                if (!names.isEmpty() && names.stream().noneMatch(sensitiveNames::contains)) {
                    return false;
                }
            }
            case NOT_EXEMPT -> {}
        }
        for (String resource : resources) {
            if (!resourceMatches(rule.getResources(), resource)) {
                continue;
            }
            boolean topLevel = resource.indexOf('/') < 0;
            for (String verb : verbs) {
                boolean nameless = topLevel && ("create".equals(verb) || "deletecollection".equals(verb));
                if (contains(rule.getVerbs(), verb) && !(nameless && !names.isEmpty())) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean scopeAllows(Scope at) {
        return switch (scope) {
            case ANY -> true;
            case CLUSTER -> at.isCluster();
            case KUBE_SYSTEM -> at.isCluster() || "kube-system".equals(at.namespace());
        };
    }

    static boolean contains(List<String> values, String wanted) {
        return values != null && (values.contains("*") || values.contains(wanted));
    }

    static boolean resourceMatches(List<String> ruleResources, String resource) {
        if (ruleResources == null) {
            return false;
        }
        if (ruleResources.contains("*") || ruleResources.contains(resource)) {
            return true;
        }
        int slash = resource.indexOf('/');
        return slash > 0 && ruleResources.contains("*/" + resource.substring(slash + 1));
    }
}
