package io.kubelpa.findings;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubelpa.audit.Timestamps;
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
 * window is shorter than the minimum, nor for objects created or rewritten inside it (by their
 * creationTimestamp, or by a write seen in the log), nor for objects changed at Metadata level.
 */
public final class ConfidenceAssessor {
    private final ObservationWindow window;
    private final Duration minWindow;
    private final Map<ObjectRef, Long> sinceMicros = new HashMap<>();
    private final Set<ObjectRef> partiallyKnown = new TreeSet<>();

    public ConfidenceAssessor(
            ObservationWindow window, Duration minWindow, RbacSnapshot snapshot, List<RbacChange> changes) {
        this.window = window;
        this.minWindow = minWindow;
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

    public Confidence of(Collection<ObjectRef> objects) {
        List<String> reasons = new ArrayList<>();
        if (window.length().compareTo(minWindow) < 0) {
            reasons.add("the window (" + Durations.format(window.length()) + ") is shorter than the minimum of "
                    + Durations.format(minWindow));
        }
        for (ObjectRef ref : new TreeSet<>(objects)) {
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
