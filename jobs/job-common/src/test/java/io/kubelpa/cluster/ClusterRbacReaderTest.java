package io.kubelpa.cluster;

import static io.kubelpa.testing.Fixtures.clusterRole;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.kubelpa.rbac.RbacObjects;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ClusterRbacReaderTest {
    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void readsAllFourKindsFromTheListApi() {
        client.rbac().clusterRoles().resource(clusterRole("reader")).create();
        client.rbac()
                .clusterRoleBindings()
                .resource(new ClusterRoleBindingBuilder()
                        .withNewMetadata()
                        .withName("readers")
                        .endMetadata()
                        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "reader")
                        .addNewSubject("rbac.authorization.k8s.io", "Group", "devs", null)
                        .build())
                .create();
        client.rbac()
                .roles()
                .inNamespace("team")
                .resource(new RoleBuilder()
                        .withNewMetadata()
                        .withName("r")
                        .withNamespace("team")
                        .endMetadata()
                        .build())
                .create();
        client.rbac()
                .roleBindings()
                .inNamespace("other")
                .resource(new RoleBindingBuilder()
                        .withNewMetadata()
                        .withName("rb")
                        .withNamespace("other")
                        .endMetadata()
                        .withNewRoleRef("rbac.authorization.k8s.io", "Role", "r")
                        .build())
                .create();

        RbacObjects objects = new ClusterRbacReader(client, 2).read();

        assertThat(objects.clusterRoles())
                .extracting(r -> r.getMetadata().getName())
                .containsExactly("reader");
        assertThat(objects.clusterRoleBindings())
                .extracting(ClusterRoleBinding::getRoleRef)
                .extracting(r -> r.getName())
                .containsExactly("reader");
        assertThat(objects.roles())
                .extracting(r -> r.getMetadata().getNamespace())
                .containsExactly("team");
        assertThat(objects.roleBindings())
                .extracting(r -> r.getMetadata().getNamespace())
                .containsExactly("other");
    }
}
