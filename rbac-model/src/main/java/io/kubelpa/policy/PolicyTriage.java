package io.kubelpa.policy;

import io.kubelpa.findings.Finding;
import io.kubelpa.findings.FindingContext;
import io.kubelpa.findings.FindingType;
import io.kubelpa.findings.Suppression;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.RbacSnapshot;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a policy and the objects' acceptances to what a review or a scan found: excluded findings
 * are set aside with the exclusion that matched, accepted ones marked suppressed with their reason;
 * an expired acceptance no longer applies, and a note says so.
 */
public final class PolicyTriage {
    private final Policy policy;
    private final List<SuppressionRule> rules = new ArrayList<>();
    private final List<String> annotationProblems;
    private final LocalDate today;
    private final Map<SuppressionRule, Integer> expiredMatches = new LinkedHashMap<>();

    public PolicyTriage(Policy policy, RbacSnapshot snapshot, LocalDate today) {
        this.policy = policy;
        this.today = today;
        AcceptAnnotations annotations = AcceptAnnotations.of(snapshot);
        rules.addAll(policy.suppress());
        rules.addAll(annotations.rules());
        this.annotationProblems = annotations.problems();
    }

    /** The findings that remain (suppressed ones marked), those excluded, and notes for the reader. */
    public record Result(List<Finding> findings, List<ExcludedFinding> excluded, List<String> notes) {
        public Result {
            findings = List.copyOf(findings);
            excluded = List.copyOf(excluded);
            notes = List.copyOf(notes);
        }
    }

    public static Result apply(List<Finding> findings, FindingContext context, Policy policy, LocalDate today) {
        PolicyTriage triage = new PolicyTriage(policy, context.snapshot(), today);
        List<Finding> kept = new ArrayList<>();
        List<ExcludedFinding> excluded = new ArrayList<>();
        for (Finding finding : findings) {
            Optional<String> why = policy.exclude().why(finding, context);
            if (why.isPresent()) {
                excluded.add(new ExcludedFinding(finding, why.get()));
                continue;
            }
            kept.add(triage.suppression(finding.type(), finding.catalogId(), finding.binding(), finding.role())
                    .map(finding::suppressedBy)
                    .orElse(finding));
        }
        return new Result(kept, excluded, triage.notes());
    }

    /** The acceptance in force for a finding of this type or id on this binding or role, if any. */
    public Optional<Suppression> suppression(FindingType type, String catalogId, ObjectRef binding, ObjectRef role) {
        for (SuppressionRule rule : rules) {
            if (!rule.matches(type, catalogId, binding, role)) {
                continue;
            }
            if (!rule.expiredOn(today)) {
                return Optional.of(rule.suppression());
            }
            expiredMatches.merge(rule, 1, Integer::sum);
        }
        return Optional.empty();
    }

    /** Acceptances on objects that could not be read, and expired ones that matched (they count again). */
    public List<String> notes() {
        List<String> notes = new ArrayList<>(annotationProblems);
        expiredMatches.forEach((rule, count) -> notes.add("the suppression of " + rule.finding() + " at "
                + rule.source() + " expired on " + rule.expires() + "; " + count + " finding(s) count again"));
        return notes;
    }
}
