package io.kubelpa.rbac;

/** How much of the built-in bootstrap policy a snapshot takes in. */
public enum BuiltinMode {
    /** Only what the input defines. */
    NONE,
    /** Built-in roles that the input references (by roleRef or aggregation) without defining them. Default. */
    REFERENCED_ROLES,
    /** Also the built-in bindings (e.g. {@code system:basic-user} for every authenticated user), unless the input defines a binding of that name. */
    ROLES_AND_BINDINGS
}
