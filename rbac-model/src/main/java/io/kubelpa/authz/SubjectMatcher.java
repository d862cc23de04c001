package io.kubelpa.authz;

import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.kubelpa.rbac.RbacKind;
import java.util.List;

/**
 * Whether a binding subject applies to a user, as the RBAC rule resolver decides: User by name,
 * Group by membership, ServiceAccount by its user name, with the subject's namespace defaulting to
 * the RoleBinding's namespace (a ClusterRoleBinding has none, so such a subject never matches).
 * The subject's apiGroup is ignored; unknown kinds never match.
 */
public final class SubjectMatcher {
    private SubjectMatcher() {}

    public static boolean appliesTo(Subject subject, UserInfo user, String bindingNamespace) {
        String kind = subject.getKind() == null ? "" : subject.getKind();
        return switch (kind) {
            case RbacKind.USER -> user.name().equals(subject.getName());
            case RbacKind.GROUP_SUBJECT -> user.groups().contains(subject.getName());
            case RbacKind.SERVICE_ACCOUNT -> {
                String namespace = serviceAccountNamespace(subject, bindingNamespace);
                yield !namespace.isEmpty()
                        && user.name().equals(UserInfo.SERVICE_ACCOUNT_PREFIX + namespace + ":" + subject.getName());
            }
            default -> false;
        };
    }

    /** Index of the first subject that applies, or -1. */
    public static int firstApplying(List<Subject> subjects, UserInfo user, String bindingNamespace) {
        if (subjects == null) {
            return -1;
        }
        for (int i = 0; i < subjects.size(); i++) {
            if (appliesTo(subjects.get(i), user, bindingNamespace)) {
                return i;
            }
        }
        return -1;
    }

    /** The namespace a ServiceAccount subject refers to: its own, else the binding's ("" if neither). */
    public static String serviceAccountNamespace(Subject subject, String bindingNamespace) {
        String own = subject.getNamespace();
        if (own != null && !own.isEmpty()) {
            return own;
        }
        return bindingNamespace == null ? "" : bindingNamespace;
    }
}
