package io.kubelpa.stream;

import io.kubelpa.job.DecodedRecord;
import io.kubelpa.job.JobOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;

/** The Kafka source of audit records as the settings describe it: brokers, topics, group, offsets, client properties. */
public final class AuditSource {
    private AuditSource() {}

    /** The decoded records of the audit topics, as the streaming job reads them. */
    public static KafkaSourceBuilder<DecodedRecord> decoded(Configuration config) {
        return of(
                config,
                new AuditMessageDeserializer(
                        config.get(KafkaOptions.MAX_MESSAGE_BYTES), JobOptions.eventTimeBounds(config)));
    }

    /** The audit topics read with {@code deserializer} (a benchmark's floor reads them raw). */
    public static <T> KafkaSourceBuilder<T> of(Configuration config, KafkaRecordDeserializationSchema<T> deserializer) {
        KafkaSourceBuilder<T> source = KafkaSource.<T>builder()
                .setBootstrapServers(config.get(KafkaOptions.BOOTSTRAP_SERVERS))
                .setTopics(config.get(KafkaOptions.TOPICS))
                .setGroupId(config.get(KafkaOptions.GROUP_ID))
                .setStartingOffsets(StartingOffsets.parse(config.get(KafkaOptions.STARTING_OFFSETS)))
                .setDeserializer(deserializer)
                .setProperties(KafkaProperties.of(config));
        if (config.get(KafkaOptions.STOP_AT_LATEST)) {
            source.setBounded(OffsetsInitializer.latest());
        }
        return source;
    }
}
