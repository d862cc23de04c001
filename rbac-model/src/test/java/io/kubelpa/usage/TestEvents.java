package io.kubelpa.usage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubelpa.audit.format.AuditRecordDecoder;
import io.kubelpa.audit.format.DecodeResult;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Builds audit.k8s.io/v1 events as JSON, the way the API server writes them. */
final class TestEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Instant T0 = Instant.parse("2025-05-01T10:00:00Z");

    private final ObjectNode event = JSON.createObjectNode();

    private TestEvents(String auditID, String verb, String uri) {
        event.put("kind", "Event")
                .put("apiVersion", "audit.k8s.io/v1")
                .put("level", "Metadata")
                .put("auditID", auditID)
                .put("stage", "ResponseComplete")
                .put("requestURI", uri)
                .put("verb", verb);
        event.putObject("responseStatus").put("code", 200);
        at(0);
    }

    static TestEvents request(String auditID, String verb, String uri) {
        return new TestEvents(auditID, verb, uri);
    }

    TestEvents by(String username, String... groups) {
        ObjectNode user = event.putObject("user").put("username", username);
        var array = user.putArray("groups");
        for (String group : groups) {
            array.add(group);
        }
        return this;
    }

    TestEvents as(String username, String... groups) {
        ObjectNode user = event.putObject("impersonatedUser").put("username", username);
        var array = user.putArray("groups");
        for (String group : groups) {
            array.add(group);
        }
        return this;
    }

    TestEvents impersonatedUid(String uid, String extraKey, String... extraValues) {
        ObjectNode user = (ObjectNode) event.get("impersonatedUser");
        user.put("uid", uid);
        var values = user.putObject("extra").putArray(extraKey);
        for (String value : extraValues) {
            values.add(value);
        }
        return this;
    }

    TestEvents stage(String stage) {
        event.put("stage", stage);
        return this;
    }

    TestEvents code(int code) {
        ((ObjectNode) event.get("responseStatus")).put("code", code);
        return this;
    }

    TestEvents decision(String decision, String reason) {
        ObjectNode annotations = event.putObject("annotations").put("authorization.k8s.io/decision", decision);
        if (reason != null) {
            annotations.put("authorization.k8s.io/reason", reason);
        }
        return this;
    }

    TestEvents at(long secondsAfterT0) {
        event.put("stageTimestamp", T0.plusSeconds(secondsAfterT0).toString());
        return this;
    }

    TestEvents objectRef(String group, String resource, String namespace, String name) {
        event.putObject("objectRef")
                .put("apiGroup", group)
                .put("resource", resource)
                .put("namespace", namespace)
                .put("name", name);
        return this;
    }

    TestEvents responseObject(String json) {
        try {
            event.set("responseObject", JSON.readTree(json));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
        return this;
    }

    DecodeResult decoded() {
        return new AuditRecordDecoder().decode(event.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return event.toString();
    }

    static long micros(long secondsAfterT0) {
        return T0.plusSeconds(secondsAfterT0).getEpochSecond() * 1_000_000L;
    }
}
