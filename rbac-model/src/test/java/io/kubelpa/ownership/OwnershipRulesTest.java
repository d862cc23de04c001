package io.kubelpa.ownership;

import static io.kubelpa.testing.RbacFixtures.clusterRole;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OwnershipRulesTest {
    @Test
    void platformMarksMakeAnObjectThePlatforms() {
        assertThat(owner(labelled("kubernetes.io/bootstrapping", "rbac-defaults")))
                .isEqualTo(Owner.PLATFORM);
        assertThat(owner(annotated("rbac.authorization.kubernetes.io/autoupdate", "false")))
                .isEqualTo(Owner.PLATFORM);
        assertThat(owner(clusterRole("system:coredns"))).isEqualTo(Owner.PLATFORM);
        assertThat(owner(labelled("addonmanager.kubernetes.io/mode", "Reconcile")))
                .isEqualTo(Owner.PLATFORM);
        assertThat(owner(labelled("kubernetes.io/cluster-service", "true"))).isEqualTo(Owner.PLATFORM);
        assertThat(owner(labelled("kubernetes.azure.com/managedby", "aks"))).isEqualTo(Owner.PLATFORM);
        assertThat(owner(clusterRole("eks:node-manager"))).isEqualTo(Owner.PLATFORM);
        assertThat(owner(labelled("eks.amazonaws.com/component", "coredns"))).isEqualTo(Owner.PLATFORM);
        assertThat(owner(annotated("include.release.openshift.io/self-managed-high-availability", "true")))
                .isEqualTo(Owner.PLATFORM);
    }

    @Test
    void controllerAndInstallerMarksMakeAnObjectManaged() {
        ClusterRole owned = clusterRole("operator-owned");
        owned.getMetadata()
                .setOwnerReferences(List.of(new OwnerReferenceBuilder()
                        .withKind("Deployment")
                        .withName("op")
                        .withUid("1")
                        .build()));
        assertThat(owner(owned)).isEqualTo(Owner.MANAGED);
        assertThat(owner(labelled("app.kubernetes.io/managed-by", "Helm"))).isEqualTo(Owner.MANAGED);
        assertThat(owner(annotated("meta.helm.sh/release-name", "ingress"))).isEqualTo(Owner.MANAGED);
        assertThat(owner(labelled("olm.owner", "etcd.v1"))).isEqualTo(Owner.MANAGED);
        assertThat(owner(annotated("argocd.argoproj.io/tracking-id", "app:rbac.authorization.k8s.io/ClusterRole:/x")))
                .isEqualTo(Owner.MANAGED);
        assertThat(owner(labelled("kustomize.toolkit.fluxcd.io/name", "infra"))).isEqualTo(Owner.MANAGED);
    }

    @Test
    void everythingElseIsTheUsersAndThePlatformWinsOverAnInstaller() {
        assertThat(OwnershipRules.of(clusterRole("payments-reader"))).isEqualTo(Ownership.YOURS);
        assertThat(owner(labelled("app.kubernetes.io/managed-by", "kustomize"))).isEqualTo(Owner.YOURS);
        assertThat(owner(labelled("kubernetes.io/bootstrapping", "something-else")))
                .isEqualTo(Owner.YOURS);
        assertThat(owner(clusterRole("my-system:role"))).isEqualTo(Owner.YOURS);
        ClusterRole both = labelled("app.kubernetes.io/managed-by", "Helm");
        both.getMetadata().getLabels().put("addonmanager.kubernetes.io/mode", "EnsureExists");
        assertThat(OwnershipRules.of(both).owner()).isEqualTo(Owner.PLATFORM);
        assertThat(OwnershipRules.of(both).rule()).contains("addonmanager.kubernetes.io/mode");
        ClusterRole chart = labelled("app.kubernetes.io/managed-by", "Helm");
        chart.getMetadata().getLabels().put("kubernetes.io/cluster-service", "true");
        assertThat(owner(chart)).as("a community chart's old add-on label").isEqualTo(Owner.MANAGED);
    }

    private static Owner owner(ClusterRole role) {
        return OwnershipRules.of(role).owner();
    }

    private static ClusterRole labelled(String key, String value) {
        ClusterRole role = clusterRole("some-role");
        role.getMetadata().setLabels(new HashMap<>(Map.of(key, value)));
        return role;
    }

    private static ClusterRole annotated(String key, String value) {
        ClusterRole role = clusterRole("some-role");
        role.getMetadata().setAnnotations(new HashMap<>(Map.of(key, value)));
        return role;
    }
}
