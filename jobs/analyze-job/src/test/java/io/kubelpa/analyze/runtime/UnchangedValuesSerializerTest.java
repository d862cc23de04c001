package io.kubelpa.analyze.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelpa.authz.SubjectRef;
import io.kubelpa.job.UsageFact;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.usage.GrantKey;
import io.kubelpa.usage.RequestShape;
import java.io.IOException;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class UnchangedValuesSerializerTest {
    private static final UsageFact FACT = new UsageFact(
            "system:serviceaccount:payments:api",
            new GrantKey(
                    ObjectRef.roleBinding("payments", "api"),
                    ObjectRef.clusterRole("reader"),
                    2,
                    new SubjectRef("ServiceAccount", "api", "payments")),
            new RequestShape("get", "", "secrets", "", "payments", "db", ""),
            3,
            10,
            30,
            new String[] {"a", "b"});

    private final TypeSerializer<UsageFact> format =
            Types.POJO(UsageFact.class).createSerializer(new ExecutionConfig().getSerializerConfig());
    private final TypeSerializer<UsageFact> unchanged =
            BoundedJobTypeInfo.USAGE_FACTS.createSerializer(new ExecutionConfig().getSerializerConfig());

    @Test
    void aCopyIsTheValueItselfWhereTheRecordSerializerRebuildsIt() {
        assertThat(format.copy(FACT))
                .isNotSameAs(FACT)
                .usingRecursiveComparison()
                .isEqualTo(FACT);
        assertThat(unchanged.copy(FACT)).isSameAs(FACT);
        assertThat(unchanged.copy(FACT, null)).isSameAs(FACT);
    }

    @Test
    void itWritesTheOtherSerializersBytesAndItsSnapshotReadsThem() throws IOException {
        DataOutputSerializer expected = new DataOutputSerializer(64);
        format.serialize(FACT, expected);
        DataOutputSerializer written = new DataOutputSerializer(64);
        unchanged.serialize(FACT, written);
        assertThat(written.getCopyOfBuffer()).isEqualTo(expected.getCopyOfBuffer());

        TypeSerializer<UsageFact> restored = unchanged.snapshotConfiguration().restoreSerializer();
        assertThat(restored.deserialize(new DataInputDeserializer(written.getCopyOfBuffer())))
                .usingRecursiveComparison()
                .isEqualTo(FACT);
        assertThat(unchanged.deserialize(new DataInputDeserializer(written.getCopyOfBuffer())))
                .usingRecursiveComparison()
                .isEqualTo(FACT);
    }
}
