package io.kubelpa.testing;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.PolicyRuleSpec;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.rbac.RbacSnapshot;
import io.kubelpa.rbac.SnapshotAssembler;
import java.util.Arrays;
import java.util.List;

/**
 * Compact builders for RBAC test data. Rules are written in {@link PolicyRuleSpec} notation.
 */
public final class RbacFixtures {
    private RbacFixtures() {}

    public static PolicyRule rule(String spec) {
        return PolicyRuleSpec.parse(spec);
    }

    public static List<PolicyRule> rules(String... specs) {
        return Arrays.stream(specs).map(RbacFixtures::rule).toList();
    }

    public static ClusterRole clusterRole(String name, String... ruleSpecs) {
        return new ClusterRoleBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withRules(rules(ruleSpecs))
                .build();
    }

    public static Role role(String namespace, String name, String... ruleSpecs) {
        return new RoleBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .withRules(rules(ruleSpecs))
                .build();
    }

    public static Subject user(String name) {
        return new Subject("rbac.authorization.k8s.io", "User", name, null);
    }

    public static Subject group(String name) {
        return new Subject("rbac.authorization.k8s.io", "Group", name, null);
    }

    public static Subject serviceAccount(String namespace, String name) {
        return new Subject("", "ServiceAccount", name, namespace);
    }

    public static ClusterRoleBinding clusterRoleBinding(String name, String clusterRole, Subject... subjects) {
        return new ClusterRoleBindingBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", clusterRole)
                .withSubjects(subjects)
                .build();
    }

    public static RoleBinding roleBinding(
            String namespace, String name, String roleKind, String roleName, Subject... subjects) {
        return new RoleBindingBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", roleKind, roleName)
                .withSubjects(subjects)
                .build();
    }

    /** A snapshot of exactly these objects (no built-in roles). */
    public static RbacSnapshot snapshot(Object... objects) {
        return snapshot(BuiltinMode.NONE, objects);
    }

    public static RbacSnapshot snapshot(BuiltinMode mode, Object... objects) {
        RbacObjects.Builder builder = new RbacObjects.Builder();
        for (Object object : objects) {
            builder.add(object);
        }
        return SnapshotAssembler.assemble(builder.build(), mode);
    }
}
