package io.kubelpa.proposal;

import io.kubelpa.authz.RbacAuthorizer;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.rbac.RbacSnapshot;
import io.kubelpa.rbac.SnapshotAssembler;
import io.kubelpa.usage.InMemoryUsageLedger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Checks proposals mechanically against the RBAC they change. Replay: every request of the window
 * that today's RBAC allows is authorized again against the proposed RBAC and must still be allowed.
 * No widening: nobody gains a permission ({@link NoWideningCheck}).
 */
public final class ProposalVerifier {
    private static final int MAX_EXAMPLES = 10;

    private final RbacObjects current;
    private final BuiltinMode mode;
    private final NoWideningCheck widening;
    private final List<ObservedRequest> replay = new ArrayList<>();
    private final long notAllowedToday;

    public ProposalVerifier(RbacObjects current, BuiltinMode mode, InMemoryUsageLedger ledger) {
        this.current = current;
        this.mode = mode;
        RbacSnapshot snapshot = SnapshotAssembler.assemble(current, mode);
        this.widening = new NoWideningCheck(snapshot);
        RbacAuthorizer today = new RbacAuthorizer(snapshot);
        long skipped = 0;
        for (ObservedRequest request : ObservedRequest.allowedIn(ledger)) {
            if (today.authorize(request.request()).allowed()) {
                replay.add(request);
            } else {
                skipped++;
            }
        }
        this.notAllowedToday = skipped;
    }

    /** Observed request shapes today's RBAC no longer allows (it changed during the window): not replayed. */
    public long notAllowedToday() {
        return notAllowedToday;
    }

    public Verification verify(Collection<Proposal> proposals) {
        RbacSnapshot proposed = SnapshotAssembler.assemble(ProposedRbac.apply(current, proposals), mode);
        RbacAuthorizer authorizer = new RbacAuthorizer(proposed);
        List<String> failures = new ArrayList<>();
        long failureCount = 0;
        long requests = 0;
        for (ObservedRequest request : replay) {
            requests += request.count();
            if (!authorizer.authorize(request.request()).allowed()) {
                failureCount++;
                if (failures.size() < MAX_EXAMPLES) {
                    failures.add(request.describe());
                }
            }
        }
        List<String> gains = widening.gains(proposed);
        return new Verification(replay.size(), requests, failures, failureCount,
                gains.size() > MAX_EXAMPLES ? gains.subList(0, MAX_EXAMPLES) : gains);
    }
}
