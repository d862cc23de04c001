package io.kubelpa.review;

import io.kubelpa.proposal.Proposal;
import io.kubelpa.proposal.Verification;
import java.util.List;

/** A proposal with its proof, and whether it is put forward or withheld (and why). */
public record ProposalOutcome(Proposal proposal, Verification verification, List<String> withheldBecause) {
    public ProposalOutcome {
        withheldBecause = List.copyOf(withheldBecause);
    }

    public boolean accepted() {
        return withheldBecause.isEmpty();
    }
}
