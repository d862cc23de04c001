package io.kubelpa.authz;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes' {@code Covers(owner, servant)}: the check behind "you cannot grant what you do not
 * hold". Each servant rule is broken down into single (group, resource, verb[, name]) and
 * (URL, verb) items, and every item must be covered by one owner rule. kube-lpa uses it to prove a
 * proposed role never grants more than the original.
 */
public final class RuleCoverage {
    private RuleCoverage() {}

    /** The servant items no owner rule covers; empty means the owner covers the servant. */
    public static List<PolicyRule> uncovered(List<PolicyRule> owner, List<PolicyRule> servant) {
        List<PolicyRule> missing = new ArrayList<>();
        for (PolicyRule rule : servant) {
            for (PolicyRule item : breakdown(rule)) {
                if (owner.stream().noneMatch(o -> covers(o, item))) {
                    missing.add(item);
                }
            }
        }
        return missing;
    }

    public static boolean covers(List<PolicyRule> owner, List<PolicyRule> servant) {
        return uncovered(owner, servant).isEmpty();
    }

    /** The rule as single (group, resource, verb[, name]) and (URL, verb) items, wildcards kept as values. */
    public static List<PolicyRule> breakdown(PolicyRule rule) {
        List<PolicyRule> items = new ArrayList<>();
        List<String> names = orEmpty(rule.getResourceNames());
        for (String group : orEmpty(rule.getApiGroups())) {
            for (String resource : orEmpty(rule.getResources())) {
                for (String verb : orEmpty(rule.getVerbs())) {
                    if (names.isEmpty()) {
                        items.add(item(group, resource, verb, null));
                    } else {
                        for (String name : names) {
                            items.add(item(group, resource, verb, name));
                        }
                    }
                }
            }
        }
        for (String url : orEmpty(rule.getNonResourceURLs())) {
            for (String verb : orEmpty(rule.getVerbs())) {
                items.add(new PolicyRuleBuilder()
                        .withNonResourceURLs(url)
                        .withVerbs(verb)
                        .build());
            }
        }
        return items;
    }

    private static PolicyRule item(String group, String resource, String verb, String name) {
        PolicyRuleBuilder builder = new PolicyRuleBuilder()
                .withApiGroups(group)
                .withResources(resource)
                .withVerbs(verb);
        if (name != null) {
            builder.withResourceNames(name);
        }
        return builder.build();
    }

    static boolean covers(PolicyRule owner, PolicyRule item) {
        List<String> ownerVerbs = orEmpty(owner.getVerbs());
        List<String> ownerGroups = orEmpty(owner.getApiGroups());
        List<String> ownerNames = orEmpty(owner.getResourceNames());
        List<String> itemNames = orEmpty(item.getResourceNames());
        boolean verbs = ownerVerbs.contains(RuleMatcher.ALL) || ownerVerbs.containsAll(orEmpty(item.getVerbs()));
        boolean groups = ownerGroups.contains(RuleMatcher.ALL) || ownerGroups.containsAll(orEmpty(item.getApiGroups()));
        boolean resources = resourcesCover(orEmpty(owner.getResources()), orEmpty(item.getResources()));
        boolean urls = urlsCover(orEmpty(owner.getNonResourceURLs()), orEmpty(item.getNonResourceURLs()));
        boolean names =
                itemNames.isEmpty() ? ownerNames.isEmpty() : ownerNames.isEmpty() || ownerNames.containsAll(itemNames);
        return verbs && groups && resources && names && urls;
    }

    private static boolean resourcesCover(List<String> owner, List<String> wanted) {
        if (owner.contains(RuleMatcher.ALL) || owner.containsAll(wanted)) {
            return true;
        }
        for (String path : wanted) {
            if (owner.contains(path)) {
                continue;
            }
            int slash = path.indexOf('/');
            if (slash < 0 || !owner.contains("*/" + path.substring(slash + 1))) {
                return false;
            }
        }
        return true;
    }

    private static boolean urlsCover(List<String> owner, List<String> wanted) {
        for (String path : wanted) {
            boolean covered = false;
            for (String ownerPath : owner) {
                if (ownerPath.equals(path)
                        || (ownerPath.endsWith("*") && path.startsWith(ownerPath.replaceAll("\\*+$", "")))) {
                    covered = true;
                    break;
                }
            }
            if (!covered) {
                return false;
            }
        }
        return true;
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }
}
