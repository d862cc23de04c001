package io.kubelpa.analyze.runtime;

import io.kubelpa.job.EventRecord;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** The type of the bounded job's events, serialized by {@link EventRecordSerializer}. */
public final class EventRecordTypeInfo extends TypeInformation<EventRecord> {
    public static final EventRecordTypeInfo INSTANCE = new EventRecordTypeInfo();

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
    public Class<EventRecord> getTypeClass() {
        return EventRecord.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<EventRecord> createSerializer(SerializerConfig config) {
        return EventRecordSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "EventRecord (field by field)";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EventRecordTypeInfo;
    }

    @Override
    public int hashCode() {
        return EventRecordTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof EventRecordTypeInfo;
    }
}
