package io.kubelpa.authz;

import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.kubelpa.rbac.RbacKind;

/**
 * A binding subject with its effective namespace: for a ServiceAccount without its own namespace,
 * the RoleBinding's; empty for users and groups.
 */
public record SubjectRef(String kind, String name, String namespace) {

    public SubjectRef {
        namespace = namespace == null ? "" : namespace;
    }

    public static SubjectRef of(Subject subject, String bindingNamespace) {
        String namespace = RbacKind.SERVICE_ACCOUNT.equals(subject.getKind())
                ? SubjectMatcher.serviceAccountNamespace(subject, bindingNamespace)
                : "";
        return new SubjectRef(subject.getKind(), subject.getName(), namespace);
    }

    /** {@code User "alice"}, {@code Group "devs"}, {@code ServiceAccount "name/namespace"}: the reason-text form. */
    public String describe() {
        if (RbacKind.SERVICE_ACCOUNT.equals(kind)) {
            return kind + " " + GoQuote.quote(name + "/" + namespace);
        }
        return kind + " " + GoQuote.quote(name);
    }

    @Override
    public String toString() {
        return namespace.isEmpty() ? kind + ":" + name : kind + ":" + namespace + "/" + name;
    }
}
