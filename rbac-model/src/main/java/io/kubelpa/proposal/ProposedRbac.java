package io.kubelpa.proposal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.RbacObjects;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The RBAC objects as they would be after some proposals: deletions first, then creations and replacements. */
public final class ProposedRbac {
    private ProposedRbac() {}

    public static RbacObjects apply(RbacObjects current, Collection<Proposal> proposals) {
        Map<ObjectRef, HasMetadata> objects = new LinkedHashMap<>();
        current.roles().forEach(o -> objects.put(ObjectRef.of(o), o));
        current.clusterRoles().forEach(o -> objects.put(ObjectRef.of(o), o));
        current.roleBindings().forEach(o -> objects.put(ObjectRef.of(o), o));
        current.clusterRoleBindings().forEach(o -> objects.put(ObjectRef.of(o), o));
        for (Proposal proposal : proposals) {
            proposal.deletions().forEach(objects::remove);
        }
        for (Proposal proposal : proposals) {
            proposal.upserts().forEach(o -> objects.put(ObjectRef.of(o), o));
        }
        RbacObjects.Builder builder = new RbacObjects.Builder();
        objects.values().forEach(builder::add);
        return builder.build();
    }
}
