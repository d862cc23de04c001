package io.kubelpa.proposal;

import io.kubelpa.authz.RequestAttributes;
import io.kubelpa.authz.SubjectRef;
import io.kubelpa.authz.UserInfo;
import io.kubelpa.rbac.RbacKind;
import io.kubelpa.tightening.Permission;
import io.kubelpa.usage.GrantKey;
import io.kubelpa.usage.RequestShape;
import io.kubelpa.usage.ShapeUsage;
import io.kubelpa.usage.SubjectUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An allowed request of the window, as a replay authorizes it again: the user (with the groups the
 * original grants matched through, which the user therefore had, plus those authentication always
 * adds) and the request shape, with how many requests it stands for.
 */
public record ObservedRequest(RequestAttributes request, long count) {

    /** The requests of one subject, one per request shape. */
    public static List<ObservedRequest> of(String username, SubjectUsage usage) {
        Map<RequestShape, Set<String>> groups = new TreeMap<>();
        Map<RequestShape, Long> counts = new TreeMap<>();
        for (Map.Entry<GrantKey, Map<RequestShape, ShapeUsage>> entry :
                usage.used().entrySet()) {
            SubjectRef subject = entry.getKey().subject();
            entry.getValue().forEach((shape, shapeUsage) -> {
                Set<String> shapeGroups = groups.computeIfAbsent(shape, s -> new TreeSet<>());
                if (RbacKind.GROUP_SUBJECT.equals(subject.kind())) {
                    shapeGroups.add(subject.name());
                }
                counts.merge(shape, shapeUsage.count(), Math::max);
            });
        }
        List<ObservedRequest> requests = new ArrayList<>(groups.size());
        groups.forEach((shape, shapeGroups) -> {
            UserInfo user = UserInfo.withDefaultGroups(username, List.copyOf(shapeGroups));
            requests.add(
                    new ObservedRequest(Permission.of(shape).asRequest(user, shape.namespace()), counts.get(shape)));
        });
        return requests;
    }

    public String describe() {
        RequestAttributes r = request;
        String what = r.resourceRequest()
                ? r.verb() + " " + (r.apiGroup().isEmpty() ? "" : r.apiGroup() + "/") + r.combinedResource()
                        + (r.name().isEmpty() ? "" : " " + r.name())
                        + (r.namespace().isEmpty() ? " (cluster)" : " in " + r.namespace())
                : r.verb() + " " + r.path();
        return r.user().name() + ": " + what;
    }
}
