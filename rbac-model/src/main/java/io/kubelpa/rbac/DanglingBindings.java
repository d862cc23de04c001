package io.kubelpa.rbac;

import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.ArrayList;
import java.util.List;

/**
 * Bindings whose roleRef points at a role that does not exist. The API server accepts them and the
 * authorizer skips them with an error; they grant nothing until the role appears, which makes them a
 * trap (creating a role of that name silently grants it).
 */
public final class DanglingBindings {
    private DanglingBindings() {}

    public record Dangling(ObjectRef binding, ObjectRef role, String error) {}

    public static List<Dangling> find(RbacSnapshot snapshot) {
        List<Dangling> dangling = new ArrayList<>();
        for (ClusterRoleBinding binding : snapshot.clusterRoleBindings()) {
            RbacSnapshot.RoleResolution resolution = snapshot.resolve(binding.getRoleRef(), "");
            if (resolution.isMissing()) {
                dangling.add(new Dangling(
                        ObjectRef.clusterRoleBinding(binding.getMetadata().getName()),
                        resolution.role(),
                        resolution.error()));
            }
        }
        for (RoleBinding binding : snapshot.roleBindings()) {
            String namespace = binding.getMetadata().getNamespace();
            RbacSnapshot.RoleResolution resolution = snapshot.resolve(binding.getRoleRef(), namespace);
            if (resolution.isMissing()) {
                dangling.add(new Dangling(
                        ObjectRef.roleBinding(namespace, binding.getMetadata().getName()),
                        resolution.role(),
                        resolution.error()));
            }
        }
        return dangling;
    }
}
