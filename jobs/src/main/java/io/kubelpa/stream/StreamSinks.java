package io.kubelpa.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubelpa.job.DeadLetterRecord;
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

    static KafkaSink<FindingRecord> findings(String bootstrap, String topic, Properties properties) {
        return KafkaSink.<FindingRecord>builder()
                .setBootstrapServers(bootstrap)
                .setKafkaProducerConfig(properties)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setRecordSerializer((KafkaRecordSerializationSchema<FindingRecord>) (finding, context, timestamp) ->
                        new ProducerRecord<>(topic, finding.key.getBytes(StandardCharsets.UTF_8),
                                finding.json == null ? null : finding.json.getBytes(StandardCharsets.UTF_8)))
                .build();
    }

    static KafkaSink<DeadLetterRecord> deadLetters(String bootstrap, String topic, Properties properties) {
        return KafkaSink.<DeadLetterRecord>builder()
                .setBootstrapServers(bootstrap)
                .setKafkaProducerConfig(properties)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setRecordSerializer((KafkaRecordSerializationSchema<DeadLetterRecord>) (dead, context, timestamp) ->
                        new ProducerRecord<>(topic, null, json(dead)))
                .build();
    }

    private static byte[] json(DeadLetterRecord dead) {
        ObjectMapper mapper = new ObjectMapper();
        return mapper.createObjectNode().put("location", dead.location).put("reason", dead.reason).put("detail", dead.detail)
                .toString().getBytes(StandardCharsets.UTF_8);
    }
}
