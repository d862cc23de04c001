package io.kubelpa.rbac;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one-line rule notation kube-lpa uses for its built-in policy and in tests:
 * {@code verbs=get,list groups="",apps resources=pods,pods/log names=a urls=/healthz}, where
 * {@code ""} stands for the core API group.
 */
public final class PolicyRuleSpec {
    private PolicyRuleSpec() {}

    public static PolicyRule parse(String spec) {
        PolicyRule rule = new PolicyRule();
        for (String field : spec.strip().split("\\s+")) {
            int eq = field.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=values, found '" + field + "'");
            }
            List<String> values =
                    new ArrayList<>(Arrays.stream(field.substring(eq + 1).split(",", -1))
                            .map(v -> "\"\"".equals(v) ? "" : v)
                            .toList());
            switch (field.substring(0, eq)) {
                case "verbs" -> rule.setVerbs(values);
                case "groups" -> rule.setApiGroups(values);
                case "resources" -> rule.setResources(values);
                case "names" -> rule.setResourceNames(values);
                case "urls" -> rule.setNonResourceURLs(values);
                default -> throw new IllegalArgumentException("unknown rule field '" + field.substring(0, eq) + "'");
            }
        }
        return rule;
    }

    /** The rule in this notation; empty lists are left out. */
    public static String format(PolicyRule rule) {
        List<String> fields = new ArrayList<>();
        field(fields, "verbs", rule.getVerbs());
        field(fields, "groups", rule.getApiGroups());
        field(fields, "resources", rule.getResources());
        field(fields, "names", rule.getResourceNames());
        field(fields, "urls", rule.getNonResourceURLs());
        return String.join(" ", fields);
    }

    private static void field(List<String> fields, String key, List<String> values) {
        if (values != null && !values.isEmpty()) {
            fields.add(key + "="
                    + String.join(
                            ",",
                            values.stream().map(v -> v.isEmpty() ? "\"\"" : v).toList()));
        }
    }
}
