package io.kubelpa.findings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * All findings of one analysis, each with who answers for it, ranked: unused escalation-prone
 * grants first, then by severity, type and what they are attached to.
 */
public final class FindingsAnalyzer {
    private static final Comparator<Finding> RANK = Comparator.comparing(
                    (Finding f) -> !(f.type() == FindingType.ESCALATION_PRONE
                            && Boolean.FALSE.equals(f.evidence().get("used"))))
            .thenComparing(Finding::severity, Comparator.reverseOrder())
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
        return findings.stream().map(f -> f.withOwner(context.ownerOf(f))).toList();
    }
}
