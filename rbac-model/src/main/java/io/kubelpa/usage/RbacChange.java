package io.kubelpa.usage;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubelpa.audit.AuditEvent;
import io.kubelpa.audit.ObjectReference;
import io.kubelpa.audit.Outcome;
import io.kubelpa.rbac.ManifestException;
import io.kubelpa.rbac.ManifestReader;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.RbacObjects;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A successful write of an RBAC object seen in the audit log. With the stored object (Request level
 * and above, or a response) it updates the snapshot from that time on; without it (Metadata level)
 * only the fact that the object changed is known, and its evidence becomes partial.
 */
public record RbacChange(long timeMicros, ObjectRef ref, HasMetadata object, boolean deleted, String auditID) {

    private static final Map<String, String> KINDS = Map.of(
            "roles",
            "Role",
            "clusterroles",
            "ClusterRole",
            "rolebindings",
            "RoleBinding",
            "clusterrolebindings",
            "ClusterRoleBinding");
    private static final Set<String> WRITES = Set.of("create", "update", "patch", "delete");
    private static final ManifestReader READER = new ManifestReader();

    /** Whether the object's new content is unknown (Metadata-level audit). */
    public boolean partial() {
        return object == null && !deleted;
    }

    /** Whether the event is a successful write of an RBAC object (cheap: the body is not read). */
    public static boolean isRbacWrite(AuditEvent event) {
        ObjectReference objectRef = event.objectRef();
        return objectRef != null
                && "rbac.authorization.k8s.io".equals(objectRef.apiGroup())
                && KINDS.containsKey(objectRef.resource())
                && objectRef.subresource().isEmpty()
                && !objectRef.name().isEmpty()
                && WRITES.contains(event.verb())
                && Outcome.of(event) == Outcome.ALLOWED
                && event.responseCode() >= 200
                && event.responseCode() <= 299;
    }

    public static Optional<RbacChange> of(AuditEvent event) {
        if (!isRbacWrite(event)) {
            return Optional.empty();
        }
        ObjectReference objectRef = event.objectRef();
        String kind = KINDS.get(objectRef.resource());
        String namespace = kind.startsWith("Cluster") ? "" : objectRef.namespace();
        ObjectRef ref = new ObjectRef(kind, objectRef.name(), namespace);
        return Optional.of(
                "delete".equals(event.verb())
                        ? new RbacChange(event.timeMicros(), ref, null, true, event.auditID())
                        : new RbacChange(event.timeMicros(), ref, parse(event), false, event.auditID()));
    }

    private static HasMetadata parse(AuditEvent event) {
        if (event.rbacObjectJson() == null) {
            return null;
        }
        try {
            RbacObjects objects = READER.readString("audit " + event.auditID(), event.rbacObjectJson())
                    .objects();
            List<? extends HasMetadata> all = List.of(
                            objects.roles(),
                            objects.clusterRoles(),
                            objects.roleBindings(),
                            objects.clusterRoleBindings())
                    .stream()
                    .flatMap(List::stream)
                    .map(o -> (HasMetadata) o)
                    .toList();
            return all.size() == 1 ? all.get(0) : null;
        } catch (ManifestException e) {
            return null;
        }
    }
}
