package io.kubelpa.ownership;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.RbacSnapshot;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The owner of every RBAC object of a snapshot, a policy's overrides first. */
public final class Owners {
    /** Objects kube-lpa adds from its own definition of the bootstrap policy. */
    static final Ownership BUILTIN =
            new Ownership(Owner.PLATFORM, "kube-lpa's definition of the Kubernetes bootstrap policy");

    private final Map<ObjectRef, Ownership> owners = new HashMap<>();
    private final List<OwnershipOverride> overrides;

    private Owners(List<OwnershipOverride> overrides) {
        this.overrides = List.copyOf(overrides);
    }

    public static Owners of(RbacSnapshot snapshot) {
        return of(snapshot, List.of());
    }

    public static Owners of(RbacSnapshot snapshot, List<OwnershipOverride> overrides) {
        Owners owners = new Owners(overrides);
        List.of(snapshot.clusterRoles(), snapshot.roles(), snapshot.clusterRoleBindings(), snapshot.roleBindings())
                .forEach(objects -> objects.forEach(object -> owners.classify(snapshot, object)));
        return owners;
    }

    private void classify(RbacSnapshot snapshot, HasMetadata object) {
        ObjectRef ref = ObjectRef.of(object);
        owners.put(
                ref,
                overrides.stream()
                        .filter(o -> o.objects().matches(ref))
                        .findFirst()
                        .map(OwnershipOverride::ownership)
                        .orElseGet(() -> snapshot.isBuiltin(ref) ? BUILTIN : OwnershipRules.of(object)));
    }

    /** The object's owner; an object the snapshot does not hold is the user's. */
    public Ownership of(ObjectRef ref) {
        return owners.getOrDefault(ref, Ownership.YOURS);
    }

    public boolean isPlatform(ObjectRef ref) {
        return of(ref).isPlatform();
    }

    /**
     * Who answers for a grant: the binding's owner when there is one; a role's owner, except that a
     * platform role held through a binding that is not the platform's is the concern of that binding's
     * owner (who can rebind); with neither (a subject), the platform only when every binding holding
     * the subject is the platform's.
     */
    public Ownership responsibleFor(ObjectRef binding, ObjectRef role, Collection<ObjectRef> holdingBindings) {
        if (binding != null) {
            return of(binding);
        }
        if (role != null && !of(role).isPlatform()) {
            return of(role);
        }
        for (ObjectRef holding : holdingBindings) {
            Ownership through = of(holding);
            if (!through.isPlatform()) {
                String what = role == null ? "bound by " : "a platform role held through ";
                return new Ownership(through.owner(), what + holding + ": " + through.rule(), through.changeAt());
            }
        }
        if (role != null) {
            return of(role);
        }
        return holdingBindings.isEmpty()
                ? Ownership.YOURS
                : new Ownership(Owner.PLATFORM, "bound only by the platform's bindings");
    }
}
