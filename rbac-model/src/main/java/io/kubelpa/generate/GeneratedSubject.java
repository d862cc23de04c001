package io.kubelpa.generate;

import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.kubelpa.authz.UserInfo;
import io.kubelpa.rbac.RbacKind;
import java.util.List;

/**
 * A subject to generate RBAC for, as {@code User:NAME}, {@code Group:NAME} or
 * {@code ServiceAccount:NAMESPACE/NAME} names it; and the name of what is generated for it,
 * {@code lpa:<kind>:<name>}, escaped so that two subjects never share one.
 */
public record GeneratedSubject(String kind, String name, String namespace) {
    public static final String PREFIX = "lpa:";

    /** From its command-line form; a one-line reason for anything else. */
    public static GeneratedSubject parse(String text) {
        int colon = text.indexOf(':');
        String kind = colon < 0 ? "" : text.substring(0, colon);
        String rest = colon < 0 ? "" : text.substring(colon + 1);
        switch (kind) {
            case RbacKind.USER, RbacKind.GROUP_SUBJECT -> {
                if (!rest.isEmpty()) {
                    return new GeneratedSubject(kind, rest, "");
                }
            }
            case RbacKind.SERVICE_ACCOUNT -> {
                int slash = rest.indexOf('/');
                if (slash > 0 && slash < rest.length() - 1) {
                    return new GeneratedSubject(kind, rest.substring(slash + 1), rest.substring(0, slash));
                }
            }
            default -> {}
        }
        throw new IllegalArgumentException(
                "'" + text + "' is not a subject: give User:NAME, Group:NAME or ServiceAccount:NAMESPACE/NAME");
    }

    /** The subject that made requests under {@code username}: a service account or a user. */
    public static GeneratedSubject ofUsername(String username) {
        UserInfo.ServiceAccountName account = UserInfo.ServiceAccountName.parse(username);
        return account != null
                ? new GeneratedSubject(RbacKind.SERVICE_ACCOUNT, account.name(), account.namespace())
                : new GeneratedSubject(RbacKind.USER, username, "");
    }

    public boolean isGroup() {
        return RbacKind.GROUP_SUBJECT.equals(kind);
    }

    /** The user name the API server knows a user or service account by; null for a group. */
    public String username() {
        return switch (kind) {
            case RbacKind.SERVICE_ACCOUNT -> UserInfo.SERVICE_ACCOUNT_PREFIX + namespace + ":" + name;
            case RbacKind.USER -> name;
            default -> null;
        };
    }

    /** Who a replay authorizes as: the user, or for a group a member with nothing else. */
    public UserInfo asUser() {
        return isGroup()
                ? UserInfo.withDefaultGroups("lpa:member-of:" + name, List.of(name))
                : UserInfo.withDefaultGroups(username(), List.of());
    }

    public Subject asBindingSubject() {
        SubjectBuilder subject = new SubjectBuilder().withKind(kind).withName(name);
        return RbacKind.SERVICE_ACCOUNT.equals(kind)
                ? subject.withNamespace(namespace).build()
                : subject.withApiGroup(RbacKind.GROUP).build();
    }

    /** {@code lpa:user:NAME}, {@code lpa:group:NAME}, {@code lpa:sa:NAMESPACE:NAME}: '/' and '%' cannot be in a name. */
    public String objectName() {
        return switch (kind) {
            case RbacKind.SERVICE_ACCOUNT -> PREFIX + "sa:" + namespace + ":" + escape(name);
            case RbacKind.GROUP_SUBJECT -> PREFIX + "group:" + escape(name);
            default -> PREFIX + "user:" + escape(name);
        };
    }

    /**
     * The name of what is generated from the subject's denied requests, kept apart from what it was
     * allowed: {@code lpa:denied:<kind>:<name>} (no allowed-use name starts with "denied:").
     */
    public String deniedObjectName() {
        return PREFIX + "denied:" + objectName().substring(PREFIX.length());
    }

    @Override
    public String toString() {
        return RbacKind.SERVICE_ACCOUNT.equals(kind) ? kind + ":" + namespace + "/" + name : kind + ":" + name;
    }

    private static String escape(String name) {
        StringBuilder escaped = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            switch (c) {
                case '~' -> escaped.append("~~");
                case '/' -> escaped.append("~s");
                case '%' -> escaped.append("~p");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
