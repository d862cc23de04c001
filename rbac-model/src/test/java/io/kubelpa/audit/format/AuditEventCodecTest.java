package io.kubelpa.audit.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubelpa.audit.AuditEvent;
import io.kubelpa.audit.ObjectReference;
import io.kubelpa.audit.Stage;
import io.kubelpa.authz.UserInfo;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditEventCodecTest {
    @Test
    void roundTripsEveryField() {
        AuditEvent full = new AuditEvent(
                "id-1",
                Stage.PANIC,
                "Request",
                "create",
                "/apis/rbac.authorization.k8s.io/v1/clusterroles",
                new UserInfo("admin", List.of("system:masters", "ops")),
                new UserInfo("bob", "u-42", List.of("dev"), Map.of("scopes", List.of("view", "edit"))),
                new ObjectReference("rbac.authorization.k8s.io", "clusterroles", "", "", "r"),
                201,
                "allow",
                "RBAC: allowed by ClusterRoleBinding \"x\" of ClusterRole \"y\" to User \"admin\"",
                1_714_557_600_000_001L,
                true,
                "{\"kind\":\"ClusterRole\"}");
        assertThat(AuditEventCodec.decode(AuditEventCodec.encode(full))).isEqualTo(full);
        AuditEvent sparse = new AuditEvent(
                "id-2",
                Stage.RESPONSE_COMPLETE,
                "",
                "get",
                "/healthz",
                new UserInfo("a", List.of()),
                null,
                null,
                0,
                null,
                null,
                -1,
                false,
                null);
        assertThat(AuditEventCodec.decode(AuditEventCodec.encode(sparse))).isEqualTo(sparse);
    }

    @Test
    void keepsStringsThatUtf8CannotCarry() {
        // JSON may escape half a surrogate pair ("\ud800"); a pair, and the rest, stay UTF-8.
        AuditEvent odd = new AuditEvent(
                "id-\ud800",
                Stage.RESPONSE_COMPLETE,
                "?\udfff",
                "get?",
                "/api/v1/x\udc00y",
                new UserInfo("bob\ud83d", List.of("g\ud83d\ude00", "\ud83d\ude00")),
                null,
                null,
                200,
                null,
                null,
                0,
                false,
                null);
        assertThat(AuditEventCodec.decode(AuditEventCodec.encode(odd))).isEqualTo(odd);
    }

    @Test
    void readsAndWritesTheBytesOfEarlierVersionsSoSavedStateStaysReadable() {
        // written by the DataOutputStream-based encoder this one replaced (same format version)
        String earlier =
                "02fffffffb00690064002dd800020000000000000003676574fffffff4002f006100700069002f00760031002f0078dc000079"
                        + "fffffffb0062006f0062d83d00000003752d31000000020000000567f09f988000000003646576000000010000000673636f7065730000"
                        + "0001000000047669657701000000036576650000000000000001000000036f7073000000000100000004617070730000000b6465706c6f"
                        + "796d656e7473000000057363616c65000000047465616d00000003776562000000c90100000005616c6c6f770100000007524241433a20"
                        + "78000617618cb1e8010101000000027b7d";
        AuditEvent event = new AuditEvent(
                "id-\ud800",
                Stage.RESPONSE_COMPLETE,
                "",
                "get",
                "/api/v1/x\udc00y",
                new UserInfo("bob\ud83d", "u-1", List.of("g\ud83d\ude00", "dev"), Map.of("scopes", List.of("view"))),
                new UserInfo("eve", List.of("ops")),
                new ObjectReference("apps", "deployments", "scale", "team", "web"),
                201,
                "allow",
                "RBAC: x",
                1_714_557_600_000_001L,
                true,
                "{}");
        assertThat(HexFormat.of().formatHex(AuditEventCodec.encode(event))).isEqualTo(earlier);
        assertThat(AuditEventCodec.decode(HexFormat.of().parseHex(earlier))).isEqualTo(event);
    }

    @Test
    void aTruncatedEncodingIsAClearError() {
        byte[] whole = AuditEventCodec.encode(new AuditEvent(
                "id-3",
                Stage.RESPONSE_COMPLETE,
                "",
                "get",
                "/healthz",
                new UserInfo("a", List.of()),
                null,
                null,
                0,
                null,
                null,
                5,
                false,
                null));
        for (int length = 1; length < whole.length; length++) {
            byte[] cut = Arrays.copyOf(whole, length);
            assertThatThrownBy(() -> AuditEventCodec.decode(cut)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
