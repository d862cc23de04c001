package io.kubelpa.stream;

import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;

/** Where the streaming job reads and writes Kafka: brokers, topics, the consumer group, where to start and stop, message size. */
public final class KafkaOptions {
    private KafkaOptions() {}

    public static final ConfigOption<String> BOOTSTRAP_SERVERS = ConfigOptions.key("lpa.kafka.bootstrap-servers")
            .stringType()
            .noDefaultValue()
            .withDescription("Kafka bootstrap servers, host:port[,host:port].");
    public static final ConfigOption<List<String>> TOPICS = ConfigOptions.key("lpa.kafka.topics")
            .stringType()
            .asList()
            .noDefaultValue()
            .withDescription("Topics carrying audit records.");
    public static final ConfigOption<String> GROUP_ID = ConfigOptions.key("lpa.kafka.group-id")
            .stringType()
            .defaultValue("kube-lpa")
            .withDescription("Consumer group id (offsets are committed on checkpoints).");
    public static final ConfigOption<String> STARTING_OFFSETS = ConfigOptions.key("lpa.kafka.starting-offsets")
            .stringType()
            .defaultValue("committed")
            .withDescription("earliest, latest, committed (earliest when none), or timestamp:<RFC 3339 or epoch ms>.");
    public static final ConfigOption<Boolean> STOP_AT_LATEST = ConfigOptions.key("lpa.kafka.stop-at-latest")
            .booleanType()
            .defaultValue(false)
            .withDescription("Read up to the offsets that are latest at start, then finish (a final review included).");
    public static final ConfigOption<Integer> MAX_MESSAGE_BYTES = ConfigOptions.key("lpa.kafka.max-message-bytes")
            .intType()
            .defaultValue(1024 * 1024)
            .withDescription("Larger messages are dead-lettered unread.");
    public static final ConfigOption<String> RBAC_TOPIC = ConfigOptions.key("lpa.kafka.rbac-topic")
            .stringType()
            .noDefaultValue()
            .withDescription("Optional topic of RBAC manifests (JSON or YAML) that update the snapshot.");
    public static final ConfigOption<String> FINDINGS_TOPIC = ConfigOptions.key("lpa.kafka.findings-topic")
            .stringType()
            .noDefaultValue()
            .withDescription("Compacted topic for current findings (upserts by id, tombstones when cleared).");
    public static final ConfigOption<String> FINDINGS_TRANSACTIONAL_ID_PREFIX = ConfigOptions.key(
                    "lpa.kafka.findings-transactional-id-prefix")
            .stringType()
            .defaultValue("kube-lpa-findings")
            .withDescription("Prefix of the Kafka transactions that write the findings topic exactly once; unique"
                    + " per job writing to one Kafka cluster.");
    public static final ConfigOption<String> DEAD_LETTER_TOPIC = ConfigOptions.key("lpa.kafka.dead-letter-topic")
            .stringType()
            .noDefaultValue()
            .withDescription("Topic for records that could not be used.");

    /** The Kafka settings checked together: an {@link IllegalArgumentException} naming the first bad one. */
    static void validate(Configuration config) {
        if (!config.contains(BOOTSTRAP_SERVERS)
                || !config.contains(TOPICS)
                || config.get(TOPICS).isEmpty()) {
            throw new IllegalArgumentException(BOOTSTRAP_SERVERS.key() + " and " + TOPICS.key() + " are required");
        }
        if (config.get(FINDINGS_TRANSACTIONAL_ID_PREFIX).isBlank()) {
            throw new IllegalArgumentException(FINDINGS_TRANSACTIONAL_ID_PREFIX.key() + " must not be blank");
        }
        config.getOptional(org.apache.flink.configuration.CheckpointingOptions.CHECKPOINTING_INTERVAL)
                .filter(interval -> config.contains(FINDINGS_TOPIC)
                        && interval.multipliedBy(2).compareTo(StreamSinks.TRANSACTION_TIMEOUT) > 0)
                .ifPresent(interval -> {
                    throw new IllegalArgumentException("the checkpoint interval must be at most half the findings"
                            + " topic's transaction timeout (" + StreamSinks.TRANSACTION_TIMEOUT.toMinutes()
                            + " min), not " + interval.toMinutes() + " min: each checkpoint commits one");
                });
        if (config.get(MAX_MESSAGE_BYTES) < 1) {
            throw new IllegalArgumentException(MAX_MESSAGE_BYTES.key() + " must be at least 1");
        }
        try {
            StartingOffsets.parse(config.get(STARTING_OFFSETS));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(STARTING_OFFSETS.key() + ": " + e.getMessage(), e);
        }
    }
}
