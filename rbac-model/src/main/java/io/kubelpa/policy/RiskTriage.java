package io.kubelpa.policy;

import io.kubelpa.authz.SubjectRef;
import io.kubelpa.findings.FindingType;
import io.kubelpa.findings.Suppression;
import io.kubelpa.ownership.Owners;
import io.kubelpa.ownership.Ownership;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.RbacSnapshot;
import io.kubelpa.risk.Risk;
import io.kubelpa.tightening.BoundRole;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The policy applied to the escalation-prone grants of a scan, as to a review's findings: owner, exclusion, acceptance. */
public final class RiskTriage {
    private RiskTriage() {}

    /** One risk with who answers for it and, when accepted, why. */
    public record TriagedRisk(Risk risk, Ownership owner, Suppression suppression) {
        /** Whether a --fail-on gate counts it: not suppressed, and not the platform's unless asked. */
        public boolean counts(boolean includePlatform) {
            return suppression == null && (includePlatform || !owner.isPlatform());
        }
    }

    public record Result(List<TriagedRisk> risks, int excluded, List<String> notes) {
        public Result {
            risks = List.copyOf(risks);
            notes = List.copyOf(notes);
        }
    }

    public static Result of(List<Risk> risks, RbacSnapshot snapshot, Policy policy, LocalDate today) {
        Owners owners = Owners.of(snapshot, policy.ownership());
        PolicyTriage triage = new PolicyTriage(policy, snapshot, today);
        Map<ObjectRef, List<SubjectRef>> subjects = new HashMap<>();
        BoundRole.all(snapshot).forEach(b -> subjects.put(b.binding(), b.subjectRefs()));
        List<TriagedRisk> kept = new ArrayList<>();
        int excluded = 0;
        for (Risk risk : risks) {
            List<ObjectRef> holding =
                    risk.subjects().stream().map(Risk.Holder::via).distinct().toList();
            Optional<String> why = policy.exclude()
                    .why(
                            risk.binding() != null ? risk.binding() : risk.role(),
                            ref -> subjects.getOrDefault(ref, List.of()));
            boolean heldOnlyThroughExcluded = risk.binding() == null
                    && !holding.isEmpty()
                    && holding.stream().allMatch(b -> policy.exclude()
                            .why(b, ref -> subjects.getOrDefault(ref, List.of()))
                            .isPresent());
            if (why.isPresent() || heldOnlyThroughExcluded) {
                excluded++;
                continue;
            }
            kept.add(new TriagedRisk(
                    risk,
                    owners.responsibleFor(risk.binding(), risk.role(), holding),
                    triage.suppression(FindingType.ESCALATION_PRONE, risk.id(), risk.binding(), risk.role())
                            .orElse(null)));
        }
        return new Result(kept, excluded, triage.notes());
    }
}
