package io.kubelpa.stream;

import io.kubelpa.audit.format.AuditRecordDecoder;
import io.kubelpa.audit.format.EventTimeBounds;
import io.kubelpa.audit.format.InputFormat;
import io.kubelpa.audit.format.RawRecord;
import io.kubelpa.audit.format.RecordDecoding;
import io.kubelpa.job.DecodedRecord;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Kafka messages decoded where they are read, located by topic, partition and offset, so that event
 * time is tracked per partition: a partition that lags behind (after a restart, or a slow producer)
 * holds event time back instead of having its events overtaken. A message over the size limit is
 * decoded without its bytes (a dead letter); an empty one (a tombstone) is decoded empty, so it is
 * accounted for too.
 */
public final class AuditMessageDeserializer implements KafkaRecordDeserializationSchema<DecodedRecord> {
    private final int maxBytes;
    private final EventTimeBounds bounds;
    private transient RecordDecoding decoding;

    public AuditMessageDeserializer(int maxBytes, EventTimeBounds bounds) {
        this.maxBytes = maxBytes;
        this.bounds = bounds;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        decoding =
                new RecordDecoding(new AuditRecordDecoder(InputFormat.AUTO, null), bounds, System::currentTimeMillis);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> message, Collector<DecodedRecord> out) {
        String location = message.topic() + "-" + message.partition() + "@" + message.offset();
        byte[] value = message.value() == null ? new byte[0] : message.value();
        RawRecord record = value.length > maxBytes
                ? new RawRecord(location, null, RawRecord.OVERSIZED)
                : new RawRecord(location, value, RawRecord.DATA);
        if (message.timestamp() >= 0) {
            // The broker's time (or the producer's): an event much later than its message was written cannot be.
            record.writtenAt(message.timestamp());
        }
        out.collect(DecodedRecord.of(location, decoding.decode(record)));
    }

    @Override
    public TypeInformation<DecodedRecord> getProducedType() {
        return DecodedRecord.TYPE;
    }
}
