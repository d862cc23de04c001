package io.kubelpa.findings;

import io.kubelpa.rbac.PolicyRuleSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * All findings of one analysis, each with who answers for it and, when it is about a rule, the rule
 * itself; ranked by severity, then unused before used (an unused grant is pure risk), then by type
 * and what they are attached to.
 */
public final class FindingsAnalyzer {
    private static final Comparator<Finding> RANK = Comparator.comparing(Finding::severity, Comparator.reverseOrder())
            .thenComparing((Finding f) -> !Boolean.FALSE.equals(f.evidence().get("used")))
            .thenComparing(Finding::type)
            .thenComparing(Finding::key);

    private FindingsAnalyzer() {}

    public static List<Finding> analyze(FindingContext context) {
        List<Finding> findings = new ArrayList<>();
        findings.addAll(EscalationFindings.of(context));
        findings.addAll(BindingFindings.of(context));
        findings.addAll(RuleFindings.of(context));
        findings.addAll(IneffectiveRules.of(context));
        findings.addAll(SubjectFindings.of(context));
        findings.sort(RANK);
        return findings.stream()
                .map(f -> withRule(context, f).withOwner(context.ownerOf(f)))
                .toList();
    }

    private static Finding withRule(FindingContext context, Finding finding) {
        if (finding.role() == null || finding.ruleIndex() == null) {
            return finding;
        }
        return context.rule(finding.role(), finding.ruleIndex())
                .map(rule -> finding.withEvidence("rule", PolicyRuleSpec.format(rule)))
                .orElse(finding);
    }
}
