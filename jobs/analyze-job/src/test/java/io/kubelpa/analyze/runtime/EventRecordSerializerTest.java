package io.kubelpa.analyze.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelpa.job.EventRecord;
import java.io.IOException;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class EventRecordSerializerTest {
    private static EventRecord record(String auditID, int stage, boolean rbacWrite, long time, byte[] event) {
        EventRecord record = new EventRecord();
        record.auditID = auditID;
        record.stage = stage;
        record.rbacWrite = rbacWrite;
        record.timeMicros = time;
        record.event = event;
        return record;
    }

    private static final List<EventRecord> RECORDS = List.of(
            record("3f8a-1", 0, false, 1_746_057_600_000_000L, new byte[] {2, 0, 1}),
            record("ü-\ud83d\ude00-\ud800", 3, true, -1, new byte[0]),
            record("x".repeat(200_000), 1, false, Long.MAX_VALUE, new byte[70_000]),
            record(null, 2, false, 0, new byte[] {9}));

    @Test
    void everyFieldSurvivesTheWireAndACopyOfTheBytes() throws IOException {
        EventRecordSerializer serializer = EventRecordSerializer.INSTANCE;
        DataOutputSerializer written = new DataOutputSerializer(64);
        for (EventRecord record : RECORDS) {
            serializer.serialize(record, written);
        }
        DataOutputSerializer copied = new DataOutputSerializer(64);
        DataInputDeserializer toCopy = new DataInputDeserializer(written.getCopyOfBuffer());
        for (int i = 0; i < RECORDS.size(); i++) {
            serializer.copy(toCopy, copied);
        }
        assertThat(copied.getCopyOfBuffer()).isEqualTo(written.getCopyOfBuffer());

        DataInputDeserializer read = new DataInputDeserializer(written.getCopyOfBuffer());
        for (EventRecord expected : RECORDS) {
            EventRecord actual = serializer.deserialize(read);
            assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
        }
        assertThat(read.available()).isZero();
    }

    @Test
    void itsSnapshotRestoresIt() {
        assertThat(EventRecordSerializer.INSTANCE.snapshotConfiguration().restoreSerializer())
                .isSameAs(EventRecordSerializer.INSTANCE);
        assertThat(BoundedJobTypeInfo.EVENT_RECORDS.createSerializer(null)).isSameAs(EventRecordSerializer.INSTANCE);
    }
}
