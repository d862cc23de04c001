package io.kubelpa.review;

import io.kubelpa.proposal.Proposal;
import io.kubelpa.proposal.Verification;
import java.util.List;

/**
 * A proposal with its proof, and whether it is put forward or withheld (and why); {@code managedBy}
 * names, for each managed object it changes, the owner where the change belongs (a chart, an
 * operator, a synced source), so it is made there and not in the object's plain manifest.
 */
public record ProposalOutcome(
        Proposal proposal, Verification verification, List<String> withheldBecause, List<String> managedBy) {
    public ProposalOutcome {
        withheldBecause = List.copyOf(withheldBecause);
        managedBy = List.copyOf(managedBy);
    }

    public boolean accepted() {
        return withheldBecause.isEmpty();
    }
}
