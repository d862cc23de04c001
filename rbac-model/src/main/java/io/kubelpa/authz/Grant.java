package io.kubelpa.authz;

import io.kubelpa.rbac.ObjectRef;

/**
 * One way a request is allowed: a binding, the role it references, the index of the allowing rule in
 * that role's (effective) rules, and the binding subject that matched the user.
 */
public record Grant(ObjectRef binding, ObjectRef role, int ruleIndex, SubjectRef subject) {

    /** The text the RBAC authorizer writes into the {@code authorization.k8s.io/reason} annotation. */
    public String reason() {
        String bindingName = binding.namespaced() ? binding.name() + "/" + binding.namespace() : binding.name();
        return "RBAC: allowed by " + binding.kind() + " " + GoQuote.quote(bindingName)
                + " of " + role.kind() + " " + GoQuote.quote(role.name())
                + " to " + subject.describe();
    }
}
