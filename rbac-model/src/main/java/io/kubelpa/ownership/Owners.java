package io.kubelpa.ownership;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.RbacSnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The owner of every RBAC object of a snapshot. */
public final class Owners {
    /** Objects kube-lpa adds from its own definition of the bootstrap policy. */
    static final Ownership BUILTIN =
            new Ownership(Owner.PLATFORM, "kube-lpa's definition of the Kubernetes bootstrap policy");

    private final Map<ObjectRef, Ownership> owners = new HashMap<>();

    private Owners() {}

    public static Owners of(RbacSnapshot snapshot) {
        Owners owners = new Owners();
        List.of(snapshot.clusterRoles(), snapshot.roles(), snapshot.clusterRoleBindings(), snapshot.roleBindings())
                .forEach(objects -> objects.forEach(object -> owners.classify(snapshot, object)));
        return owners;
    }

    private void classify(RbacSnapshot snapshot, HasMetadata object) {
        ObjectRef ref = ObjectRef.of(object);
        owners.put(ref, snapshot.isBuiltin(ref) ? BUILTIN : OwnershipRules.of(object));
    }

    /** The object's owner; an object the snapshot does not hold is the user's. */
    public Ownership of(ObjectRef ref) {
        return owners.getOrDefault(ref, Ownership.YOURS);
    }

    public boolean isPlatform(ObjectRef ref) {
        return of(ref).isPlatform();
    }
}
