package io.kubelpa.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubelpa.authz.SubjectRef;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.usage.GrantKey;
import io.kubelpa.usage.RequestShape;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class LedgerKeyTest {
    /** Characters that a naive encoding would take for its own: separators, digits, length marks. */
    private static final String ALPHABET = "ab:0\u00001+-9\u0085";

    @Test
    void everyKeyDecodesToItselfAndDifferentKeysNeverShareAnEncoding() {
        Random random = new Random(16);
        Map<String, LedgerKey> seen = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            LedgerKey key = randomKey(random);
            String encoded = key.encode();
            assertThat(LedgerKey.decode(encoded)).isEqualTo(key);
            LedgerKey before = seen.putIfAbsent(encoded, key);
            assertThat(before == null || before.equals(key))
                    .as("%s and %s share %s", before, key, encoded)
                    .isTrue();
        }
    }

    @Test
    void aSlotsKeysAndOnlyThoseStartWithItsPrefix() {
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            LedgerKey key = randomKey(random);
            long other = random.nextInt(3) * 10L + random.nextInt(2);
            assertThat(key.encode().startsWith(LedgerKey.slotPrefix(other))).isEqualTo(other == key.slot());
            assertThat(LedgerKey.slotOf(key.encode())).isEqualTo(key.slot());
        }
    }

    @Test
    void namesThatWouldMeetUnderAJoinWithSeparatorsStayApart() {
        RequestShape shape = new RequestShape("get", "", "pods", "", "a\u0000b", "", "");
        RequestShape shifted = new RequestShape("get", "", "pods", "", "a", "b", "");
        assertThat(new LedgerKey(1, "u", null, shape).encode())
                .isNotEqualTo(new LedgerKey(1, "u", null, shifted).encode());
        assertThat(new LedgerKey(1, "u\u0000x", null, shape).encode())
                .isNotEqualTo(new LedgerKey(1, "u", null, shape).encode());
    }

    @Test
    void whatIsNotAKeyIsRefusedWithAReason() {
        String key = new LedgerKey(5, "alice", null, new RequestShape("get", "", "pods", "", "", "", "")).encode();
        assertThatThrownBy(() -> LedgerKey.decode(key + "x")).hasMessageContaining("after it");
        assertThatThrownBy(() -> LedgerKey.decode(key.substring(0, key.length() - 3)))
                .hasMessageContaining("not a ledger key");
        assertThatThrownBy(() -> LedgerKey.slotOf("alice")).hasMessageContaining("no slot");
    }

    @Test
    void aUsageFactIsSerializedByFlinkFieldByFieldAndRoundTrips() throws Exception {
        TypeInformation<UsageFact> type = Types.POJO(UsageFact.class);
        assertThat(type).isInstanceOf(PojoTypeInfo.class);
        TypeSerializer<UsageFact> serializer = type.createSerializer(new ExecutionConfig().getSerializerConfig());
        Random random = new Random(3);
        for (int i = 0; i < 200; i++) {
            LedgerKey key = randomKey(random);
            UsageFact fact = new UsageFact(
                    key.username(), key.grant(), key.shape(), 1 + random.nextInt(9), 10, 20, new String[] {"id-" + i});
            DataOutputSerializer out = new DataOutputSerializer(64);
            serializer.serialize(fact, out);
            assertThat(serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer())))
                    .isEqualTo(fact);
        }
    }

    private static LedgerKey randomKey(Random random) {
        GrantKey grant = random.nextBoolean()
                ? null
                : new GrantKey(
                        new ObjectRef(pick(random, "RoleBinding", "ClusterRoleBinding"), word(random), word(random)),
                        new ObjectRef(pick(random, "Role", "ClusterRole"), word(random), word(random)),
                        random.nextInt(12) - 1,
                        new SubjectRef(pick(random, "User", "Group", "ServiceAccount"), word(random), word(random)));
        RequestShape shape = new RequestShape(
                word(random), word(random), word(random), word(random), word(random), word(random), word(random));
        return new LedgerKey(random.nextInt(3) * 10L, word(random), grant, shape);
    }

    private static String pick(Random random, String... values) {
        return values[random.nextInt(values.length)];
    }

    private static String word(Random random) {
        int length = random.nextInt(4);
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < length; i++) {
            word.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return word.toString();
    }
}
