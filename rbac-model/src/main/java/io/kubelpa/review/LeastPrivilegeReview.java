package io.kubelpa.review;

import io.kubelpa.findings.ConfidenceAssessor;
import io.kubelpa.findings.FindingContext;
import io.kubelpa.findings.FindingsAnalyzer;
import io.kubelpa.findings.ObservationWindow;
import io.kubelpa.findings.WindowEvidence;
import io.kubelpa.policy.PolicyTriage;
import io.kubelpa.proposal.Proposal;
import io.kubelpa.proposal.ProposalAnnotations;
import io.kubelpa.proposal.ProposalPlanner;
import io.kubelpa.proposal.ProposalVerifier;
import io.kubelpa.proposal.ProposedRbac;
import io.kubelpa.proposal.Verification;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.rbac.RbacSnapshot;
import io.kubelpa.rbac.SnapshotAssembler;
import io.kubelpa.usage.RbacTimeline;
import io.kubelpa.usage.UsageReport;
import java.util.ArrayList;
import java.util.List;

/**
 * From a usage report to findings and verified proposals, against the RBAC as it is at the end of
 * the window (the input changed by the RBAC writes seen in the log). A proposal is put forward only
 * when its evidence is high-confidence and its proof passes; all accepted proposals are then proven
 * again together, and if that fails (it should not: each keeps every grant path that was used),
 * none is put forward.
 */
public final class LeastPrivilegeReview {
    private LeastPrivilegeReview() {}

    public static Review run(RbacObjects initial, BuiltinMode mode, UsageReport report, ReviewOptions options) {
        return run(initial, mode, report, options, null);
    }

    /** As {@link #run(RbacObjects, BuiltinMode, UsageReport, ReviewOptions)}, every proposal withheld for {@code withholdAll} when given. */
    public static Review run(
            RbacObjects initial, BuiltinMode mode, UsageReport report, ReviewOptions options, String withholdAll) {
        RbacObjects current = new RbacTimeline(initial, mode, report.rbacChanges()).current();
        RbacSnapshot snapshot = SnapshotAssembler.assemble(current, mode);
        WindowEvidence evidence = WindowEvidence.of(report.counters());
        ObservationWindow window = evidence.window();
        ConfidenceAssessor confidence =
                new ConfidenceAssessor(evidence, options.findings().minWindow(), snapshot, report.rbacChanges());
        FindingContext context = new FindingContext(
                snapshot,
                report.ledger(),
                confidence,
                options.observability(),
                options.findings(),
                options.policy().ownership());
        PolicyTriage.Result triage =
                PolicyTriage.apply(FindingsAnalyzer.analyze(context), context, options.policy(), options.today());
        List<Proposal> planned = new ProposalPlanner(
                        context,
                        current,
                        new ProposalPlanner.Options(
                                options.tightening(), ProposalAnnotations.stamp(window.toString(), options.version())))
                .plan();

        ProposalVerifier verifier = new ProposalVerifier(current, mode, report.ledger());
        List<ProposalOutcome> outcomes = new ArrayList<>();
        List<Verification> verifications = verifier.verifyEach(planned);
        for (int i = 0; i < planned.size(); i++) {
            Proposal proposal = planned.get(i);
            Verification verification = verifications.get(i);
            List<String> withheld = new ArrayList<>();
            if (withholdAll != null) {
                withheld.add(withholdAll);
            }
            withheld.addAll(PlatformGuard.reasons(proposal, context.owners()));
            withheld.addAll(options.policy().exclude().reasons(proposal, context));
            if (!proposal.confidence().high()) {
                withheld.add("low confidence: "
                        + String.join("; ", proposal.confidence().reasons()));
            }
            if (!verification.replayPassed()) {
                withheld.add(verification.replayFailureCount() + " observed request shape(s) would be denied");
            }
            if (!verification.noWidening()) {
                withheld.add("it would widen access");
            }
            outcomes.add(new ProposalOutcome(
                    proposal, verification, withheld, PlatformGuard.managedBy(proposal, context.owners())));
        }
        List<Proposal> accepted = outcomes.stream()
                .filter(ProposalOutcome::accepted)
                .map(ProposalOutcome::proposal)
                .toList();
        Verification combined = verifier.verify(accepted);
        if (!combined.passed()) {
            outcomes = outcomes.stream()
                    .map(o -> o.accepted()
                            ? new ProposalOutcome(
                                    o.proposal(),
                                    o.verification(),
                                    List.of("the accepted proposals together fail verification"),
                                    o.managedBy())
                            : o)
                    .toList();
            accepted = List.of();
        }
        return new Review(
                window,
                triage.findings(),
                triage.excluded(),
                options.policy().source(),
                triage.notes(),
                outcomes,
                combined,
                verifier.notAllowedToday(),
                current,
                ProposedRbac.apply(current, accepted));
    }
}
