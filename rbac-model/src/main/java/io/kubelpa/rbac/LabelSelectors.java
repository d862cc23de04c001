package io.kubelpa.rbac;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/**
 * Label selector matching with the semantics of {@code metav1.LabelSelectorAsSelector}: matchLabels and
 * matchExpressions are AND-ed; an empty selector matches everything; an invalid requirement (unknown
 * operator, In/NotIn without values, Exists/DoesNotExist with values) makes the selector match nothing,
 * as the aggregation controller then refuses to use it.
 */
public final class LabelSelectors {
    private LabelSelectors() {}

    public static boolean matches(LabelSelector selector, Map<String, String> labels) {
        Map<String, String> actual = labels == null ? Map.of() : labels;
        if (selector == null) {
            return true;
        }
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> wanted : selector.getMatchLabels().entrySet()) {
                if (!wanted.getValue().equals(actual.get(wanted.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
                if (!matches(requirement, actual)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether the selector is one the API machinery accepts; an invalid one selects nothing. */
    public static boolean isValid(LabelSelector selector) {
        if (selector == null || selector.getMatchExpressions() == null) {
            return true;
        }
        for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
            List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
            String operator = requirement.getOperator() == null ? "" : requirement.getOperator();
            boolean ok =
                    switch (operator) {
                        case "In", "NotIn" -> !values.isEmpty();
                        case "Exists", "DoesNotExist" -> values.isEmpty();
                        default -> false;
                    };
            if (!ok || requirement.getKey() == null || requirement.getKey().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(LabelSelectorRequirement requirement, Map<String, String> labels) {
        List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
        String key = requirement.getKey();
        return switch (requirement.getOperator() == null ? "" : requirement.getOperator()) {
            case "In" -> labels.containsKey(key) && values.contains(labels.get(key));
            case "NotIn" -> !labels.containsKey(key) || !values.contains(labels.get(key));
            case "Exists" -> labels.containsKey(key);
            case "DoesNotExist" -> !labels.containsKey(key);
            default -> false;
        };
    }
}
