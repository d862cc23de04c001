package io.kubelpa.analyze.runtime;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Another serializer's format for values that are never changed once made (records of records): the
 * copy Flink makes of every value handed between chained operators is then the value itself, where
 * the serializer of a record would rebuild it and everything in it. A snapshot is the other
 * serializer's: the bytes are the same.
 */
public final class UnchangedValuesSerializer<T> extends TypeSerializer<T> {
    private final TypeSerializer<T> format;

    public UnchangedValuesSerializer(TypeSerializer<T> format) {
        this.format = format;
    }

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public TypeSerializer<T> duplicate() {
        TypeSerializer<T> duplicate = format.duplicate();
        return duplicate == format ? this : new UnchangedValuesSerializer<>(duplicate);
    }

    @Override
    public T createInstance() {
        return format.createInstance();
    }

    @Override
    public T copy(T from) {
        return from;
    }

    @Override
    public T copy(T from, T reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return format.getLength();
    }

    @Override
    public void serialize(T value, DataOutputView target) throws IOException {
        format.serialize(value, target);
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        return format.deserialize(source);
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return format.deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        format.copy(source, target);
    }

    @Override
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
        return format.snapshotConfiguration();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UnchangedValuesSerializer<?> that && that.format.equals(format);
    }

    @Override
    public int hashCode() {
        return format.hashCode();
    }
}
