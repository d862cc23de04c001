package io.kubelpa.audit.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * The part of an RBAC object an audit event carries that kube-lpa keeps: what RBAC defines (rules,
 * aggregation, roleRef, subjects) and the metadata that names and owns it. Anything else a request
 * body holds — a field no RBAC schema has ({@code data.password}), the
 * {@code last-applied-configuration} copy of the whole request — is dropped where the event is read,
 * so it is neither kept in state nor written into proposals.
 */
public final class RbacObjectFields {
    private static final Set<String> TOP =
            Set.of("apiVersion", "kind", "metadata", "rules", "aggregationRule", "roleRef", "subjects");
    private static final Set<String> METADATA =
            Set.of("name", "namespace", "uid", "resourceVersion", "labels", "annotations", "ownerReferences");
    private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private RbacObjectFields() {}

    /** A copy of {@code object} with only the fields kube-lpa keeps. */
    public static ObjectNode kept(JsonNode object) {
        ObjectNode kept = JsonNodeFactory.instance.objectNode();
        object.fields().forEachRemaining(field -> {
            if (TOP.contains(field.getKey())) {
                kept.set(field.getKey(), field.getValue().deepCopy());
            }
        });
        if (kept.get("metadata") instanceof ObjectNode metadata) {
            metadata.retain(METADATA);
            if (metadata.get("annotations") instanceof ObjectNode annotations) {
                annotations.remove(LAST_APPLIED);
            }
        }
        return kept;
    }
}
