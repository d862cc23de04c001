package io.kubelpa.risk;

import io.kubelpa.rbac.ObjectRef;
import java.util.List;

/**
 * One escalation-prone grant: a catalog pattern found on a role's rule (ruleIndex) or, for
 * binding-level patterns, on a binding (ruleIndex null, {@code binding} set). {@code subjects} lists
 * who holds it and through which binding; {@code potential} marks a role no binding uses yet,
 * evaluated as if bound cluster-wide. A full wildcard rule (RBAC-WILD-ALL) lists in {@code includes}
 * the ids it subsumes instead of repeating them as separate risks.
 */
public record Risk(
        EscalationPattern pattern,
        Severity severity,
        ObjectRef role,
        Integer ruleIndex,
        List<Integer> relatedRuleIndexes,
        List<String> includes,
        ObjectRef binding,
        List<Scope> scopes,
        boolean potential,
        List<Holder> subjects) {

    public Risk {
        relatedRuleIndexes = List.copyOf(relatedRuleIndexes);
        includes = List.copyOf(includes);
        scopes = List.copyOf(scopes);
        subjects = List.copyOf(subjects);
    }

    public String id() {
        return pattern.id();
    }

    /** A subject holding the grant, and the binding that gives it. */
    public record Holder(String kind, String name, String namespace, ObjectRef via) {}
}
