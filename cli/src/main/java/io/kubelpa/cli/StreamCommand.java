package io.kubelpa.cli;

import io.kubelpa.findings.Durations;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.stream.KafkaOptions;
import io.kubelpa.stream.KafkaProperties;
import io.kubelpa.stream.RequestOptions;
import io.kubelpa.stream.StreamJobMain;
import io.kubelpa.stream.StreamOptions;
import io.kubelpa.stream.StreamReviewOptions;
import io.kubelpa.stream.StreamRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lpa stream}: the streaming job, Kafka to periodic reviews, until stopped. */
@Command(
        name = "stream",
        mixinStandardHelpOptions = true,
        versionProvider = LpaCommand.Version.class,
        header = "Stream audit logs from Kafka into a continuously current ledger, findings and periodic reviews.",
        description = {
            "Runs the streaming Flink job on an embedded Flink (or, with --jobmanager, on a Flink cluster): every",
            "message shape of `lpa analyze`, each request once, attributed against the RBAC of its time (kept current",
            "by RBAC writes in the stream and an optional RBAC topic), a per-subject ledger in RocksDB over --window,",
            "and every --review-every of event time a review in OUT/reviews/<time>/ (OUT/reviews/latest points at it).",
            "Ctrl-C stops the job with a savepoint; resume it with --savepoint PATH.",
            "",
            "  lpa stream --bootstrap-servers kafka:9092 --topic k8s-audit --rbac manifests/ --out lpa-out/",
            "  lpa stream --config stream.properties --review-every 1d --window 30d"
        },
        footer = ExitCodes.HELP_FOOTER)
final class StreamCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @ArgGroup(exclusive = false, heading = "%nRBAC input:%n")
    RbacInputOptions input = new RbacInputOptions();

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "YAML file of settings (lpa.* and Flink keys); flags override it.")
    Path configFile;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Option(names = "--topic", paramLabel = "TOPIC", arity = "1..*", description = "Audit topics. Repeatable.")
    List<String> topics;

    @Option(names = "--group-id", paramLabel = "ID", description = "Consumer group (default: kube-lpa).")
    String groupId;

    @Option(
            names = "--starting-offsets",
            paramLabel = "WHERE",
            description = "earliest, latest, committed (default; earliest when the group has none) or timestamp:TIME.")
    String startingOffsets;

    @Option(
            names = "--stop-at-latest",
            description = "Read up to the offsets latest at start, write a final review, and finish.")
    boolean stopAtLatest;

    @Option(
            names = "--rbac-topic",
            paramLabel = "TOPIC",
            description = "Topic of RBAC manifests that update the snapshot.")
    String rbacTopic;

    @Option(names = "--findings-topic", paramLabel = "TOPIC", description = "Compacted topic for current findings.")
    String findingsTopic;

    @Option(
            names = "--dead-letter-topic",
            paramLabel = "TOPIC",
            description = "Topic for records that could not be used.")
    String deadLetterTopic;

    @Option(
            names = "--kafka-property",
            paramLabel = "KEY=VALUE",
            description = "Kafka client property for every consumer and producer (SASL, SSL, ...). Repeatable.")
    Map<String, String> kafkaProperties = new TreeMap<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: lpa-out).")
    Path out;

    @Option(names = "--window", paramLabel = "DURATION", description = "Observation window (default: 30d).")
    String window;

    @Option(
            names = "--review-every",
            paramLabel = "DURATION",
            description = "Event time between reviews (default: 24h).")
    String reviewEvery;

    @Mixin
    ReviewFlags review;

    @Option(
            names = "--checkpoint-dir",
            paramLabel = "DIR",
            description = "Checkpoint storage (default: OUT/checkpoints).")
    String checkpointDir;

    @Option(
            names = "--checkpoint-interval",
            paramLabel = "DURATION",
            description = "Checkpoint interval (default: 10s).")
    String checkpointInterval;

    @Option(names = "--parallelism", paramLabel = "N", description = "Parallelism (default: 2).")
    Integer parallelism;

    @Option(
            names = "--savepoint",
            paramLabel = "PATH",
            description = "Resume from this savepoint or retained checkpoint.")
    String savepoint;

    @Option(
            names = "--jobmanager",
            paramLabel = "HOST:PORT",
            description = "Submit to this Flink cluster (REST address) instead.")
    String jobManager;

    @Override
    public Integer call() throws Exception {
        Configuration config = configuration();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RbacObjects rbac = input.loadObjects(System.in, err, common.verbose);
        BuiltinMode mode = input.mode();
        printSettings(out, config);
        StreamRunner runner = new StreamRunner(config, LpaCommand.Version.current());
        JobClient job;
        try {
            job = jobManager == null
                    ? runner.startWithWebUi(rbac, mode)
                    : RemoteSubmission.submit(runner, jobManager, rbac, mode);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
        out.printf(
                "Job %s running; reviews in %s%n",
                job.getJobID(),
                Path.of(config.get(StreamReviewOptions.OUTPUT_DIR)).resolve("reviews"));
        if (jobManager == null) {
            out.printf(
                    "Flink Web UI: http://127.0.0.1:%d (or the next free port up to %d)%n",
                    StreamRunner.WEB_UI_FIRST, StreamRunner.WEB_UI_LAST);
        }
        out.flush();
        Thread stopper = new Thread(() -> stopWithSavepoint(job, config, err), "lpa-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            job.getJobExecutionResult().get();
            Runtime.getRuntime().removeShutdownHook(stopper);
        } catch (ExecutionException e) {
            throw new CliException(ExitCodes.ERROR, "the job failed: " + rootMessage(e));
        }
        out.println("Job finished.");
        return ExitCodes.OK;
    }

    private static void stopWithSavepoint(JobClient job, Configuration config, PrintWriter err) {
        try {
            String path = job.stopWithSavepoint(
                            false,
                            Path.of(config.get(StreamReviewOptions.OUTPUT_DIR), "savepoints")
                                    .toAbsolutePath()
                                    .toUri()
                                    .toString(),
                            SavepointFormatType.CANONICAL)
                    .get();
            err.println("lpa: stopped with savepoint " + path + " (resume with --savepoint " + path + ")");
        } catch (Exception e) {
            err.println("lpa: stopped without savepoint: " + rootMessage(e));
        }
        err.flush();
    }

    Configuration configuration() throws IOException {
        Configuration config = configFile == null ? new Configuration() : fromYaml(configFile);
        setIf(config, KafkaOptions.BOOTSTRAP_SERVERS.key(), bootstrapServers);
        if (topics != null) {
            config.set(KafkaOptions.TOPICS, topics);
        }
        setIf(config, KafkaOptions.GROUP_ID.key(), groupId);
        setIf(config, KafkaOptions.STARTING_OFFSETS.key(), startingOffsets);
        if (stopAtLatest) {
            config.set(KafkaOptions.STOP_AT_LATEST, true);
        }
        setIf(config, KafkaOptions.RBAC_TOPIC.key(), rbacTopic);
        setIf(config, KafkaOptions.FINDINGS_TOPIC.key(), findingsTopic);
        setIf(config, KafkaOptions.DEAD_LETTER_TOPIC.key(), deadLetterTopic);
        kafkaProperties.forEach((name, value) -> config.setString(KafkaProperties.key(name), value));
        setIf(config, StreamReviewOptions.OUTPUT_DIR.key(), out == null ? null : out.toString());
        duration(config, StreamReviewOptions.WINDOW.key(), "--window", window);
        duration(config, StreamReviewOptions.REVIEW_EVERY.key(), "--review-every", reviewEvery);
        review.applyTo(config);
        setIf(
                config,
                "execution.checkpointing.dir",
                checkpointDir == null
                        ? null
                        : Path.of(checkpointDir).toAbsolutePath().toUri().toString());
        duration(config, "execution.checkpointing.interval", "--checkpoint-interval", checkpointInterval);
        if (parallelism != null) {
            config.set(StreamOptions.PARALLELISM, parallelism);
        }
        setIf(config, "execution.state-recovery.path", savepoint);
        if (!config.contains(KafkaOptions.BOOTSTRAP_SERVERS) || !config.contains(KafkaOptions.TOPICS)) {
            throw new CliException(
                    ExitCodes.USAGE, "--bootstrap-servers and --topic are required (or set them in --config)");
        }
        try {
            StreamOptions.validate(config);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "bad setting: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new CliException(ExitCodes.ERROR, e.getMessage());
        }
        return config;
    }

    private static Configuration fromYaml(Path file) throws IOException {
        try {
            return StreamJobMain.fromYaml(file);
        } catch (IOException e) {
            throw new CliException(
                    ExitCodes.USAGE,
                    "--config " + file + ": not YAML ("
                            + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    private static void setIf(Configuration config, String key, String value) {
        if (value != null) {
            config.setString(key, value);
        }
    }

    private static void duration(Configuration config, String key, String flag, String value) {
        if (value == null) {
            return;
        }
        try {
            Duration parsed = Durations.parse(value);
            config.setString(key, parsed.toMillis() + " ms");
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, flag + ": " + e.getMessage());
        }
    }

    private static void printSettings(PrintWriter out, Configuration config) {
        out.println("kube-lpa stream settings:");
        for (var option : List.of(
                KafkaOptions.BOOTSTRAP_SERVERS,
                KafkaOptions.GROUP_ID,
                KafkaOptions.STARTING_OFFSETS,
                KafkaOptions.RBAC_TOPIC,
                KafkaOptions.FINDINGS_TOPIC,
                KafkaOptions.DEAD_LETTER_TOPIC,
                StreamReviewOptions.OUTPUT_DIR)) {
            out.printf("  %-40s %s%n", option.key(), config.getOptional(option).orElse("-"));
        }
        out.printf("  %-40s %s%n", KafkaOptions.TOPICS.key(), config.get(KafkaOptions.TOPICS));
        for (var option : List.of(
                StreamReviewOptions.WINDOW,
                StreamReviewOptions.REVIEW_EVERY,
                StreamReviewOptions.MIN_WINDOW,
                StreamReviewOptions.RBAC_CHANGE_DELAY,
                RequestOptions.MAX_OUT_OF_ORDERNESS,
                RequestOptions.IDLENESS)) {
            out.printf("  %-40s %s%n", option.key(), Durations.format(config.get(option)));
        }
        out.printf(
                "  %-40s %s%n",
                StreamReviewOptions.MAX_NARROW_NAMESPACES.key(), config.get(StreamReviewOptions.MAX_NARROW_NAMESPACES));
        out.printf(
                "  %-40s %s%n", StreamReviewOptions.EXPAND_VERBS.key(), config.get(StreamReviewOptions.EXPAND_VERBS));
        out.printf(
                "  %-40s %s%n",
                StreamReviewOptions.AUDIT_POLICY.key(),
                config.getOptional(StreamReviewOptions.AUDIT_POLICY).orElse("-"));
        out.printf("  %-40s %s%n", StreamOptions.PARALLELISM.key(), config.get(StreamOptions.PARALLELISM));
        out.printf("  %-40s %s%n", KafkaOptions.STOP_AT_LATEST.key(), config.get(KafkaOptions.STOP_AT_LATEST));
        new TreeMap<>(KafkaProperties.of(config))
                .forEach((name, value) -> out.printf(
                        "  %-40s %s%n",
                        KafkaProperties.key(name.toString()),
                        KafkaProperties.isSecret(name.toString()) ? "(hidden)" : value));
        out.flush();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
