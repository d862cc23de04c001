package io.kubelpa.audit.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelpa.audit.AuditEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** An RBAC write's body keeps what RBAC defines and what names and owns the object; nothing else survives decoding. */
class RbacObjectFieldsTest {
    private static final String WRITE =
            "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Request\",\"auditID\":\"w1\","
                    + "\"stage\":\"ResponseComplete\",\"requestURI\":\"/apis/rbac.authorization.k8s.io/v1/namespaces/a/roles\",\"verb\":\"create\","
                    + "\"user\":{\"username\":\"admin\"},\"objectRef\":{\"apiGroup\":\"rbac.authorization.k8s.io\",\"apiVersion\":\"v1\","
                    + "\"resource\":\"roles\",\"namespace\":\"a\",\"name\":\"reader\"},\"responseStatus\":{\"code\":201},"
                    + "\"requestObject\":{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\"Role\",\"data\":{\"password\":\"hunter2\"},"
                    + "\"metadata\":{\"name\":\"reader\",\"namespace\":\"a\",\"labels\":{\"team\":\"x\"},\"managedFields\":[{\"manager\":\"m\"}],"
                    + "\"annotations\":{\"kubectl.kubernetes.io/last-applied-configuration\":\"{\\\"data\\\":{\\\"password\\\":\\\"hunter2\\\"}}\","
                    + "\"owner\":\"team-x\"}},\"rules\":[{\"apiGroups\":[\"\"],\"resources\":[\"pods\"],\"verbs\":[\"get\"]}]},"
                    + "\"stageTimestamp\":\"2025-05-01T00:00:00Z\"}";

    @Test
    void aFieldNoRbacSchemaHasAndTheLastAppliedCopyAreDroppedByBothReaders() {
        AuditEvent streamed = new StreamingEventReader(
                        com.fasterxml.jackson.core.StreamReadConstraints.defaults(), java.util.Set.of())
                .read(WRITE.getBytes(StandardCharsets.UTF_8));
        AuditEvent general;
        try {
            general = NativeEventReader.read(new com.fasterxml.jackson.databind.ObjectMapper().readTree(WRITE));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        for (AuditEvent event : new AuditEvent[] {streamed, general}) {
            assertThat(event).isNotNull();
            String kept = event.rbacObjectJson();
            assertThat(kept)
                    .doesNotContain("hunter2", "password", "last-applied", "managedFields")
                    .contains("\"rules\"", "\"pods\"", "\"team\":\"x\"", "\"owner\":\"team-x\"", "\"name\":\"reader\"");
        }
    }
}
