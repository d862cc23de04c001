package io.kubelpa.proposal;

import io.kubelpa.authz.AuthorizationDecision;
import io.kubelpa.authz.Grant;
import io.kubelpa.authz.RbacAuthorizer;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.rbac.RbacSnapshot;
import io.kubelpa.rbac.SnapshotAssembler;
import io.kubelpa.usage.SubjectLedger;
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
 * The requests are read from the ledger a subject at a time, for several proposals in one pass, and
 * not kept: a review's memory does not grow with its subjects.
 */
public final class ProposalVerifier {
    private static final int MAX_EXAMPLES = 10;
    /** Proposals checked in one pass over the ledger: each holds a proposed snapshot while the pass runs. */
    private static final int PER_PASS = 16;

    private final RbacObjects current;
    private final BuiltinMode mode;
    private final SubjectLedger ledger;
    private final UnchangedBindings unchanged;
    private final NoWideningCheck widening;
    private final RbacAuthorizer today;
    private long notAllowedToday = -1;

    public ProposalVerifier(RbacObjects current, BuiltinMode mode, SubjectLedger ledger) {
        this.current = current;
        this.mode = mode;
        this.ledger = ledger;
        RbacSnapshot snapshot = SnapshotAssembler.assemble(current, mode);
        this.unchanged = new UnchangedBindings(snapshot);
        this.widening = new NoWideningCheck(snapshot);
        this.today = new RbacAuthorizer(snapshot);
    }

    /** Observed request shapes today's RBAC no longer allows (it changed during the window): not replayed. */
    public long notAllowedToday() {
        if (notAllowedToday < 0) {
            replay(List.of());
        }
        return notAllowedToday;
    }

    /** The proposals applied together. */
    public Verification verify(Collection<Proposal> proposals) {
        return replay(List.of(proposals)).get(0);
    }

    /** Each proposal on its own, in the order given. */
    public List<Verification> verifyEach(List<Proposal> proposals) {
        List<Verification> verifications = new ArrayList<>(proposals.size());
        for (int from = 0; from < proposals.size(); from += PER_PASS) {
            List<Collection<Proposal>> sets = new ArrayList<>();
            proposals.subList(from, Math.min(proposals.size(), from + PER_PASS)).forEach(p -> sets.add(List.of(p)));
            verifications.addAll(replay(sets));
        }
        return verifications;
    }

    /** What one set of proposals makes of the RBAC, and what the replay found against it. */
    private final class Check {
        final RbacSnapshot proposed;
        final RbacAuthorizer authorizer;
        final Set<ObjectRef> untouched;
        final List<String> failures = new ArrayList<>();
        long failureCount;

        Check(Collection<Proposal> proposals) {
            proposed = SnapshotAssembler.assemble(ProposedRbac.apply(current, proposals), mode);
            authorizer = new RbacAuthorizer(proposed);
            untouched = unchanged.in(proposed);
        }

        void replay(ObservedRequest request, List<ObjectRef> allowedThrough) {
            if (allowedThrough.stream().anyMatch(untouched::contains)) {
                return;
            }
            if (!authorizer.authorize(request.request()).allowed()) {
                failureCount++;
                if (failures.size() < MAX_EXAMPLES) {
                    failures.add(request.describe());
                }
            }
        }
    }

    private List<Verification> replay(List<Collection<Proposal>> sets) {
        List<Check> checks = sets.stream().map(Check::new).toList();
        long[] shapes = {0};
        long[] requests = {0};
        long[] skipped = {0};
        ledger.subjects().forEach((username, usage) -> {
            for (ObservedRequest request : ObservedRequest.of(username, usage)) {
                AuthorizationDecision decision = today.authorize(request.request());
                if (!decision.allowed()) {
                    skipped[0]++;
                    continue;
                }
                shapes[0]++;
                requests[0] += request.count();
                List<ObjectRef> allowedThrough = decision.grants().stream()
                        .map(Grant::binding)
                        .distinct()
                        .toList();
                for (Check check : checks) {
                    check.replay(request, allowedThrough);
                }
            }
        });
        notAllowedToday = skipped[0];
        List<Verification> verifications = new ArrayList<>(checks.size());
        for (Check check : checks) {
            List<String> gains = widening.gains(check.proposed);
            verifications.add(new Verification(
                    shapes[0],
                    requests[0],
                    check.failures,
                    check.failureCount,
                    gains.size() > MAX_EXAMPLES ? gains.subList(0, MAX_EXAMPLES) : gains));
        }
        return verifications;
    }
}
