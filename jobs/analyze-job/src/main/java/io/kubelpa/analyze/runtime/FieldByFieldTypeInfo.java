package io.kubelpa.analyze.runtime;

import io.kubelpa.analyze.RequestStages;
import io.kubelpa.job.EventRecord;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** The types the bounded job sends across its exchange, each with the serializer written for it. */
public final class FieldByFieldTypeInfo<T> extends TypeInformation<T> {
    public static final FieldByFieldTypeInfo<EventRecord> EVENT_RECORDS =
            new FieldByFieldTypeInfo<>(EventRecord.class, EventRecordSerializer.INSTANCE);
    public static final FieldByFieldTypeInfo<RequestStages> REQUEST_STAGES =
            new FieldByFieldTypeInfo<>(RequestStages.class, RequestStagesSerializer.INSTANCE);

    private final Class<T> type;
    private final TypeSerializer<T> serializer;

    private FieldByFieldTypeInfo(Class<T> type, TypeSerializer<T> serializer) {
        this.type = type;
        this.serializer = serializer;
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<T> getTypeClass() {
        return type;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return serializer;
    }

    @Override
    public String toString() {
        return type.getSimpleName() + " (field by field)";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FieldByFieldTypeInfo<?> info && info.type.equals(type);
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof FieldByFieldTypeInfo;
    }
}
