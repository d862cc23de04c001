package io.kubelpa.tightening;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.kubelpa.authz.SubjectRef;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.RbacSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * A binding of the snapshot with the role it resolves to: ClusterRoleBindings and RoleBindings alike,
 * with their scope ("" for cluster-wide), subjects and the role's effective rules.
 */
public record BoundRole(
        ObjectRef binding,
        String namespace,
        List<Subject> subjects,
        RbacSnapshot.RoleResolution role,
        HasMetadata object) {

    public BoundRole {
        subjects = subjects == null ? List.of() : List.copyOf(subjects);
    }

    /** Every binding of the snapshot, ClusterRoleBindings first, each in the snapshot's order. */
    public static List<BoundRole> all(RbacSnapshot snapshot) {
        List<BoundRole> all = new ArrayList<>();
        for (ClusterRoleBinding b : snapshot.clusterRoleBindings()) {
            all.add(new BoundRole(
                    ObjectRef.clusterRoleBinding(b.getMetadata().getName()),
                    "",
                    b.getSubjects(),
                    snapshot.resolve(b.getRoleRef(), ""),
                    b));
        }
        for (RoleBinding b : snapshot.roleBindings()) {
            String namespace = b.getMetadata().getNamespace();
            all.add(new BoundRole(
                    ObjectRef.roleBinding(namespace, b.getMetadata().getName()),
                    namespace,
                    b.getSubjects(),
                    snapshot.resolve(b.getRoleRef(), namespace),
                    b));
        }
        return all;
    }

    public boolean clusterWide() {
        return namespace.isEmpty();
    }

    public List<PolicyRule> rules() {
        return role.rules();
    }

    public List<SubjectRef> subjectRefs() {
        return subjects.stream().map(s -> SubjectRef.of(s, namespace)).toList();
    }
}
