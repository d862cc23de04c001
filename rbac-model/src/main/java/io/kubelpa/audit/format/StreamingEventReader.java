package io.kubelpa.audit.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubelpa.audit.AuditEvent;
import io.kubelpa.audit.ObjectReference;
import io.kubelpa.audit.Stage;
import io.kubelpa.audit.Timestamps;
import io.kubelpa.authz.UserInfo;
import io.kubelpa.rbac.RbacKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The fast path for the common record: one bare audit Event as JSON bytes. Pulls the needed fields
 * with a streaming parser and skips everything else (bodies included) without building a tree.
 * Returns null whenever the record is anything else (an envelope, a list, a malformed or incomplete
 * event), so the general decoder can take over and give the exact answer.
 */
final class StreamingEventReader {
    private static final Set<String> ENVELOPE_FIELDS =
            Set.of("items", "records", "logEvents", "messageType", "results", "protoPayload", "properties");
    private static final Set<String> RBAC_RESOURCES =
            Set.of("roles", "clusterroles", "rolebindings", "clusterrolebindings");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonFactory factory;
    private final Set<String> payloadFields;

    StreamingEventReader(StreamReadConstraints constraints, Set<String> payloadFields) {
        this.factory = JsonFactory.builder().streamReadConstraints(constraints).build();
        this.payloadFields = payloadFields;
    }

    AuditEvent read(byte[] bytes) {
        try (JsonParser parser = factory.createParser(bytes)) {
            return read(parser, bytes);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private AuditEvent read(JsonParser parser, byte[] bytes) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String auditID = null;
        String stage = null;
        String level = "";
        String verb = "";
        String uri = "";
        String kind = null;
        UserInfo user = null;
        UserInfo impersonated = null;
        ObjectReference objectRef = null;
        int code = 0;
        String decision = null;
        String reason = null;
        String stageTimestamp = null;
        String timestamp = null;
        String received = null;
        long[] requestBody = null;
        long[] responseBody = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (payloadFields.contains(field)) {
                return null;
            }
            switch (field) {
                case "auditID" -> auditID = text(parser, value);
                case "stage" -> stage = text(parser, value);
                case "level" -> level = orEmpty(text(parser, value));
                case "verb" -> verb = orEmpty(text(parser, value));
                case "requestURI" -> uri = orEmpty(text(parser, value));
                case "kind" -> kind = text(parser, value);
                case "user" -> user = user(parser, value);
                case "impersonatedUser" -> impersonated = user(parser, value);
                case "objectRef" -> objectRef = objectRef(parser, value);
                case "responseStatus" -> code = code(parser, value);
                case "annotations" -> {
                    if (value != JsonToken.START_OBJECT) {
                        parser.skipChildren();
                        continue;
                    }
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String key = parser.currentName();
                        JsonToken annotation = parser.nextToken();
                        if ("authorization.k8s.io/decision".equals(key)) {
                            decision = text(parser, annotation);
                        } else if ("authorization.k8s.io/reason".equals(key)) {
                            reason = text(parser, annotation);
                        } else {
                            parser.skipChildren();
                        }
                    }
                }
                case "stageTimestamp" -> stageTimestamp = text(parser, value);
                case "timestamp" -> timestamp = text(parser, value);
                case "requestReceivedTimestamp" -> received = text(parser, value);
                case "requestObject" -> requestBody = span(parser);
                case "responseObject" -> responseBody = span(parser);
                default -> {
                    if (ENVELOPE_FIELDS.contains(field)) {
                        return null;
                    }
                    parser.skipChildren();
                }
            }
        }
        if (parser.nextToken() != null
                || auditID == null
                || auditID.isEmpty()
                || user == null
                || user.name().isEmpty()
                || (kind != null && !"Event".equals(kind))) {
            return null;
        }
        Stage parsedStage;
        try {
            parsedStage = Stage.parse(stage);
        } catch (IllegalArgumentException e) {
            return null;
        }
        long time = Timestamps.parseMicros(
                stageTimestamp != null ? stageTimestamp : timestamp != null ? timestamp : received);
        if (time == Timestamps.ABSENT) {
            return null; // a missing or unreadable time: the general reader decides what it is
        }
        return new AuditEvent(
                auditID,
                parsedStage,
                level,
                verb,
                uri,
                user,
                impersonated,
                objectRef,
                code,
                decision,
                reason,
                time,
                false,
                rbacObject(bytes, objectRef, verb, requestBody, responseBody));
    }

    private static String text(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value.isStructStart()) {
            parser.skipChildren();
            return null;
        }
        return parser.getValueAsString();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static UserInfo user(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return null;
        }
        String name = "";
        String uid = "";
        List<String> groups = new ArrayList<>();
        Map<String, List<String>> extra = new TreeMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            if ("username".equals(field)) {
                name = orEmpty(text(parser, token));
            } else if ("uid".equals(field)) {
                uid = orEmpty(text(parser, token));
            } else if ("groups".equals(field) && token == JsonToken.START_ARRAY) {
                strings(parser, groups);
            } else if ("extra".equals(field) && token == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    List<String> values = new ArrayList<>();
                    if (parser.nextToken() == JsonToken.START_ARRAY) {
                        strings(parser, values);
                    } else {
                        parser.skipChildren();
                    }
                    extra.put(key, values);
                }
            } else {
                parser.skipChildren();
            }
        }
        return name.isEmpty() ? null : new UserInfo(name, uid, groups, extra);
    }

    /** The elements of the array the parser is at, as text (what the tree reader's asText gives). */
    private static void strings(JsonParser parser, List<String> into) throws IOException {
        JsonToken element;
        while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (element.isStructStart()) {
                parser.skipChildren();
                into.add("");
            } else {
                into.add(element == JsonToken.VALUE_NULL ? "null" : parser.getValueAsString());
            }
        }
    }

    private static ObjectReference objectRef(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return null;
        }
        String group = "";
        String resource = "";
        String subresource = "";
        String namespace = "";
        String name = "";
        String apiVersion = "";
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            switch (field) {
                case "apiGroup" -> group = orEmpty(text(parser, token));
                case "resource" -> resource = orEmpty(text(parser, token));
                case "subresource" -> subresource = orEmpty(text(parser, token));
                case "namespace" -> namespace = orEmpty(text(parser, token));
                case "name" -> name = orEmpty(text(parser, token));
                case "apiVersion" -> apiVersion = orEmpty(text(parser, token));
                default -> parser.skipChildren();
            }
        }
        if (group.isEmpty() && apiVersion.contains("/")) {
            group = apiVersion.substring(0, apiVersion.indexOf('/'));
        }
        return new ObjectReference(group, resource, subresource, namespace, name);
    }

    private static int code(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return 0;
        }
        int code = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            if ("code".equals(field) && token.isNumeric()) {
                code = parser.getIntValue();
            } else {
                parser.skipChildren();
            }
        }
        return code;
    }

    /** Byte offsets of a body, so it is only materialised when it turns out to be an RBAC object. */
    private static long[] span(JsonParser parser) throws IOException {
        long start = parser.currentTokenLocation().getByteOffset();
        parser.skipChildren();
        long end = parser.currentLocation().getByteOffset();
        return new long[] {start, end};
    }

    private static String rbacObject(byte[] bytes, ObjectReference ref, String verb, long[] request, long[] response) {
        if (ref == null
                || !RbacKind.GROUP.equals(ref.apiGroup())
                || !RBAC_RESOURCES.contains(ref.resource())
                || !ref.subresource().isEmpty()
                || !Set.of("create", "update", "patch", "delete").contains(verb)) {
            return null;
        }
        String body = rbacBody(bytes, response);
        if (body == null && !"patch".equals(verb)) {
            body = rbacBody(bytes, request);
        }
        return body;
    }

    private static String rbacBody(byte[] bytes, long[] span) {
        if (span == null || span[0] < 0 || span[1] > bytes.length || span[1] <= span[0]) {
            return null;
        }
        try {
            JsonNode body = JSON.readTree(bytes, (int) span[0], (int) (span[1] - span[0]));
            return body != null
                            && body.isObject()
                            && RbacKind.isRbacKind(body.path("kind").asText())
                    ? RbacObjectFields.kept(body).toString()
                    : null;
        } catch (IOException e) {
            return null;
        }
    }
}
