package io.kubelpa.analyze.runtime;

import io.kubelpa.analyze.RequestStages;
import io.kubelpa.job.EventRecord;
import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * A request's stages across the bounded job's exchange and sort: the auditID once, then each stage's
 * record without it. The parts are never changed once handed on, so a copy is the part itself.
 */
public final class RequestStagesSerializer extends TypeSerializerSingleton<RequestStages> {
    public static final RequestStagesSerializer INSTANCE = new RequestStagesSerializer();

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public RequestStages createInstance() {
        return new RequestStages("");
    }

    @Override
    public RequestStages copy(RequestStages from) {
        return from;
    }

    @Override
    public RequestStages copy(RequestStages from, RequestStages reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(RequestStages stages, DataOutputView target) throws IOException {
        StringValue.writeString(stages.auditID(), target);
        List<EventRecord> records = stages.records();
        target.writeByte(records.size());
        for (EventRecord record : records) {
            EventRecordSerializer.serializeWithoutAuditID(record, target);
        }
    }

    @Override
    public RequestStages deserialize(DataInputView source) throws IOException {
        String auditID = StringValue.readString(source);
        RequestStages stages = new RequestStages(auditID);
        int count = source.readByte();
        for (int i = 0; i < count; i++) {
            stages.add(EventRecordSerializer.deserializeWithoutAuditID(auditID, source));
        }
        return stages;
    }

    @Override
    public RequestStages deserialize(RequestStages reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        StringValue.copyString(source, target);
        int count = source.readByte();
        target.writeByte(count);
        for (int i = 0; i < count; i++) {
            EventRecordSerializer.copyWithoutAuditID(source, target);
        }
    }

    @Override
    public TypeSerializerSnapshot<RequestStages> snapshotConfiguration() {
        return new Snapshot();
    }

    /** What a snapshot of this serializer restores: the serializer itself (it has no settings). */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<RequestStages> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
