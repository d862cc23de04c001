package io.kubelpa.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelpa.authz.UserInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditEventCodecTest {
    @Test
    void roundTripsEveryField() {
        AuditEvent full = new AuditEvent("id-1", Stage.PANIC, "Request", "create", "/apis/rbac.authorization.k8s.io/v1/clusterroles",
                new UserInfo("admin", List.of("system:masters", "ops")),
                new UserInfo("bob", "u-42", List.of("dev"), java.util.Map.of("scopes", List.of("view", "edit"))),
                new ObjectReference("rbac.authorization.k8s.io", "clusterroles", "", "", "r"), 201, "allow",
                "RBAC: allowed by ClusterRoleBinding \"x\" of ClusterRole \"y\" to User \"admin\"", 1_714_557_600_000_001L, true,
                "{\"kind\":\"ClusterRole\"}");
        assertThat(AuditEventCodec.decode(AuditEventCodec.encode(full))).isEqualTo(full);
        AuditEvent sparse = new AuditEvent("id-2", Stage.RESPONSE_COMPLETE, "", "get", "/healthz", new UserInfo("a", List.of()),
                null, null, 0, null, null, -1, false, null);
        assertThat(AuditEventCodec.decode(AuditEventCodec.encode(sparse))).isEqualTo(sparse);
    }

    @Test
    void keepsStringsThatUtf8CannotCarry() {
        // JSON may escape half a surrogate pair ("\ud800"); a pair, and the rest, stay UTF-8.
        AuditEvent odd = new AuditEvent("id-\ud800", Stage.RESPONSE_COMPLETE, "", "get", "/api/v1/x\udc00y",
                new UserInfo("bob\ud83d", List.of("g\ud83d\ude00", "\ud83d\ude00")), null, null, 200, null, null, 0, false, null);
        assertThat(AuditEventCodec.decode(AuditEventCodec.encode(odd))).isEqualTo(odd);
    }
}
