package io.kubelpa.findings;

import io.kubelpa.risk.Risk;
import io.kubelpa.risk.RiskScanner;
import io.kubelpa.risk.Scope;
import io.kubelpa.tightening.BoundRole;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Escalation-prone grants (the catalog), used or not. Whether it was used is the point: an unused
 * escalation-prone grant is pure risk and ranks first.
 */
final class EscalationFindings {
    private EscalationFindings() {}

    static List<Finding> of(FindingContext context) {
        List<Finding> findings = new ArrayList<>();
        List<Risk> risks = new RiskScanner(
                        context.snapshot(),
                        new RiskScanner.Options(context.options().privilegedNamespaces(), false))
                .scan();
        for (Risk risk : risks) {
            if (risk.potential()) {
                continue;
            }
            boolean used = used(context, risk);
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("used", used);
            evidence.put("scopes", risk.scopes().stream().map(Scope::toString).toList());
            evidence.put(
                    "holders",
                    risk.subjects().stream()
                            .map(h -> h.kind() + ":" + (h.namespace().isEmpty() ? "" : h.namespace() + "/") + h.name()
                                    + " via " + h.via())
                            .toList());
            if (!risk.includes().isEmpty()) {
                evidence.put("includes", risk.includes());
            }
            if (!risk.relatedRuleIndexes().isEmpty()) {
                evidence.put("relatedRules", risk.relatedRuleIndexes());
            }
            evidence.put("window", context.confidence().window().toString());
            String where = risk.ruleIndex() != null
                    ? "Rule " + risk.ruleIndex() + " of " + risk.role()
                    : String.valueOf(risk.binding() != null ? risk.binding() : risk.role());
            findings.add(new Finding(
                    FindingType.ESCALATION_PRONE,
                    risk.severity(),
                    risk.id(),
                    null,
                    risk.binding(),
                    risk.role(),
                    risk.ruleIndex(),
                    where + " is escalation-prone (" + risk.pattern().title() + ") and was "
                            + (used ? "used" : "never used") + " in the window.",
                    risk.pattern().remediation(),
                    evidence,
                    Confidence.HIGH));
        }
        return findings;
    }

    private static boolean used(FindingContext context, Risk risk) {
        if (risk.ruleIndex() != null && risk.role() != null) {
            List<BoundRole> bindings = context.bindingsOf(risk.role());
            if (bindings.isEmpty()) {
                return false;
            }
            if (risk.ruleIndex() < bindings.get(0).rules().size()
                    && context.ruleUsage(risk.role()).used(risk.ruleIndex())) {
                return true;
            }
            return risk.relatedRuleIndexes().stream()
                    .anyMatch(i -> i < bindings.get(0).rules().size()
                            && context.ruleUsage(risk.role()).used(i));
        }
        if (risk.binding() != null) {
            return context.usage().usedBindings().contains(risk.binding());
        }
        return false;
    }
}
