package io.kubelpa.tightening;

import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.kubelpa.authz.SubjectMatcher;
import io.kubelpa.authz.UserInfo;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.RbacKind;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.usage.GrantKey;
import io.kubelpa.usage.SubjectUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The bindings an observed subject holds in the given RBAC: those naming it, its service account,
 * or a group it was seen matching through (plus the groups authentication always adds). With the
 * bindings it used, this is the "used / granted" of a review. Asked one subject at a time, so a
 * review of many subjects keeps none of the answers.
 */
public final class HeldBindings {
    private final RbacObjects rbac;

    public HeldBindings(RbacObjects rbac) {
        this.rbac = rbac;
    }

    public SortedSet<ObjectRef> of(String username, SubjectUsage usage) {
        List<String> groups = new ArrayList<>();
        for (GrantKey grant : usage.used().keySet()) {
            if (RbacKind.GROUP_SUBJECT.equals(grant.subject().kind())
                    && !groups.contains(grant.subject().name())) {
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
        return bindings;
    }

    private static boolean applies(List<Subject> subjects, UserInfo user, String namespace) {
        return subjects != null && subjects.stream().anyMatch(s -> SubjectMatcher.appliesTo(s, user, namespace));
    }
}
