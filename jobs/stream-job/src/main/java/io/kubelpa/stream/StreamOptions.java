package io.kubelpa.stream;

import io.kubelpa.job.JobOptions;
import io.kubelpa.tightening.VerbExpansion;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;

/** The streaming job's settings as typed Flink options; {@code lpa stream} flags and a YAML file set them. */
public final class StreamOptions {
    private StreamOptions() {}

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
    public static final ConfigOption<String> DEAD_LETTER_TOPIC = ConfigOptions.key("lpa.kafka.dead-letter-topic")
            .stringType()
            .noDefaultValue()
            .withDescription("Topic for records that could not be used.");
    public static final ConfigOption<Duration> MAX_OUT_OF_ORDERNESS = ConfigOptions.key(
                    "lpa.event-time.max-out-of-orderness")
            .durationType()
            .defaultValue(Duration.ofMinutes(2))
            .withDescription("How late an event may arrive and still count on time.");
    public static final ConfigOption<Duration> IDLENESS = ConfigOptions.key("lpa.event-time.idleness")
            .durationType()
            .defaultValue(Duration.ofMinutes(1))
            .withDescription("A partition silent this long stops holding event time back.");
    public static final ConfigOption<Duration> DEDUPLICATION_TTL = ConfigOptions.key("lpa.requests.deduplication-ttl")
            .durationType()
            .defaultValue(Duration.ofHours(2))
            .withDescription("How long an auditID is remembered to drop its other stages and redeliveries.");
    /** Shared with the bounded job, so both decide a request by the same stage. */
    public static final ConfigOption<Duration> STAGE_WAIT = JobOptions.STAGE_WAIT;

    public static final ConfigOption<Integer> HELD_IN_MEMORY = ConfigOptions.key("lpa.requests.held-in-memory")
            .intType()
            .defaultValue(20_000)
            .withDescription(
                    "Requests per task waiting on the heap for event time to reach them (about 1 KiB a stage; most wait with one or two); "
                            + "more wait in RocksDB, at a cost in throughput.");
    public static final ConfigOption<Duration> WINDOW = ConfigOptions.key("lpa.window")
            .durationType()
            .defaultValue(Duration.ofDays(30))
            .withDescription("Observation window: older evidence ages out.");
    public static final ConfigOption<Duration> REVIEW_EVERY = ConfigOptions.key("lpa.review-every")
            .durationType()
            .defaultValue(Duration.ofHours(24))
            .withDescription("Event time between periodic reviews.");
    public static final ConfigOption<String> OUTPUT_DIR = ConfigOptions.key("lpa.output-dir")
            .stringType()
            .defaultValue("lpa-out")
            .withDescription("Reviews go to <dir>/reviews/<time>/, <dir>/reviews/latest points at the newest.");
    public static final ConfigOption<Duration> MIN_WINDOW = ConfigOptions.key("lpa.review.min-window")
            .durationType()
            .defaultValue(Duration.ofDays(7))
            .withDescription("Shorter windows give low-confidence findings and no proposals.");
    public static final ConfigOption<Integer> MAX_NARROW_NAMESPACES = ConfigOptions.key(
                    "lpa.review.max-narrow-namespaces")
            .intType()
            .defaultValue(3)
            .withDescription("A ClusterRoleBinding used in at most this many namespaces is proposed as RoleBindings.");
    public static final ConfigOption<VerbExpansion> EXPAND_VERBS = ConfigOptions.key("lpa.review.expand-verbs")
            .enumType(VerbExpansion.class)
            .defaultValue(VerbExpansion.NONE)
            .withDescription(
                    "none: keep exactly the verbs used; read: where one of get/list/watch was used, keep all three the role granted.");
    public static final ConfigOption<String> AUDIT_POLICY = ConfigOptions.key("lpa.review.audit-policy")
            .stringType()
            .noDefaultValue()
            .withDescription(
                    "The API server's audit policy file: grants it does not log are reported UNOBSERVABLE and always kept.");
    public static final ConfigOption<Duration> RBAC_CHANGE_DELAY = ConfigOptions.key("lpa.review.rbac-change-delay")
            .durationType()
            .defaultValue(Duration.ofMinutes(1))
            .withDescription(
                    "An RBAC change between reviews re-evaluates the last review at the end of its interval of this "
                            + "length (event time; changes in one interval share a re-evaluation); 0 turns this off.");
    public static final ConfigOption<Integer> PARALLELISM = ConfigOptions.key("lpa.parallelism")
            .intType()
            .defaultValue(2)
            .withDescription("Parallelism of the job's operators (the review runs once).");

    /**
     * Checks the settings as a whole, as every entry point must before a job is defined ({@code lpa stream}
     * and the job jar's main alike, through {@link StreamRunner}): an {@link IllegalArgumentException} that
     * names the first bad setting, or an {@link java.io.UncheckedIOException} for an audit policy that cannot be read.
     */
    public static void validate(Configuration config) {
        if (!config.contains(BOOTSTRAP_SERVERS)
                || !config.contains(TOPICS)
                || config.get(TOPICS).isEmpty()) {
            throw new IllegalArgumentException(BOOTSTRAP_SERVERS.key() + " and " + TOPICS.key() + " are required");
        }
        atLeast(config, HELD_IN_MEMORY, 0);
        atLeast(config, PARALLELISM, 1);
        atLeast(config, MAX_MESSAGE_BYTES, 1);
        for (ConfigOption<Duration> option : List.of(MAX_OUT_OF_ORDERNESS, IDLENESS, DEDUPLICATION_TTL, STAGE_WAIT)) {
            if (config.get(option).isNegative()) {
                throw new IllegalArgumentException(option.key() + " must not be negative");
            }
        }
        try {
            StartingOffsets.parse(config.get(STARTING_OFFSETS));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(STARTING_OFFSETS.key() + ": " + e.getMessage(), e);
        }
        ReviewSettings.of(config, "");
    }

    private static void atLeast(Configuration config, ConfigOption<Integer> option, int least) {
        if (config.get(option) < least) {
            throw new IllegalArgumentException(
                    option.key() + (least == 0 ? " must not be negative" : " must be at least " + least));
        }
    }
}
