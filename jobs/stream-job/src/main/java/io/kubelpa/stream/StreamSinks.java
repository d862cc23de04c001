package io.kubelpa.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubelpa.usage.UsageReport.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The job's Kafka outputs. Findings are upserts keyed by finding identity on a compacted topic (a
 * null value clears one), so at-least-once delivery is enough: a repeat writes the same value again.
 * Dead letters carry location, reason and detail, never the record.
 */
final class StreamSinks {
    private StreamSinks() {}

    private static final ObjectMapper JSON = new ObjectMapper();

    static KafkaSink<FindingRecord> findings(String bootstrap, String topic, Properties properties) {
        return sink(
                bootstrap,
                properties,
                (finding, context, timestamp) -> new ProducerRecord<>(
                        topic,
                        finding.key.getBytes(StandardCharsets.UTF_8),
                        finding.json == null ? null : finding.json.getBytes(StandardCharsets.UTF_8)));
    }

    static KafkaSink<DeadLetter> deadLetters(String bootstrap, String topic, Properties properties) {
        return sink(bootstrap, properties, (dead, context, timestamp) -> new ProducerRecord<>(topic, null, json(dead)));
    }

    private static <T> KafkaSink<T> sink(
            String bootstrap, Properties properties, KafkaRecordSerializationSchema<T> serializer) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(bootstrap)
                .setKafkaProducerConfig(properties)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setRecordSerializer(serializer)
                .build();
    }

    private static byte[] json(DeadLetter dead) {
        return JSON.createObjectNode()
                .put("location", dead.location())
                .put("reason", dead.reason())
                .put("detail", dead.detail())
                .toString()
                .getBytes(StandardCharsets.UTF_8);
    }
}
