package io.kubelpa.findings;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.kubelpa.audit.Timestamps;
import io.kubelpa.authz.UserInfo;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.RbacSnapshot;
import io.kubelpa.usage.RbacChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides how far "never used in the window" can be trusted for a set of RBAC objects: not when the
 * logs cover less time than the minimum, nor when the log's own decisions show the RBAC given is not
 * the cluster's (reasons it cannot reproduce, or most allowed requests outside it), nor for objects
 * created or rewritten inside the window (by their creationTimestamp, or by a write seen in the log),
 * nor for objects changed at Metadata level, nor for bindings to groups when the log left groups out.
 */
public final class ConfidenceAssessor {
    private final WindowEvidence evidence;
    private final ObservationWindow window;
    private final Duration minWindow;
    private final Map<ObjectRef, Long> sinceMicros = new HashMap<>();
    private final Set<ObjectRef> partiallyKnown = new TreeSet<>();
    /** Bindings to groups a user's name does not imply, with those groups. */
    private final Map<ObjectRef, List<String>> heldByGroups = new HashMap<>();

    public ConfidenceAssessor(
            WindowEvidence evidence, Duration minWindow, RbacSnapshot snapshot, List<RbacChange> changes) {
        this.evidence = evidence;
        this.window = evidence.window();
        this.minWindow = minWindow;
        snapshot.clusterRoleBindings()
                .forEach(o -> heldByGroups(
                        ObjectRef.clusterRoleBinding(o.getMetadata().getName()), o.getSubjects()));
        snapshot.roleBindings()
                .forEach(o -> heldByGroups(
                        ObjectRef.roleBinding(
                                o.getMetadata().getNamespace(), o.getMetadata().getName()),
                        o.getSubjects()));
        snapshot.clusterRoles()
                .forEach(o -> created(ObjectRef.clusterRole(o.getMetadata().getName()), o));
        snapshot.roles()
                .forEach(o -> created(
                        ObjectRef.role(
                                o.getMetadata().getNamespace(), o.getMetadata().getName()),
                        o));
        snapshot.clusterRoleBindings()
                .forEach(o ->
                        created(ObjectRef.clusterRoleBinding(o.getMetadata().getName()), o));
        snapshot.roleBindings()
                .forEach(o -> created(
                        ObjectRef.roleBinding(
                                o.getMetadata().getNamespace(), o.getMetadata().getName()),
                        o));
        for (RbacChange change : changes) {
            if (change.partial()) {
                partiallyKnown.add(change.ref());
            } else if (!change.deleted()) {
                sinceMicros.merge(change.ref(), change.timeMicros(), Math::max);
            }
        }
    }

    private void heldByGroups(ObjectRef binding, List<Subject> subjects) {
        List<String> groups = subjects == null
                ? List.of()
                : subjects.stream()
                        .filter(s -> "Group".equals(s.getKind()) && s.getName() != null)
                        .map(Subject::getName)
                        .filter(g -> !UserInfo.isDefaultGroup(g))
                        .sorted()
                        .toList();
        if (!groups.isEmpty()) {
            heldByGroups.put(binding, groups);
        }
    }

    private void created(ObjectRef ref, HasMetadata object) {
        String created = object.getMetadata().getCreationTimestamp();
        long micros = created == null ? -1 : Timestamps.parseMicros(created);
        if (micros >= 0) {
            sinceMicros.put(ref, micros);
        }
    }

    public ObservationWindow window() {
        return window;
    }

    /**
     * How far the RBAC given can be taken for the cluster's, whatever the use: for what follows from
     * the objects alone (a binding whose role does not exist).
     */
    public Confidence ofSnapshot() {
        List<String> reasons = snapshotDoubts();
        return reasons.isEmpty() ? Confidence.HIGH : Confidence.low(reasons);
    }

    private List<String> snapshotDoubts() {
        List<String> reasons = new ArrayList<>();
        EvidenceQuality quality = evidence.quality();
        if (quality.rbacDisagrees()) {
            reasons.add(quality.mismatches() + " allowed request(s) in the window name a reason the RBAC given cannot"
                    + " reproduce: it is not the cluster's RBAC of the window");
        }
        if (quality.mostlyOutsideRbac()) {
            reasons.add(quality.allowedOutsideRbac() + " of " + quality.allowed()
                    + " allowed requests in the window were allowed outside the RBAC given: it is likely not the"
                    + " cluster's RBAC");
        }
        return reasons;
    }

    public Confidence of(Collection<ObjectRef> objects) {
        List<String> reasons = new ArrayList<>();
        if (evidence.covered().compareTo(minWindow) < 0) {
            reasons.add(
                    evidence.covered().getSeconds() == window.length().getSeconds()
                            ? "the window (" + Durations.format(window.length()) + ") is shorter than the minimum of "
                                    + Durations.format(minWindow)
                            : "the logs cover " + Durations.format(evidence.covered()) + " of the window's "
                                    + Durations.format(window.length()) + ", less than the minimum of "
                                    + Durations.format(minWindow));
        }
        reasons.addAll(snapshotDoubts());
        EvidenceQuality quality = evidence.quality();
        for (ObjectRef ref : new TreeSet<>(objects)) {
            List<String> groups = heldByGroups.get(ref);
            if (groups != null && quality.groupsUnseen()) {
                reasons.add(ref + " is held through "
                        + String.join(
                                ", ", groups.stream().map(g -> "Group:" + g).toList())
                        + ", and " + quality.degraded() + " request(s) in the window were logged without the user's"
                        + " groups: use through it cannot be seen");
            }
            Long since = sinceMicros.get(ref);
            if (since != null && !window.isEmpty() && since > window.fromMicros()) {
                reasons.add(
                        ref + " exists in this form only since " + Timestamps.format(since) + ", inside the window");
            }
            if (partiallyKnown.contains(ref)) {
                reasons.add(ref + " changed in the window at Metadata level: its new content is unknown");
            }
        }
        return reasons.isEmpty() ? Confidence.HIGH : Confidence.low(reasons);
    }
}
