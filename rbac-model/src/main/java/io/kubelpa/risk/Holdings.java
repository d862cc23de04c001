package io.kubelpa.risk;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.kubelpa.authz.SubjectRef;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.RbacKind;
import io.kubelpa.rbac.RbacSnapshot;
import io.kubelpa.rbac.RbacSnapshot.RoleResolution;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every role at every scope it is bound at, with its holders; unbound roles (not built-in) as
 * potential holdings. Built-in roles held through built-in bindings are left out unless asked for.
 */
final class Holdings {
    private Holdings() {}

    static List<Holding> of(RbacSnapshot snapshot, boolean includeBuiltin) {
        List<Holding> holdings = new ArrayList<>();
        Set<ObjectRef> boundRoles = new HashSet<>();
        for (ClusterRoleBinding binding : snapshot.clusterRoleBindings()) {
            ObjectRef ref = ObjectRef.clusterRoleBinding(binding.getMetadata().getName());
            add(
                    snapshot,
                    includeBuiltin,
                    holdings,
                    boundRoles,
                    ref,
                    binding.getRoleRef(),
                    "",
                    binding.getSubjects(),
                    Scope.CLUSTER);
        }
        for (RoleBinding binding : snapshot.roleBindings()) {
            String namespace = binding.getMetadata().getNamespace();
            ObjectRef ref =
                    ObjectRef.roleBinding(namespace, binding.getMetadata().getName());
            add(
                    snapshot,
                    includeBuiltin,
                    holdings,
                    boundRoles,
                    ref,
                    binding.getRoleRef(),
                    namespace,
                    binding.getSubjects(),
                    Scope.namespace(namespace));
        }
        for (ClusterRole role : snapshot.clusterRoles()) {
            ObjectRef ref = ObjectRef.clusterRole(role.getMetadata().getName());
            if (!boundRoles.contains(ref) && !snapshot.isBuiltin(ref)) {
                holdings.add(new Holding(ref, rulesOf(role.getRules()), Scope.CLUSTER, true, null, List.of()));
            }
        }
        for (Role role : snapshot.roles()) {
            ObjectRef ref = ObjectRef.role(
                    role.getMetadata().getNamespace(), role.getMetadata().getName());
            if (!boundRoles.contains(ref) && !snapshot.isBuiltin(ref)) {
                holdings.add(new Holding(
                        ref,
                        rulesOf(role.getRules()),
                        Scope.namespace(role.getMetadata().getNamespace()),
                        true,
                        null,
                        List.of()));
            }
        }
        return holdings;
    }

    private static void add(
            RbacSnapshot snapshot,
            boolean includeBuiltin,
            List<Holding> holdings,
            Set<ObjectRef> boundRoles,
            ObjectRef bindingRef,
            RoleRef roleRef,
            String namespace,
            List<Subject> subjects,
            Scope scope) {
        RoleResolution resolution = snapshot.resolve(roleRef, namespace);
        if (resolution.isMissing()) {
            return;
        }
        boundRoles.add(resolution.role());
        if (!includeBuiltin && snapshot.isBuiltin(bindingRef) && snapshot.isBuiltin(resolution.role())) {
            return;
        }
        List<Risk.Holder> holders = new ArrayList<>();
        for (Subject subject : subjects == null ? List.<Subject>of() : subjects) {
            SubjectRef ref = SubjectRef.of(subject, namespace);
            if (RbacKind.SERVICE_ACCOUNT.equals(ref.kind()) && ref.namespace().isEmpty()) {
                continue;
            }
            holders.add(new Risk.Holder(ref.kind(), ref.name(), ref.namespace(), bindingRef));
        }
        holdings.add(new Holding(resolution.role(), resolution.rules(), scope, false, bindingRef, holders));
    }

    static List<PolicyRule> rulesOf(List<PolicyRule> rules) {
        return rules == null ? List.of() : rules;
    }
}
