package io.kubelpa.stream;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Messages of the RBAC topic (manifests, JSON or YAML) as updates applied from the message's time on;
 * an empty or oversized message becomes a rejected update, for {@link RbacTopicCheck} to dead-letter.
 */
final class RbacTopicDeserializer implements KafkaRecordDeserializationSchema<RbacUpdate> {
    private final int maxBytes;

    RbacTopicDeserializer(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> message, Collector<RbacUpdate> out) {
        String location = message.topic() + "-" + message.partition() + "@" + message.offset();
        long timeMicros = message.timestamp() * 1000;
        if (message.value() == null || message.value().length == 0) {
            out.collect(RbacUpdate.rejected(location, timeMicros, "empty"));
        } else if (message.value().length > maxBytes) {
            out.collect(RbacUpdate.rejected(location, timeMicros, "oversized"));
        } else {
            out.collect(
                    RbacUpdate.ofManifests(location, timeMicros, new String(message.value(), StandardCharsets.UTF_8)));
        }
    }

    @Override
    public TypeInformation<RbacUpdate> getProducedType() {
        return TypeInformation.of(RbacUpdate.class);
    }
}
