package io.kubelpa.analyze.runtime;

import io.kubelpa.job.EventRecord;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * The bounded job's events across its exchange and sort, written field by field: Flink's POJO serializer
 * reaches the same fields through reflection, twice per event on the way to the sort and twice on the
 * way out. Records are never changed once made, so a copy is the record itself. The bounded job keeps
 * no savepoints; the streaming job's state keeps its POJO serializer.
 */
public final class EventRecordSerializer extends TypeSerializerSingleton<EventRecord> {
    public static final EventRecordSerializer INSTANCE = new EventRecordSerializer();

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public EventRecord createInstance() {
        return new EventRecord();
    }

    @Override
    public EventRecord copy(EventRecord from) {
        return from;
    }

    @Override
    public EventRecord copy(EventRecord from, EventRecord reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(EventRecord record, DataOutputView target) throws IOException {
        StringValue.writeString(record.auditID, target);
        serializeWithoutAuditID(record, target);
    }

    @Override
    public EventRecord deserialize(DataInputView source) throws IOException {
        return deserializeWithoutAuditID(StringValue.readString(source), source);
    }

    /** The record's fields but its auditID: where the auditID is written once for several records. */
    static void serializeWithoutAuditID(EventRecord record, DataOutputView target) throws IOException {
        target.writeByte(record.stage);
        target.writeBoolean(record.rbacWrite);
        target.writeLong(record.timeMicros);
        target.writeInt(record.event.length);
        target.write(record.event);
    }

    static EventRecord deserializeWithoutAuditID(String auditID, DataInputView source) throws IOException {
        EventRecord record = new EventRecord();
        record.auditID = auditID;
        record.stage = source.readByte();
        record.rbacWrite = source.readBoolean();
        record.timeMicros = source.readLong();
        record.event = new byte[source.readInt()];
        source.readFully(record.event);
        return record;
    }

    static void copyWithoutAuditID(DataInputView source, DataOutputView target) throws IOException {
        target.writeByte(source.readByte());
        target.writeBoolean(source.readBoolean());
        target.writeLong(source.readLong());
        byte[] event = new byte[source.readInt()];
        source.readFully(event);
        target.writeInt(event.length);
        target.write(event);
    }

    @Override
    public EventRecord deserialize(EventRecord reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        StringValue.copyString(source, target);
        copyWithoutAuditID(source, target);
    }

    @Override
    public TypeSerializerSnapshot<EventRecord> snapshotConfiguration() {
        return new Snapshot();
    }

    /** What a snapshot of this serializer restores: the serializer itself (it has no settings). */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<EventRecord> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
