package io.kubelpa.review;

import io.kubelpa.ownership.Owners;
import io.kubelpa.proposal.Proposal;
import io.kubelpa.rbac.ObjectRef;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The mechanical check that no proposal changes what belongs to the platform: whatever the planner
 * decided, a proposal that deletes or rewrites a platform object is withheld, saying which and why;
 * one that changes a managed object is marked with where the change belongs.
 */
final class PlatformGuard {
    private PlatformGuard() {}

    /** Why the proposal must be withheld: one reason per platform object it would change; none when it changes none. */
    static List<String> reasons(Proposal proposal, Owners owners) {
        return changed(proposal).stream()
                .filter(owners::isPlatform)
                .map(ref -> "it would change " + ref + ", which belongs to the platform ("
                        + owners.of(ref).rule() + ")")
                .toList();
    }

    /** For each managed object the proposal changes: which it is, its manager, and where the change belongs. */
    static List<String> managedBy(Proposal proposal, Owners owners) {
        return changed(proposal).stream()
                .filter(ref -> owners.of(ref).isManaged())
                .map(ref -> ref + " is managed (" + owners.of(ref).rule() + ")"
                        + (owners.of(ref).changeAt() == null
                                ? ""
                                : "; change it in " + owners.of(ref).changeAt()))
                .toList();
    }

    private static SortedSet<ObjectRef> changed(Proposal proposal) {
        SortedSet<ObjectRef> changed = new TreeSet<>(proposal.deletions());
        proposal.upserts().forEach(object -> changed.add(ObjectRef.of(object)));
        return changed;
    }
}
