package io.kubelpa.testing;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;

/** RBAC objects for the jobs module's tests. */
public final class Fixtures {
    private Fixtures() {}

    public static ClusterRole clusterRole(String name) {
        return new ClusterRoleBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .addToRules(new PolicyRuleBuilder()
                        .withApiGroups("")
                        .withResources("pods")
                        .withVerbs("get")
                        .build())
                .build();
    }
}
