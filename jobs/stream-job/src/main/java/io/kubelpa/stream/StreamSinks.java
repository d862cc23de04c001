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
 * null value clears one), written exactly once: in Kafka transactions committed with each checkpoint,
 * so a reader with {@code isolation.level=read_committed} sees each review's upserts once, whole, and
 * never those of a run that failed over. Dead letters are written at least once (a failover may repeat
 * one); they carry location, reason and detail, never the record.
 */
final class StreamSinks {
    private StreamSinks() {}

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A transaction stays open for a checkpoint interval; the broker refuses one longer than its
     * {@code transaction.max.timeout.ms} (15 min by default), which Flink's own default (1 h) exceeds.
     */
    static final java.time.Duration TRANSACTION_TIMEOUT = java.time.Duration.ofMinutes(15);

    static KafkaSink<FindingRecord> findings(
            String bootstrap, String topic, Properties properties, String transactionalIdPrefix) {
        Properties transactional = new Properties();
        transactional.putAll(properties);
        transactional.putIfAbsent("transaction.timeout.ms", Long.toString(TRANSACTION_TIMEOUT.toMillis()));
        KafkaRecordSerializationSchema<FindingRecord> serializer =
                (finding, context, timestamp) -> new ProducerRecord<>(
                        topic,
                        finding.key.getBytes(StandardCharsets.UTF_8),
                        finding.json == null ? null : finding.json.getBytes(StandardCharsets.UTF_8));
        return KafkaSink.<FindingRecord>builder()
                .setBootstrapServers(bootstrap)
                .setKafkaProducerConfig(transactional)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setRecordSerializer(serializer)
                .build();
    }

    static KafkaSink<DeadLetter> deadLetters(String bootstrap, String topic, Properties properties) {
        KafkaRecordSerializationSchema<DeadLetter> serializer =
                (dead, context, timestamp) -> new ProducerRecord<>(topic, null, json(dead));
        return KafkaSink.<DeadLetter>builder()
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
