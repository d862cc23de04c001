package io.kubelpa.review;

import io.kubelpa.findings.Finding;
import io.kubelpa.findings.ObservationWindow;
import io.kubelpa.policy.ExcludedFinding;
import io.kubelpa.proposal.Verification;
import io.kubelpa.rbac.RbacObjects;
import java.util.List;

/**
 * The result of a least-privilege review: the window, findings (suppressed ones marked) and those a
 * policy excluded, the policy file (null: none) and notes on it, every proposal with its proof, the proof of the accepted
 * proposals together, and the RBAC before and after them.
 */
public record Review(
        ObservationWindow window,
        List<Finding> findings,
        List<ExcludedFinding> excluded,
        String policySource,
        List<String> policyNotes,
        List<ProposalOutcome> proposals,
        Verification combined,
        long notAllowedToday,
        RbacObjects current,
        RbacObjects proposed) {

    public Review {
        findings = List.copyOf(findings);
        excluded = List.copyOf(excluded);
        policyNotes = List.copyOf(policyNotes);
        proposals = List.copyOf(proposals);
    }

    /** The findings to act on: neither suppressed nor the platform's. */
    public List<Finding> actionable() {
        return findings.stream().filter(f -> f.counts(false)).toList();
    }

    /** Findings on the platform's objects, not suppressed. */
    public long onPlatform() {
        return findings.stream()
                .filter(f -> !f.suppressed() && f.owner().isPlatform())
                .count();
    }

    public long suppressed() {
        return findings.stream().filter(Finding::suppressed).count();
    }

    public List<ProposalOutcome> accepted() {
        return proposals.stream().filter(ProposalOutcome::accepted).toList();
    }
}
