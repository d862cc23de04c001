package io.kubelpa.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuiltinPolicyTest {
    @Test
    void definesTheUserFacingRolesAndTheirBindings() {
        RbacObjects builtin = BuiltinPolicy.objects();
        ClusterRole clusterAdmin = builtin.clusterRoles().stream()
                .filter(r -> r.getMetadata().getName().equals("cluster-admin"))
                .findFirst()
                .orElseThrow();
        assertThat(clusterAdmin.getRules())
                .extracting(PolicyRuleKey::of)
                .containsExactly(
                        new PolicyRuleKey(List.of("*"), List.of("*"), List.of("*"), List.of(), List.of()),
                        new PolicyRuleKey(List.of("*"), List.of(), List.of(), List.of(), List.of("*")));
        assertThat(builtin.clusterRoles())
                .extracting(r -> r.getMetadata().getName())
                .contains(
                        "admin",
                        "edit",
                        "view",
                        "system:aggregate-to-view",
                        "system:node",
                        "system:controller:job-controller");
        assertThat(builtin.clusterRoleBindings())
                .extracting(b -> b.getMetadata().getName())
                .contains("cluster-admin", "system:basic-user", "system:discovery");
        assertThat(builtin.roles())
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.getMetadata().getNamespace()).isNotEmpty());
        assertThat(builtin.clusterRoles())
                .allSatisfy(r -> assertThat(r.getMetadata().getLabels())
                        .containsEntry("kubernetes.io/bootstrapping", "rbac-defaults"));
    }

    @Test
    void viewExcludesSecretsByDesignAndEditAggregatesView() {
        RbacSnapshot snapshot = SnapshotAssembler.assemble(BuiltinPolicy.objects(), BuiltinMode.NONE);
        assertThat(snapshot.clusterRole("view").orElseThrow().getRules())
                .noneMatch(r -> r.getResources() != null && r.getResources().contains("secrets"));
        assertThat(snapshot.clusterRole("edit").orElseThrow().getRules())
                .anyMatch(r -> r.getResources() != null && r.getResources().contains("secrets"))
                .anyMatch(r -> r.getResources() != null && r.getResources().contains("controllerrevisions"));
    }

    @Test
    void comparisonFindsChangedRulesAndUnknownBootstrapObjects() {
        RbacObjects builtin = BuiltinPolicy.objects();
        assertThat(BuiltinPolicyComparison.differences(builtin, builtin)).isEmpty();

        List<ClusterRole> changed = new ArrayList<>();
        for (ClusterRole role : builtin.clusterRoles()) {
            changed.add(
                    role.getMetadata().getName().equals("system:discovery")
                            ? new ClusterRoleBuilder(role)
                                    .withRules(io.kubelpa.testing.RbacFixtures.rule("verbs=get urls=/x"))
                                    .build()
                            : role);
        }
        changed.add(new ClusterRoleBuilder()
                .withNewMetadata()
                .withName("system:new-in-1.37")
                .addToLabels(BuiltinPolicy.BOOTSTRAP_LABEL, BuiltinPolicy.BOOTSTRAP_VALUE)
                .endMetadata()
                .build());
        RbacObjects other =
                new RbacObjects(builtin.roles(), changed, builtin.roleBindings(), builtin.clusterRoleBindings());
        assertThat(BuiltinPolicyComparison.differences(builtin, other))
                .hasSize(2)
                .anySatisfy(d -> assertThat(d).startsWith("ClusterRole/system:discovery: rules differ"))
                .anySatisfy(d -> assertThat(d)
                        .isEqualTo("ClusterRole/system:new-in-1.37: a bootstrap object kube-lpa does not know"));
    }
}
