package io.kubelpa.analyze.runtime;

import io.kubelpa.analyze.RequestStages;
import io.kubelpa.job.EventRecord;
import io.kubelpa.job.UsageFact;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.util.function.SerializableFunction;

/**
 * The types the bounded job hands between its operators, each with the serializer chosen for it: written
 * field by field for what crosses the exchange and its sort, copied as itself for what never changes.
 */
public final class BoundedJobTypeInfo<T> extends TypeInformation<T> {
    public static final BoundedJobTypeInfo<EventRecord> EVENT_RECORDS =
            new BoundedJobTypeInfo<>(EventRecord.class, config -> EventRecordSerializer.INSTANCE);
    public static final BoundedJobTypeInfo<RequestStages> REQUEST_STAGES =
            new BoundedJobTypeInfo<>(RequestStages.class, config -> RequestStagesSerializer.INSTANCE);
    public static final BoundedJobTypeInfo<UsageFact> USAGE_FACTS = new BoundedJobTypeInfo<>(
            UsageFact.class,
            config ->
                    new UnchangedValuesSerializer<>(Types.POJO(UsageFact.class).createSerializer(config)));

    private final Class<T> type;
    private final SerializableFunction<SerializerConfig, TypeSerializer<T>> serializer;

    private BoundedJobTypeInfo(Class<T> type, SerializableFunction<SerializerConfig, TypeSerializer<T>> serializer) {
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
        return serializer.apply(config);
    }

    @Override
    public String toString() {
        return type.getSimpleName() + " (bounded job)";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BoundedJobTypeInfo<?> info && info.type.equals(type);
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof BoundedJobTypeInfo;
    }
}
