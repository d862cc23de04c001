package io.kubelpa.proposal;

import io.kubelpa.authz.AuthorizationDecision;
import io.kubelpa.authz.Grant;
import io.kubelpa.authz.RbacAuthorizer;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.rbac.RbacSnapshot;
import io.kubelpa.rbac.SnapshotAssembler;
import io.kubelpa.usage.InMemoryUsageLedger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Checks proposals mechanically against the RBAC they change. Replay: every request of the window
 * that today's RBAC allows is authorized again against the proposed RBAC and must still be allowed.
 * No widening: nobody gains a permission ({@link NoWideningCheck}). A request that a binding the
 * proposals leave exactly as it is allowed today is allowed after them without a new authorization
 * (see {@link UnchangedBindings}), so each proposal costs the requests it can affect, not the window.
 */
public final class ProposalVerifier {
    private static final int MAX_EXAMPLES = 10;

    private final RbacObjects current;
    private final BuiltinMode mode;
    private final UnchangedBindings unchanged;
    private final NoWideningCheck widening;
    private final List<Replayed> replay = new ArrayList<>();
    private final long notAllowedToday;

    public ProposalVerifier(RbacObjects current, BuiltinMode mode, InMemoryUsageLedger ledger) {
        this.current = current;
        this.mode = mode;
        RbacSnapshot today = SnapshotAssembler.assemble(current, mode);
        this.unchanged = new UnchangedBindings(today);
        this.widening = new NoWideningCheck(today);
        RbacAuthorizer authorizer = new RbacAuthorizer(today);
        long skipped = 0;
        for (ObservedRequest request : ObservedRequest.allowedIn(ledger)) {
            AuthorizationDecision decision = authorizer.authorize(request.request());
            if (decision.allowed()) {
                replay.add(new Replayed(request, decision.grants().stream().map(Grant::binding).distinct().toList()));
            } else {
                skipped++;
            }
        }
        this.notAllowedToday = skipped;
    }

    /** An observed request today's RBAC allows, and the bindings through which it does. */
    private record Replayed(ObservedRequest request, List<ObjectRef> allowedThrough) {}

    /** Observed request shapes today's RBAC no longer allows (it changed during the window): not replayed. */
    public long notAllowedToday() {
        return notAllowedToday;
    }

    public Verification verify(Collection<Proposal> proposals) {
        RbacSnapshot proposed = SnapshotAssembler.assemble(ProposedRbac.apply(current, proposals), mode);
        RbacAuthorizer authorizer = new RbacAuthorizer(proposed);
        Set<ObjectRef> untouched = unchanged.in(proposed);
        List<String> failures = new ArrayList<>();
        long failureCount = 0;
        long requests = 0;
        for (Replayed replayed : replay) {
            ObservedRequest request = replayed.request();
            requests += request.count();
            if (replayed.allowedThrough().stream().anyMatch(untouched::contains)) {
                continue;
            }
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
