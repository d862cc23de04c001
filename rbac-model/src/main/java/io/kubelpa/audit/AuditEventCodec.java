package io.kubelpa.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubelpa.authz.UserInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A compact, lossless byte form of {@link AuditEvent}, for passing events between distributed
 * operators and keeping them in state without a general-purpose serializer.
 */
public final class AuditEventCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditEventCodec() {}

    public static byte[] encode(AuditEvent event) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", event.auditID()).put("st", event.stage().wireName()).put("lv", event.level())
                .put("vb", event.verb()).put("uri", event.requestURI()).put("code", event.responseCode())
                .put("t", event.timeMicros()).put("dg", event.degraded());
        user(node.putObject("u"), event.user());
        if (event.impersonatedUser() != null) {
            user(node.putObject("iu"), event.impersonatedUser());
        }
        if (event.objectRef() != null) {
            ObjectReference ref = event.objectRef();
            node.putObject("or").put("g", ref.apiGroup()).put("r", ref.resource()).put("s", ref.subresource())
                    .put("ns", ref.namespace()).put("n", ref.name());
        }
        if (event.decision() != null) {
            node.put("dc", event.decision());
        }
        if (event.reason() != null) {
            node.put("rs", event.reason());
        }
        if (event.rbacObjectJson() != null) {
            node.put("rbac", event.rbacObjectJson());
        }
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static AuditEvent decode(byte[] bytes) {
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode ref = node.get("or");
        return new AuditEvent(
                node.get("id").asText(),
                Stage.parse(node.get("st").asText()),
                node.get("lv").asText(),
                node.get("vb").asText(),
                node.get("uri").asText(),
                user(node.get("u")),
                node.has("iu") ? user(node.get("iu")) : null,
                ref == null ? null : new ObjectReference(ref.get("g").asText(), ref.get("r").asText(), ref.get("s").asText(),
                        ref.get("ns").asText(), ref.get("n").asText()),
                node.get("code").asInt(),
                node.has("dc") ? node.get("dc").asText() : null,
                node.has("rs") ? node.get("rs").asText() : null,
                node.get("t").asLong(),
                node.get("dg").asBoolean(),
                node.has("rbac") ? node.get("rbac").asText() : null);
    }

    private static void user(ObjectNode node, UserInfo user) {
        node.put("n", user.name());
        ArrayNode groups = node.putArray("g");
        user.groups().forEach(groups::add);
    }

    private static UserInfo user(JsonNode node) {
        List<String> groups = new ArrayList<>();
        node.get("g").forEach(g -> groups.add(g.asText()));
        return new UserInfo(node.get("n").asText(), groups);
    }
}
