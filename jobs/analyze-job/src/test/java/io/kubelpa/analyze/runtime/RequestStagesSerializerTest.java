package io.kubelpa.analyze.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelpa.analyze.RequestStages;
import io.kubelpa.audit.Stage;
import io.kubelpa.job.EventRecord;
import java.io.IOException;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class RequestStagesSerializerTest {
    private static RequestStages stages(String auditID, EventRecord... records) {
        RequestStages stages = new RequestStages(auditID);
        for (EventRecord record : records) {
            record.auditID = auditID;
            stages.add(record);
        }
        return stages;
    }

    private static EventRecord record(Stage stage, boolean rbacWrite, long time, byte[] event) {
        EventRecord record = new EventRecord();
        record.stage = stage.ordinal();
        record.rbacWrite = rbacWrite;
        record.timeMicros = time;
        record.event = event;
        return record;
    }

    private static final List<RequestStages> PARTS = List.of(
            stages(
                    "3f8a-1",
                    record(Stage.REQUEST_RECEIVED, false, 1_746_057_600_000_000L, new byte[] {2, 0, 1}),
                    record(Stage.RESPONSE_COMPLETE, false, 1_746_057_600_000_900L, new byte[] {2, 0, 2})),
            stages(
                    "ü-\ud83d\ude00-\ud800",
                    record(Stage.REQUEST_RECEIVED, true, -1, new byte[0]),
                    record(Stage.RESPONSE_STARTED, true, 0, new byte[] {1}),
                    record(Stage.RESPONSE_COMPLETE, true, 1, new byte[] {2}),
                    record(Stage.PANIC, true, 2, new byte[] {3})),
            stages("x".repeat(200_000), record(Stage.PANIC, false, Long.MAX_VALUE, new byte[70_000])));

    @Test
    void everyRecordOfEveryPartSurvivesTheWireAndACopyOfTheBytes() throws IOException {
        RequestStagesSerializer serializer = RequestStagesSerializer.INSTANCE;
        DataOutputSerializer written = new DataOutputSerializer(64);
        for (RequestStages part : PARTS) {
            serializer.serialize(part, written);
        }
        DataOutputSerializer copied = new DataOutputSerializer(64);
        DataInputDeserializer toCopy = new DataInputDeserializer(written.getCopyOfBuffer());
        for (int i = 0; i < PARTS.size(); i++) {
            serializer.copy(toCopy, copied);
        }
        assertThat(copied.getCopyOfBuffer()).isEqualTo(written.getCopyOfBuffer());

        DataInputDeserializer read = new DataInputDeserializer(written.getCopyOfBuffer());
        for (RequestStages expected : PARTS) {
            RequestStages actual = serializer.deserialize(read);
            assertThat(actual.auditID()).isEqualTo(expected.auditID());
            assertThat(actual.records())
                    .usingRecursiveFieldByFieldElementComparator()
                    .containsExactlyElementsOf(expected.records());
        }
        assertThat(read.available()).isZero();
    }

    @Test
    void itsSnapshotRestoresIt() {
        assertThat(RequestStagesSerializer.INSTANCE.snapshotConfiguration().restoreSerializer())
                .isSameAs(RequestStagesSerializer.INSTANCE);
        assertThat(BoundedJobTypeInfo.REQUEST_STAGES.createSerializer(null)).isSameAs(RequestStagesSerializer.INSTANCE);
    }
}
