package io.kubelpa.audit.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubelpa.audit.AuditEvent;
import io.kubelpa.audit.ObjectReference;
import io.kubelpa.audit.Stage;
import io.kubelpa.audit.Timestamps;
import io.kubelpa.authz.UserInfo;
import io.kubelpa.rbac.RbacKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads one {@code audit.k8s.io} Event (v1 or v1beta1, with or without kind/apiVersion, with shipper
 * extras around it) from its JSON tree into an {@link AuditEvent}.
 */
final class NativeEventReader {
    private static final String RBAC_GROUP = "rbac.authorization.k8s.io";
    private static final Set<String> RBAC_RESOURCES =
            Set.of("roles", "clusterroles", "rolebindings", "clusterrolebindings");
    private static final Set<String> RBAC_WRITES = Set.of("create", "update", "patch", "delete");

    private NativeEventReader() {}

    static AuditEvent read(JsonNode event) throws RejectedRecord {
        String auditID = text(event, "auditID");
        if (auditID.isEmpty()) {
            throw new RejectedRecord("missing-audit-id", "an audit event needs an auditID");
        }
        JsonNode userNode = event.get("user");
        String username = userNode == null ? "" : text(userNode, "username");
        if (username.isEmpty()) {
            throw new RejectedRecord("missing-user", "audit event " + auditID + " has no user.username");
        }
        Stage stage;
        try {
            stage = Stage.parse(text(event, "stage"));
        } catch (IllegalArgumentException e) {
            throw new RejectedRecord("unknown-stage", e.getMessage());
        }
        JsonNode annotations = event.path("annotations");
        JsonNode objectRefNode = event.get("objectRef");
        ObjectReference objectRef =
                objectRefNode == null || !objectRefNode.isObject() ? null : objectRef(objectRefNode);
        String verb = text(event, "verb");
        String timeText = firstText(event, "stageTimestamp", "timestamp", "requestReceivedTimestamp");
        long time = Timestamps.parseMicros(timeText);
        if (time == Timestamps.ABSENT) {
            // No time ("", null) or one that is no time (1e300, month 13): counting the request would place it nowhere.
            throw new RejectedRecord(
                    timeText.isEmpty() ? "missing-timestamp" : "bad-timestamp",
                    "audit event " + auditID
                            + (timeText.isEmpty()
                                    ? " has no stageTimestamp, timestamp or requestReceivedTimestamp"
                                    : " has no RFC 3339 time: '"
                                            + timeText.substring(0, Math.min(40, timeText.length())) + "'"));
        }
        return new AuditEvent(
                auditID,
                stage,
                text(event, "level"),
                verb,
                text(event, "requestURI"),
                userInfo(userNode, username),
                impersonated(event.get("impersonatedUser")),
                objectRef,
                event.path("responseStatus").path("code").asInt(0),
                annotations.has("authorization.k8s.io/decision")
                        ? annotations.get("authorization.k8s.io/decision").asText()
                        : null,
                annotations.has("authorization.k8s.io/reason")
                        ? annotations.get("authorization.k8s.io/reason").asText()
                        : null,
                time,
                false,
                rbacObject(event, objectRef, verb));
    }

    private static UserInfo impersonated(JsonNode node) {
        if (node == null || !node.isObject() || text(node, "username").isEmpty()) {
            return null;
        }
        return userInfo(node, text(node, "username"));
    }

    private static UserInfo userInfo(JsonNode node, String username) {
        Map<String, List<String>> extra = new TreeMap<>();
        JsonNode extraNode = node.get("extra");
        if (extraNode != null && extraNode.isObject()) {
            extraNode.fields().forEachRemaining(e -> extra.put(e.getKey(), strings(e.getValue())));
        }
        return new UserInfo(username, text(node, "uid"), strings(node.get("groups")), extra);
    }

    private static ObjectReference objectRef(JsonNode node) {
        String apiGroup = text(node, "apiGroup");
        String apiVersion = text(node, "apiVersion");
        if (apiGroup.isEmpty() && apiVersion.contains("/")) {
            // v1alpha1 events wrote group and version together.
            apiGroup = apiVersion.substring(0, apiVersion.indexOf('/'));
        }
        return new ObjectReference(
                apiGroup,
                text(node, "resource"),
                text(node, "subresource"),
                text(node, "namespace"),
                text(node, "name"));
    }

    /** The stored RBAC object of an RBAC write: the response when recorded (patches only have it there), else the request. */
    private static String rbacObject(JsonNode event, ObjectReference objectRef, String verb) {
        if (objectRef == null
                || !RBAC_GROUP.equals(objectRef.apiGroup())
                || !RBAC_RESOURCES.contains(objectRef.resource())
                || !objectRef.subresource().isEmpty()
                || !RBAC_WRITES.contains(verb)) {
            return null;
        }
        JsonNode response = event.get("responseObject");
        if (response != null && response.isObject() && isRbacObject(response)) {
            return RbacObjectFields.kept(response).toString();
        }
        JsonNode request = event.get("requestObject");
        if (!"patch".equals(verb) && request != null && request.isObject() && isRbacObject(request)) {
            return RbacObjectFields.kept(request).toString();
        }
        return null;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? "" : value.asText();
    }

    private static String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            String value = text(node, field);
            if (!value.isEmpty()) {
                return value;
            }
        }
        return "";
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(v -> values.add(v.asText()));
        }
        return values;
    }

    /** Whether a body is one of the four RBAC kinds (not a Status or a DeleteOptions). */
    private static boolean isRbacObject(JsonNode body) {
        return RbacKind.isRbacKind(text(body, "kind"));
    }
}
