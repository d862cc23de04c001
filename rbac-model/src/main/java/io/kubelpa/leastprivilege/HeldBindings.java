package io.kubelpa.leastprivilege;

import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.kubelpa.authz.SubjectMatcher;
import io.kubelpa.authz.UserInfo;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.RbacKind;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.usage.GrantKey;
import io.kubelpa.usage.InMemoryUsageLedger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The bindings each observed subject holds in the given RBAC: those naming it, its service account,
 * or a group it was seen matching through (plus the groups authentication always adds). With the
 * bindings it used, this is the "used / granted" of a review.
 */
public final class HeldBindings {
    private HeldBindings() {}

    public static Map<String, SortedSet<ObjectRef>> of(RbacObjects rbac, InMemoryUsageLedger ledger) {
        Map<String, SortedSet<ObjectRef>> held = new TreeMap<>();
        ledger.subjects().forEach((username, usage) -> {
            List<String> groups = new ArrayList<>();
            for (GrantKey grant : usage.used().keySet()) {
                if (RbacKind.GROUP_SUBJECT.equals(grant.subject().kind()) && !groups.contains(grant.subject().name())) {
                    groups.add(grant.subject().name());
                }
            }
            UserInfo user = UserInfo.withDefaultGroups(username, groups);
            SortedSet<ObjectRef> bindings = new TreeSet<>();
            rbac.clusterRoleBindings().forEach(b -> {
                if (applies(b.getSubjects(), user, "")) {
                    bindings.add(ObjectRef.of(b));
                }
            });
            rbac.roleBindings().forEach(b -> {
                if (applies(b.getSubjects(), user, b.getMetadata().getNamespace())) {
                    bindings.add(ObjectRef.of(b));
                }
            });
            held.put(username, bindings);
        });
        return held;
    }

    private static boolean applies(List<Subject> subjects, UserInfo user, String namespace) {
        return subjects != null && subjects.stream().anyMatch(s -> SubjectMatcher.appliesTo(s, user, namespace));
    }
}
