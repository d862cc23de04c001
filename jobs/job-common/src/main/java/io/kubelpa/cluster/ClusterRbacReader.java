package io.kubelpa.cluster;

import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubelpa.rbac.RbacObjects;
import java.util.function.Function;

/**
 * Reads the four RBAC kinds from a live cluster through the Kubernetes list API, page by page
 * ({@code limit} and {@code continue}), so large clusters are read without one huge response.
 */
public final class ClusterRbacReader {
    public static final long DEFAULT_PAGE_SIZE = 500;

    private final KubernetesClient client;
    private final long pageSize;

    public ClusterRbacReader(KubernetesClient client, long pageSize) {
        if (pageSize <= 0) {
            throw new IllegalArgumentException("pageSize (" + pageSize + ") must be positive");
        }
        this.client = client;
        this.pageSize = pageSize;
    }

    public RbacObjects read() {
        RbacObjects.Builder objects = new RbacObjects.Builder();
        readAll(options -> client.rbac().clusterRoles().list(options), objects);
        readAll(options -> client.rbac().clusterRoleBindings().list(options), objects);
        readAll(options -> client.rbac().roles().inAnyNamespace().list(options), objects);
        readAll(options -> client.rbac().roleBindings().inAnyNamespace().list(options), objects);
        return objects.build();
    }

    private <T extends io.fabric8.kubernetes.api.model.HasMetadata> void readAll(
            Function<ListOptions, ? extends KubernetesResourceList<T>> lister, RbacObjects.Builder objects) {
        String continueToken = null;
        do {
            ListOptions options = new ListOptionsBuilder()
                    .withLimit(pageSize)
                    .withContinue(continueToken)
                    .build();
            KubernetesResourceList<T> page = lister.apply(options);
            page.getItems().forEach(objects::add);
            continueToken =
                    page.getMetadata() == null ? null : page.getMetadata().getContinue();
        } while (continueToken != null && !continueToken.isEmpty());
    }
}
