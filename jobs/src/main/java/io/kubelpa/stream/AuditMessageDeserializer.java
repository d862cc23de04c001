package io.kubelpa.stream;

import io.kubelpa.audit.RawRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Kafka messages as raw records, located by topic, partition and offset. A message over the size
 * limit travels without its bytes and is dead-lettered by the decoder; an empty one (a tombstone)
 * is passed on empty, so it is accounted for too.
 */
final class AuditMessageDeserializer implements KafkaRecordDeserializationSchema<RawRecord> {
    private final int maxBytes;

    AuditMessageDeserializer(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> message, Collector<RawRecord> out) {
        String location = message.topic() + "-" + message.partition() + "@" + message.offset();
        byte[] value = message.value() == null ? new byte[0] : message.value();
        out.collect(value.length > maxBytes ? new RawRecord(location, null, RawRecord.OVERSIZED)
                : new RawRecord(location, value, RawRecord.DATA));
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }
}
