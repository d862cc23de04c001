package io.kubelpa.audit.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubelpa.audit.AuditEvent;
import io.kubelpa.audit.Stage;
import io.kubelpa.audit.Timestamps;
import io.kubelpa.authz.UserInfo;
import java.util.Arrays;
import java.util.List;

/**
 * Maps a GKE Cloud Logging {@code LogEntry} for the {@code k8s.io} service to an {@link AuditEvent}.
 * It is a translation, not a wrapper: the verb comes from {@code methodName}, the request path from
 * {@code resourceName}, the status is a gRPC code, and groups are never recorded, so the event is
 * marked degraded (group-bound grants cannot be attributed from it alone).
 */
final class GkeLogEntryReader {
    private GkeLogEntryReader() {}

    static boolean isKubernetesEntry(JsonNode entry) {
        return "k8s.io".equals(entry.path("protoPayload").path("serviceName").asText());
    }

    static AuditEvent read(JsonNode entry) throws RejectedRecord {
        JsonNode payload = entry.path("protoPayload");
        String auditID = NativeEventReader.text(entry, "insertId");
        if (auditID.isEmpty()) {
            auditID = entry.path("operation").path("id").asText("");
        }
        if (auditID.isEmpty()) {
            throw new RejectedRecord("missing-audit-id", "GKE LogEntry without insertId or operation.id");
        }
        String username =
                payload.path("authenticationInfo").path("principalEmail").asText("");
        if (username.isEmpty()) {
            throw new RejectedRecord(
                    "missing-user", "GKE LogEntry " + auditID + " has no authenticationInfo.principalEmail");
        }
        String method = payload.path("methodName").asText("");
        if (!method.startsWith("io.k8s.")) {
            throw new RejectedRecord(
                    "unknown-method", "GKE LogEntry " + auditID + " has methodName \"" + method + "\"");
        }
        String verb = method.substring(method.lastIndexOf('.') + 1);
        String resourceName = payload.path("resourceName").asText("");
        String requestURI = requestUri(resourceName, verb);
        JsonNode labels = entry.path("labels");
        return new AuditEvent(
                auditID,
                Stage.RESPONSE_COMPLETE,
                "",
                verb,
                requestURI,
                new UserInfo(username, List.of()),
                null,
                null,
                httpStatus(payload.path("status")),
                labels.has("authorization.k8s.io/decision")
                        ? labels.get("authorization.k8s.io/decision").asText()
                        : null,
                labels.has("authorization.k8s.io/reason")
                        ? labels.get("authorization.k8s.io/reason").asText()
                        : null,
                Timestamps.parseMicros(NativeEventReader.text(entry, "timestamp")),
                true,
                rbacObject(payload, requestURI, verb));
    }

    /**
     * {@code core/v1/namespaces/ns/pods/name} becomes {@code /api/v1/namespaces/ns/pods/name};
     * {@code apps/v1/...} becomes {@code /apis/apps/v1/...}; a non-resource path gets its slash back.
     * Creates name the created object, which the authorizer never saw, so that name is dropped.
     */
    static String requestUri(String resourceName, String verb) {
        String[] parts = resourceName.split("/");
        boolean resourcePath = parts.length >= 3 && parts[1].matches("v[0-9]+((alpha|beta)[0-9]+)?");
        if (!resourcePath) {
            return "/" + resourceName;
        }
        String path = "core".equals(parts[0])
                ? "/api/" + String.join("/", Arrays.copyOfRange(parts, 1, parts.length))
                : "/apis/" + resourceName;
        if ("create".equals(verb)) {
            String[] segments = path.substring(1).split("/");
            int resourceIndex = "api".equals(segments[0]) ? 2 : 3;
            if (segments.length > resourceIndex + 1
                    && "namespaces".equals(segments[resourceIndex])
                    && segments.length > resourceIndex + 2) {
                resourceIndex += 2;
            }
            if (segments.length == resourceIndex + 2) {
                path = path.substring(0, path.lastIndexOf('/'));
            }
        }
        return path;
    }

    /** gRPC status to the HTTP status the API server answered with. */
    private static int httpStatus(JsonNode status) {
        int code = status.path("code").asInt(0);
        return switch (code) {
            case 0 -> 200;
            case 3, 9, 11 -> 400;
            case 5 -> 404;
            case 6, 10 -> 409;
            case 7 -> 403;
            case 8 -> 429;
            case 16 -> 401;
            default -> 500;
        };
    }

    private static String rbacObject(JsonNode payload, String requestURI, String verb) {
        if (!requestURI.startsWith("/apis/rbac.authorization.k8s.io/") || "delete".equals(verb)) {
            return null;
        }
        JsonNode response = payload.get("response");
        if (response instanceof ObjectNode object
                && io.kubelpa.rbac.RbacKind.isRbacKind(object.path("kind").asText())) {
            ObjectNode copy = object.deepCopy();
            copy.remove("@type");
            return copy.toString();
        }
        return null;
    }
}
