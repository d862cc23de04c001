package io.kubelpa.authz;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.List;

/**
 * Whether one PolicyRule allows a request, with the exact semantics of the Kubernetes RBAC
 * authorizer ({@code RuleAllows}): exact, case-sensitive comparisons; {@code *} as the only wildcard,
 * except {@code *}{@code /sub} for a subresource of any resource and a trailing {@code *} in
 * nonResourceURLs; resourceNames literal, with an empty list meaning any name.
 */
public final class RuleMatcher {
    public static final String ALL = "*";

    private RuleMatcher() {}

    public static boolean allows(PolicyRule rule, RequestAttributes request) {
        if (request.resourceRequest()) {
            return verbMatches(rule, request.verb())
                    && apiGroupMatches(rule, request.apiGroup())
                    && resourceMatches(rule, request.combinedResource(), request.subresource())
                    && resourceNameMatches(rule, request.name());
        }
        return verbMatches(rule, request.verb()) && nonResourceURLMatches(rule, request.path());
    }

    public static boolean verbMatches(PolicyRule rule, String verb) {
        return containsOrAll(rule.getVerbs(), verb);
    }

    public static boolean apiGroupMatches(PolicyRule rule, String group) {
        return containsOrAll(rule.getApiGroups(), group);
    }

    public static boolean resourceMatches(PolicyRule rule, String combinedResource, String subresource) {
        List<String> resources = rule.getResources();
        if (resources == null) {
            return false;
        }
        for (String ruleResource : resources) {
            if (ALL.equals(ruleResource) || ruleResource.equals(combinedResource)) {
                return true;
            }
            if (!subresource.isEmpty()
                    && ruleResource.length() == subresource.length() + 2
                    && ruleResource.startsWith("*/")
                    && ruleResource.endsWith(subresource)) {
                return true;
            }
        }
        return false;
    }

    public static boolean resourceNameMatches(PolicyRule rule, String name) {
        List<String> names = rule.getResourceNames();
        return names == null || names.isEmpty() || names.contains(name);
    }

    public static boolean nonResourceURLMatches(PolicyRule rule, String path) {
        List<String> urls = rule.getNonResourceURLs();
        if (urls == null) {
            return false;
        }
        for (String url : urls) {
            if (ALL.equals(url) || url.equals(path)) {
                return true;
            }
            if (url.endsWith("*") && path.startsWith(stripTrailingStars(url))) {
                return true;
            }
        }
        return false;
    }

    private static String stripTrailingStars(String url) {
        int end = url.length();
        while (end > 0 && url.charAt(end - 1) == '*') {
            end--;
        }
        return url.substring(0, end);
    }

    private static boolean containsOrAll(List<String> values, String wanted) {
        if (values == null) {
            return false;
        }
        for (String value : values) {
            if (ALL.equals(value) || value.equals(wanted)) {
                return true;
            }
        }
        return false;
    }
}
