package io.kubelpa.policy;

import io.kubelpa.authz.SubjectRef;
import io.kubelpa.rbac.Glob;
import io.kubelpa.rbac.RbacKind;

/**
 * Subjects named as a policy names them, with globs: {@code User:NAME}, {@code Group:NAME},
 * {@code ServiceAccount:NAMESPACE/NAME}, or a bare user name as the API server sees it (which for a
 * service account is {@code system:serviceaccount:NAMESPACE:NAME}).
 */
record SubjectPattern(String kind, Glob name) {
    private static final String SERVICE_ACCOUNT_USER = "system:serviceaccount:";

    static SubjectPattern parse(String text) {
        for (String kind : new String[] {RbacKind.USER, RbacKind.GROUP_SUBJECT, RbacKind.SERVICE_ACCOUNT}) {
            if (text.startsWith(kind + ":")) {
                String name = text.substring(kind.length() + 1);
                if (RbacKind.SERVICE_ACCOUNT.equals(kind) && !name.contains("/")) {
                    throw new IllegalArgumentException(
                            "'" + text + "' names no namespace: write ServiceAccount:NAMESPACE/NAME");
                }
                return new SubjectPattern(kind, new Glob(name));
            }
        }
        return new SubjectPattern(null, new Glob(text));
    }

    boolean matches(SubjectRef subject) {
        if (kind != null) {
            String name =
                    RbacKind.SERVICE_ACCOUNT.equals(kind) ? subject.namespace() + "/" + subject.name() : subject.name();
            return kind.equals(subject.kind()) && this.name.matches(name);
        }
        return switch (subject.kind()) {
            case RbacKind.USER -> name.matches(subject.name());
            case RbacKind.SERVICE_ACCOUNT ->
                name.matches(SERVICE_ACCOUNT_USER + subject.namespace() + ":" + subject.name());
            default -> false;
        };
    }

    @Override
    public String toString() {
        return kind == null ? name.toString() : kind + ":" + name;
    }
}
