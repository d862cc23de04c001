package io.kubelpa.proposal;

/** What a proposal does. */
public enum ProposalKind {
    /** Replace a role's rules with the ones its subjects used. */
    TIGHTEN_ROLE,
    /** A role kube-lpa does not edit: bind a new role with just what was used instead. */
    DEDICATED_ROLE,
    /** Replace a ClusterRoleBinding used in a few namespaces with RoleBindings there. */
    NARROW_TO_NAMESPACES,
    /** Delete a binding nothing went through. */
    DELETE_BINDING
}
