package io.kubelpa.risk;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.kubelpa.rbac.ObjectRef;
import java.util.List;

/**
 * A role's rules at one scope, with the subjects that hold them there through one binding; or, for
 * a role no binding uses, the scope it would have if bound ({@code potential}, no holders).
 */
record Holding(
        ObjectRef role,
        List<PolicyRule> rules,
        Scope scope,
        boolean potential,
        ObjectRef binding,
        List<Risk.Holder> holders) {}
