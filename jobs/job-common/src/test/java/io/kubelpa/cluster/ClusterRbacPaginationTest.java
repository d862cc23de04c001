package io.kubelpa.cluster;

import static io.kubelpa.testing.Fixtures.clusterRole;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ListMetaBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingListBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleListBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingListBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleListBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.kubelpa.rbac.RbacObjects;
import org.junit.jupiter.api.Test;

/** The reader follows continue tokens page by page, as the Kubernetes list API hands them out. */
@EnableKubernetesMockClient
class ClusterRbacPaginationTest {
    private static final String CLUSTER_ROLES = "/apis/rbac.authorization.k8s.io/v1/clusterroles";

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void followsContinueTokensUntilTheLastPage() throws Exception {
        server.expect()
                .get()
                .withPath(CLUSTER_ROLES + "?limit=2")
                .andReturn(
                        200,
                        new ClusterRoleListBuilder()
                                .withMetadata(new ListMetaBuilder()
                                        .withContinue("page-2")
                                        .build())
                                .addToItems(clusterRole("a"), clusterRole("b"))
                                .build())
                .once();
        server.expect()
                .get()
                .withPath(CLUSTER_ROLES + "?continue=page-2&limit=2")
                .andReturn(
                        200,
                        new ClusterRoleListBuilder()
                                .withMetadata(new ListMetaBuilder().build())
                                .addToItems(clusterRole("c"))
                                .build())
                .once();
        server.expect()
                .get()
                .withPath("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings?limit=2")
                .andReturn(200, new ClusterRoleBindingListBuilder().build())
                .once();
        server.expect()
                .get()
                .withPath("/apis/rbac.authorization.k8s.io/v1/roles?limit=2")
                .andReturn(200, new RoleListBuilder().build())
                .once();
        server.expect()
                .get()
                .withPath("/apis/rbac.authorization.k8s.io/v1/rolebindings?limit=2")
                .andReturn(200, new RoleBindingListBuilder().build())
                .once();

        RbacObjects objects = new ClusterRbacReader(client, 2).read();

        assertThat(objects.clusterRoles())
                .extracting(r -> r.getMetadata().getName())
                .containsExactly("a", "b", "c");
        assertThat(server.getRequestCount()).isEqualTo(5);
    }
}
