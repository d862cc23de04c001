package io.kubelpa.stream;

import io.kubelpa.job.DecodedRecord;
import io.kubelpa.job.RbacJson;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.RbacObjects;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Sets up and starts the streaming job: Flink settings (streaming mode, RocksDB with incremental
 * checkpoints, restarts, no generic types), the Kafka sources and sinks from the {@link StreamOptions},
 * and the topology of {@link StreamJob}.
 */
public final class StreamRunner {
    private final Configuration config;
    private final String version;

    /** A runner of valid settings: {@link StreamOptions#validate} says what is wrong with any other. */
    public StreamRunner(Configuration config, String version) {
        StreamOptions.validate(config);
        this.config = config;
        this.version = version;
    }

    /** The Flink settings of the job: the user's, with kube-lpa's defaults where the user set none. */
    public Configuration flinkConfiguration() {
        Configuration flink = new Configuration(config);
        flink.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
        flink.set(PipelineOptions.GENERIC_TYPES, false);
        flink.set(CoreOptions.DEFAULT_PARALLELISM, config.get(StreamOptions.PARALLELISM));
        setDefault(flink, PipelineOptions.MAX_PARALLELISM, 128);
        // What operators keep is serialized into RocksDB, or (the broadcast RBAC updates) arrives over the network
        // as new objects; so records passed between chained operators need no defensive copy.
        setDefault(flink, PipelineOptions.OBJECT_REUSE, true);
        setDefault(flink, StateBackendOptions.STATE_BACKEND, "rocksdb");
        // Most state reads look for keys that are not there yet (a request's first stage, a subject's
        // first use of a grant): a bloom filter answers those without reading every level.
        setDefault(flink, RocksDBConfigurableOptions.USE_BLOOM_FILTER, true);
        // With millions of subjects the index and filter blocks outgrow the block cache; partitioned,
        // a read loads the small partition it needs instead of re-reading a whole file's index.
        setDefault(flink, RocksDBOptions.USE_PARTITIONED_INDEX_FILTERS, true);
        // The embedded cluster's default leaves RocksDB a few MiB of cache per operator (a cluster's
        // TaskManagers size this themselves).
        setDefault(flink, TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(512));
        setDefault(flink, CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        setDefault(flink, CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        setDefault(
                flink,
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                Path.of(config.get(StreamReviewOptions.OUTPUT_DIR), "checkpoints")
                        .toAbsolutePath()
                        .toUri()
                        .toString());
        setDefault(flink, CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(10));
        setDefault(flink, RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        setDefault(flink, RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 10);
        setDefault(flink, RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
        return flink;
    }

    private static <T> void setDefault(
            Configuration target, org.apache.flink.configuration.ConfigOption<T> option, T value) {
        if (!target.contains(option)) {
            target.set(option, value);
        }
    }

    /** Defines the job on {@code env}. */
    public void define(StreamExecutionEnvironment env, RbacObjects rbac, BuiltinMode mode) {
        String bootstrap = required(KafkaOptions.BOOTSTRAP_SERVERS);
        Properties properties = KafkaProperties.of(config);
        KafkaSourceBuilder<DecodedRecord> audit = AuditSource.decoded(config);
        DataStream<RbacUpdate> rbacTopic = config.getOptional(KafkaOptions.RBAC_TOPIC)
                .map(topic -> {
                    KafkaSourceBuilder<RbacUpdate> source = KafkaSource.<RbacUpdate>builder()
                            .setBootstrapServers(bootstrap)
                            .setTopics(topic)
                            .setGroupId(config.get(KafkaOptions.GROUP_ID) + "-rbac")
                            .setStartingOffsets(OffsetsInitializer.earliest())
                            .setDeserializer(new RbacTopicDeserializer(config.get(KafkaOptions.MAX_MESSAGE_BYTES)))
                            .setProperties(properties);
                    if (config.get(KafkaOptions.STOP_AT_LATEST)) {
                        source.setBounded(OffsetsInitializer.latest());
                    }
                    return env.fromSource(
                                    finishing(source.build()),
                                    WatermarkStrategy.<RbacUpdate>forMonotonousTimestamps()
                                            .withTimestampAssigner((update, previous) -> update.timeMicros / 1000)
                                            .withIdleness(config.get(RequestOptions.IDLENESS)),
                                    "RBAC topic")
                            .uid("rbac-source");
                })
                .orElse(null);
        ReviewSettings review = ReviewSettings.of(config, version);
        StreamJob.Outputs outputs = new StreamJob(RbacJson.write(rbac), mode, config, review)
                .build(env, finishing(new SplitWatermarksSource<>(audit.build())), rbacTopic);
        config.getOptional(KafkaOptions.FINDINGS_TOPIC).ifPresent(topic -> outputs.findings()
                .sinkTo(StreamSinks.findings(
                        bootstrap, topic, properties, config.get(KafkaOptions.FINDINGS_TRANSACTIONAL_ID_PREFIX)))
                .uid("findings-sink")
                .name("findings topic"));
        config.getOptional(KafkaOptions.DEAD_LETTER_TOPIC).ifPresent(topic -> outputs.deadLetters()
                .sinkTo(StreamSinks.deadLetters(bootstrap, topic, properties))
                .uid("dead-letter-sink")
                .name("dead-letter topic"));
    }

    /** The source, made to finish after a restore too when it is bounded ({@code --stop-at-latest}). */
    private static <T, S extends SourceSplit, E, Q extends Source<T, S, E> & ResultTypeQueryable<T>>
            Source<T, S, E> finishing(Q source) {
        return source.getBoundedness() == Boundedness.BOUNDED ? new FinishingAfterRestoreSource<>(source) : source;
    }

    /** Starts the job on an embedded Flink (or the cluster the environment points at). */
    public JobClient start(RbacObjects rbac, BuiltinMode mode) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration());
        define(env, rbac, mode);
        return env.executeAsync("kube-lpa stream");
    }

    /** The first local port the embedded cluster's Web UI tries; the next ones up to {@code WEB_UI_LAST} follow. */
    public static final int WEB_UI_FIRST = 8081;

    public static final int WEB_UI_LAST = 8090;

    /** Starts the job on an embedded Flink with its Web UI on 127.0.0.1 (the first free port from 8081). */
    public JobClient startWithWebUi(RbacObjects rbac, BuiltinMode mode) throws Exception {
        Configuration flink = flinkConfiguration();
        flink.set(org.apache.flink.configuration.RestOptions.BIND_ADDRESS, "127.0.0.1");
        flink.set(org.apache.flink.configuration.RestOptions.ADDRESS, "127.0.0.1");
        flink.set(org.apache.flink.configuration.RestOptions.BIND_PORT, WEB_UI_FIRST + "-" + WEB_UI_LAST);
        StreamExecutionEnvironment env;
        try {
            env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(flink);
        } catch (org.apache.flink.api.common.InvalidProgramException insideAnotherEnvironment) {
            return start(rbac, mode); // a test cluster or a client context decides where the job runs
        }
        define(env, rbac, mode);
        return env.executeAsync("kube-lpa stream");
    }

    private String required(org.apache.flink.configuration.ConfigOption<String> option) {
        return config.getOptional(option)
                .filter(v -> !v.isBlank())
                .orElseThrow(() -> new IllegalArgumentException("missing " + option.key()));
    }
}
