package io.kubelpa.findings;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.PolicyRuleSpec;
import io.kubelpa.tightening.BoundRole;
import io.kubelpa.tightening.Permission;
import io.kubelpa.tightening.RuleUsage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Findings about the rules of roles that were used: rules never exercised, rules of which some
 * verbs, resources, groups or names were never exercised, wildcards where use was concrete. A role
 * kube-lpa does not edit (bootstrap, aggregated) gets one summary finding per binding instead.
 */
final class RuleFindings {
    private RuleFindings() {}

    static List<Finding> of(FindingContext context) {
        List<Finding> findings = new ArrayList<>();
        for (ObjectRef role : context.boundRoles()) {
            List<BoundRole> bindings = context.bindingsOf(role);
            if (bindings.stream()
                    .noneMatch(b -> context.usage().of(b.binding(), role).used())) {
                continue;
            }
            if (context.ownership().editable(role)) {
                findings.addAll(ofRules(context, role, bindings));
            } else {
                bindings.stream()
                        .filter(b -> context.usage().of(b.binding(), role).used())
                        .forEach(b -> findings.add(summary(context, b)));
            }
        }
        return findings;
    }

    private static List<Finding> ofRules(FindingContext context, ObjectRef role, List<BoundRole> bindings) {
        List<Finding> findings = new ArrayList<>();
        List<PolicyRule> rules = bindings.get(0).rules();
        RuleUsage usage = context.ruleUsage(role);
        List<ObjectRef> objects = new ArrayList<>();
        objects.add(role);
        bindings.forEach(b -> objects.add(b.binding()));
        Confidence confidence = context.confidence().of(objects);
        for (int i = 0; i < rules.size(); i++) {
            PolicyRule rule = rules.get(i);
            String spec = PolicyRuleSpec.format(rule);
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("rule", spec);
            evidence.put("window", context.confidence().window().toString());
            if (!usage.used(i)) {
                boolean observed = bindings.stream()
                        .allMatch(b -> context.observability().observes(b.subjectRefs(), b.namespace(), rule));
                FindingType type = observed ? FindingType.UNUSED_RULE : FindingType.UNOBSERVABLE;
                findings.add(new Finding(
                        type,
                        type.defaultSeverity(),
                        null,
                        null,
                        null,
                        role,
                        i,
                        observed
                                ? "Rule " + i + " of " + role + " (" + spec + ") was never exercised in the window."
                                : "Rule " + i + " of " + role
                                        + " shows no use, but the audit policy does not record all it allows.",
                        observed
                                ? "Remove the rule (the tightened role is proposed)."
                                : "Keep it, or log these requests to learn more.",
                        evidence,
                        observed ? confidence : Confidence.HIGH));
                continue;
            }
            SortedSet<Permission> used = usage.matched(i);
            Map<String, Object> wildcards = new LinkedHashMap<>();
            Map<String, Object> unused = new LinkedHashMap<>();
            compare("verbs", rule.getVerbs(), used, Permission::verb, wildcards, unused);
            if (rule.getNonResourceURLs() != null && !rule.getNonResourceURLs().isEmpty()) {
                compare(
                        "nonResourceURLs",
                        rule.getNonResourceURLs(),
                        used,
                        Permission::nonResourceURL,
                        wildcards,
                        unused);
            } else {
                compare("apiGroups", rule.getApiGroups(), used, Permission::apiGroup, wildcards, unused);
                compare("resources", rule.getResources(), used, Permission::resource, wildcards, unused);
                compare("resourceNames", rule.getResourceNames(), used, Permission::resourceName, wildcards, unused);
            }
            if (!wildcards.isEmpty()) {
                Map<String, Object> wildcardEvidence = new LinkedHashMap<>(evidence);
                wildcardEvidence.put("observed", wildcards);
                findings.add(new Finding(
                        FindingType.OVERBROAD_WILDCARD,
                        FindingType.OVERBROAD_WILDCARD.defaultSeverity(),
                        null,
                        null,
                        null,
                        role,
                        i,
                        "Rule " + i + " of " + role + " uses a wildcard in " + String.join(" and ", wildcards.keySet())
                                + ", but the requests it allowed named only " + describe(wildcards) + ".",
                        "Replace the wildcard with the values used (the tightened role is proposed).",
                        wildcardEvidence,
                        confidence));
            }
            if (!unused.isEmpty()) {
                Map<String, Object> partialEvidence = new LinkedHashMap<>(evidence);
                partialEvidence.put("unused", unused);
                findings.add(new Finding(
                        FindingType.PARTIALLY_USED_RULE,
                        FindingType.PARTIALLY_USED_RULE.defaultSeverity(),
                        null,
                        null,
                        null,
                        role,
                        i,
                        "Rule " + i + " of " + role + " was exercised, but never for " + describe(unused) + ".",
                        "Drop what was never used (the tightened role is proposed).",
                        partialEvidence,
                        confidence));
            }
        }
        return findings;
    }

    private static void compare(
            String field,
            List<String> values,
            Collection<Permission> used,
            Function<Permission, String> value,
            Map<String, Object> wildcards,
            Map<String, Object> unused) {
        if (values == null || values.isEmpty()) {
            return;
        }
        SortedSet<String> seen = new TreeSet<>();
        used.forEach(p -> seen.add(value.apply(p)));
        if (values.stream().anyMatch(RuleFindings::isWildcard)) {
            wildcards.put(field, List.copyOf(seen));
            return;
        }
        List<String> never =
                values.stream().filter(v -> !seen.contains(v)).distinct().toList();
        if (!never.isEmpty()) {
            unused.put(field, never);
        }
    }

    private static boolean isWildcard(String value) {
        return value.equals("*") || value.startsWith("*/") || (value.startsWith("/") && value.endsWith("*"));
    }

    @SuppressWarnings("unchecked")
    private static String describe(Map<String, Object> values) {
        List<String> parts = new ArrayList<>();
        values.forEach((field, list) -> parts.add(field + " "
                + String.join(
                        ", ",
                        ((List<String>) list)
                                .stream().map(v -> v.isEmpty() ? "\"\"" : v).toList())));
        return String.join("; ", parts);
    }

    private static Finding summary(FindingContext context, BoundRole bound) {
        ObjectRef role = bound.role().role();
        RuleUsage usage = RuleUsage.of(
                bound.rules(),
                context.usage().of(bound.binding(), role).shapes().keySet());
        long usedRules = java.util.stream.IntStream.range(0, bound.rules().size())
                .filter(usage::used)
                .count();
        SortedSet<Permission> permissions = new TreeSet<>();
        java.util.stream.IntStream.range(0, bound.rules().size()).forEach(i -> permissions.addAll(usage.matched(i)));
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("usedRules", usedRules);
        evidence.put("rules", bound.rules().size());
        evidence.put("usedPermissions", permissions.size());
        evidence.put("window", context.confidence().window().toString());
        String reason = context.ownership().reasonNotEditable(role).orElse("");
        return new Finding(
                FindingType.PARTIALLY_USED_RULE,
                FindingType.PARTIALLY_USED_RULE.defaultSeverity(),
                null,
                null,
                bound.binding(),
                role,
                null,
                bound.binding() + " grants all " + bound.rules().size() + " rules of " + role + ", but only "
                        + usedRules + " were exercised through it; " + role + " is not edited because " + reason + ".",
                "Bind a dedicated role with just the permissions used (proposed).",
                evidence,
                context.confidence().of(List.of(bound.binding(), role)));
    }
}
