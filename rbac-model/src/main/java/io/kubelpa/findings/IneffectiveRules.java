package io.kubelpa.findings;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.kubelpa.authz.ResourceScopes;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.PolicyRuleSpec;
import io.kubelpa.tightening.BoundRole;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rules the RBAC authorizer can never honour, in every binding that uses them: no verbs; resources
 * without apiGroups; nothing to match; non-resource URLs or only cluster-scoped resources where the
 * role only ever applies inside a namespace; name restrictions on create or deletecollection, which
 * carry no name.
 */
final class IneffectiveRules {
    private static final Set<String> NAMELESS_VERBS = Set.of("create", "deletecollection");

    private IneffectiveRules() {}

    static List<Finding> of(FindingContext context) {
        List<Finding> findings = new ArrayList<>();
        for (ObjectRef role : context.boundRoles()) {
            List<BoundRole> bindings = context.bindingsOf(role);
            boolean namespacedOnly = bindings.stream().noneMatch(BoundRole::clusterWide);
            List<PolicyRule> rules = bindings.get(0).rules();
            for (int i = 0; i < rules.size(); i++) {
                int index = i;
                problem(rules.get(i), namespacedOnly).ifPresent(problem -> {
                    Map<String, Object> evidence = new LinkedHashMap<>();
                    evidence.put("rule", PolicyRuleSpec.format(rules.get(index)));
                    evidence.put("problem", problem);
                    findings.add(new Finding(
                            FindingType.INEFFECTIVE_RULE,
                            FindingType.INEFFECTIVE_RULE.defaultSeverity(),
                            null,
                            null,
                            null,
                            role,
                            index,
                            "Rule " + index + " of " + role + " can never allow a request: " + problem + ".",
                            "Remove the rule, or fix it to say what was meant.",
                            evidence,
                            Confidence.HIGH));
                });
            }
        }
        return findings;
    }

    static Optional<String> problem(PolicyRule rule, boolean namespacedOnly) {
        List<String> verbs = orEmpty(rule.getVerbs());
        List<String> groups = orEmpty(rule.getApiGroups());
        List<String> resources = orEmpty(rule.getResources());
        List<String> urls = orEmpty(rule.getNonResourceURLs());
        List<String> names = orEmpty(rule.getResourceNames());
        if (verbs.isEmpty()) {
            return Optional.of("it has no verbs");
        }
        if (resources.isEmpty() && urls.isEmpty()) {
            return Optional.of("it names neither resources nor non-resource URLs");
        }
        if (!resources.isEmpty() && groups.isEmpty()) {
            return Optional.of("it names resources but no apiGroups (use \"\" for the core group)");
        }
        if (resources.isEmpty() && namespacedOnly) {
            return Optional.of(
                    "non-resource URLs apply only through a ClusterRoleBinding, and it is only bound in namespaces");
        }
        if (!resources.isEmpty() && namespacedOnly && allUnreachableInNamespaces(groups, resources)) {
            return Optional.of("its resources are cluster-scoped, and it is only bound in namespaces");
        }
        if (!names.isEmpty() && !verbs.contains("*") && NAMELESS_VERBS.containsAll(verbs)) {
            return Optional.of(
                    "create and deletecollection requests carry no object name, so resourceNames never match them");
        }
        return Optional.empty();
    }

    private static boolean allUnreachableInNamespaces(List<String> groups, List<String> resources) {
        for (String group : groups) {
            for (String resource : resources) {
                if (group.equals("*")
                        || resource.contains("*")
                        || ResourceScopes.reachableThroughRoleBinding(group, resource.split("/", 2)[0])) {
                    return false;
                }
            }
        }
        return true;
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }
}
