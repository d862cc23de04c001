package io.kubelpa.tightening;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.kubelpa.ownership.Owners;
import io.kubelpa.ownership.Ownership;
import io.kubelpa.rbac.ClusterRoleAggregator;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.RbacKind;
import io.kubelpa.rbac.RbacSnapshot;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which roles kube-lpa may edit in place. Not the bootstrap roles (the API server reconciles them
 * back at start), not aggregated ClusterRoles (the controller rewrites their rules), and not a
 * ClusterRole that another one aggregates (narrowing it would narrow the aggregate for everyone), and
 * nothing that belongs to the platform.
 */
public final class RoleOwnership {
    private static final Set<String> USER_FACING_BOOTSTRAP = Set.of("cluster-admin", "admin", "edit", "view");
    private static final String PLATFORM_AGGREGATION_LABEL_PREFIX = "rbac.authorization.k8s.io/aggregate-to-";

    private final RbacSnapshot snapshot;
    private final Owners owners;

    public RoleOwnership(RbacSnapshot snapshot, Owners owners) {
        this.snapshot = snapshot;
        this.owners = owners;
    }

    public boolean editable(ObjectRef role) {
        return reasonNotEditable(role).isEmpty();
    }

    /** Why the role must not be edited in place, if it must not. */
    public Optional<String> reasonNotEditable(ObjectRef role) {
        if (snapshot.isBuiltin(role)) {
            return Optional.of("it is a built-in role");
        }
        if (RbacKind.CLUSTER_ROLE.equals(role.kind())
                && (USER_FACING_BOOTSTRAP.contains(role.name()) || role.name().startsWith("system:"))) {
            return Optional.of("it is a bootstrap role, which the API server reconciles");
        }
        Ownership owner = owners.of(role);
        if (owner.isPlatform()) {
            return Optional.of("it belongs to the platform: " + owner.rule());
        }
        if (!RbacKind.CLUSTER_ROLE.equals(role.kind())) {
            return Optional.empty();
        }
        Optional<ClusterRole> clusterRole = snapshot.clusterRole(role.name());
        if (clusterRole.isEmpty()) {
            return Optional.empty();
        }
        if (ClusterRoleAggregator.isAggregated(clusterRole.get())) {
            return Optional.of("it is an aggregated ClusterRole, whose rules the controller manages");
        }
        for (ClusterRole other : snapshot.clusterRoles()) {
            if (ClusterRoleAggregator.selects(other, clusterRole.get())) {
                return Optional.of("it is aggregated into ClusterRole "
                        + other.getMetadata().getName());
            }
        }
        // The cluster's own aggregating roles (admin, edit, view, and their like on distributions) select by
        // these labels whether or not the snapshot holds them: narrowing the role would narrow them for everyone.
        Map<String, String> labels = clusterRole.get().getMetadata().getLabels();
        Optional<String> platformAggregation = labels == null
                ? Optional.empty()
                : labels.keySet().stream()
                        .filter(key -> key.startsWith(PLATFORM_AGGREGATION_LABEL_PREFIX))
                        .sorted()
                        .findFirst();
        return platformAggregation.map(key -> "it is aggregated into the cluster's own roles (label " + key + ")");
    }
}
