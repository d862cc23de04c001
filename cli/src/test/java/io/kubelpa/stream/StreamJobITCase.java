package io.kubelpa.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.ManifestReader;
import io.kubelpa.rbac.RbacObjects;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming job against a real Kafka broker (KRaft, in this JVM) on a Flink MiniCluster with two
 * TaskManagers and RocksDB: its final review's ledger equals the bounded analysis of the same logs,
 * also when a TaskManager is lost mid-stream or the job is stopped with a savepoint and resumed at
 * another parallelism; bad messages are dead-lettered and counted, and the job keeps running.
 */
class StreamJobITCase {
    /** The metrics the job registers, kept after it ends. */
    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(METRICS.addToConfiguration(new Configuration()))
            .setNumberTaskManagers(2)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestingKafka kafka;
    private static List<byte[]> samples;
    private static RbacObjects rbac;

    @BeforeAll
    static void start() throws Exception {
        kafka = new TestingKafka();
        samples = SampleMessages.all();
        rbac = new ManifestReader()
                .read(List.of(SampleMessages.SAMPLES.resolve("rbac")))
                .objects();
    }

    @AfterAll
    static void stop() throws Exception {
        kafka.close();
    }

    private static Configuration config(String topic, Path out, int parallelism, boolean bounded) {
        Configuration config = kafka.jobConfig(topic, out, parallelism, bounded);
        config.set(StreamReviewOptions.WINDOW, Duration.ofDays(3650));
        config.set(RequestOptions.IDLENESS, Duration.ofMillis(500));
        return config;
    }

    /**
     * A job that runs until cancelled. Event time moves only when every reader has seen the clock event
     * (sent to every partition): with idleness, a reader slow to come back after a failover would be
     * declared idle and its records would arrive after the review they belong to.
     */
    private static Configuration liveConfig(String topic, Path out, int parallelism) {
        Configuration config = config(topic, out, parallelism, false);
        config.set(RequestOptions.IDLENESS, Duration.ofHours(1));
        return config;
    }

    private static JobClient run(Configuration config) throws Exception {
        return new StreamRunner(config, "test").start(rbac, BuiltinMode.ROLES_AND_BINDINGS);
    }

    private static final String FINAL_REVIEW = "2025-05-04T00-00-00Z";

    @Test
    void theFinalReviewEqualsTheBoundedAnalysisAndBadMessagesAreDeadLettered(@TempDir Path out) throws Exception {
        kafka.createTopic("audit-all", 2, false);
        kafka.createTopic("findings", 1, true);
        kafka.createTopic("dead-letters", 1, false);
        List<byte[]> messages = new ArrayList<>(samples);
        messages.add("not json at all".getBytes(StandardCharsets.UTF_8));
        messages.add(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xc3, (byte) 0x28, '"', '}'});
        messages.add(("{\"kind\":\"Event\",\"auditID\":\"" + "x".repeat(1100 * 1024) + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        kafka.produce("audit-all", messages);
        Configuration config = config("audit-all", out, 2, true);
        config.set(KafkaOptions.FINDINGS_TOPIC, "findings");
        config.set(KafkaOptions.DEAD_LETTER_TOPIC, "dead-letters");
        JobClient job = run(config);
        job.getJobExecutionResult().get();

        Path latest = out.resolve("reviews").resolve("latest");
        assertThat(Files.isSymbolicLink(latest)).isTrue();
        assertThat(latest.toRealPath().getFileName().toString()).isEqualTo(FINAL_REVIEW);
        SampleLedger.assertEqualsTheBoundedAnalysis(latest);
        try (Stream<Path> reviews = Files.list(out.resolve("reviews"))) {
            assertThat(reviews.filter(p -> !p.getFileName().toString().startsWith("latest")
                            && !p.getFileName().toString().startsWith(".")))
                    .hasSizeGreaterThanOrEqualTo(3);
        }
        assertThat(((Counter) METRICS.findMetric(job.getJobID(), "lpa.reviewsWritten")
                                .orElseThrow())
                        .getCount())
                .as("reviews written, as the review directories count them")
                .isGreaterThanOrEqualTo(3);
        assertThat(METRICS.findMetric(job.getJobID(), "lpa.latestReviewTimeMillis"))
                .get()
                .satisfies(gauge -> assertThat(((Gauge<?>) gauge).getValue())
                        .isEqualTo(Instant.parse("2025-05-04T00:00:00Z").toEpochMilli()));
        assertThat(latest.resolve("findings.json")).exists();
        assertThat(latest.resolve("verification.json")).exists();

        Map<String, Long> reasons = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> dead : kafka.readAll("dead-letters")) {
            JsonNode letter = JSON.readTree(dead.value());
            reasons.merge(letter.get("reason").asText(), 1L, Long::sum);
            assertThat(letter.get("location").asText()).startsWith("audit-all-");
            assertThat(new String(dead.value(), StandardCharsets.UTF_8)).doesNotContain("xxxxxxxxxx");
        }
        assertThat(reasons).containsEntry("oversized", 1L);
        assertThat(reasons.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(4);

        List<ConsumerRecord<byte[], byte[]>> findings = kafka.readAll("findings");
        assertThat(findings).isNotEmpty().allSatisfy(f -> assertThat(f.key()).isNotNull());
        JsonNode lastFindings =
                JSON.readTree(latest.resolve("findings.json").toFile()).get("findings");
        Map<String, byte[]> current = new TreeMap<>();
        findings.forEach(f -> current.put(new String(f.key(), StandardCharsets.UTF_8), f.value()));
        current.values().removeIf(v -> v == null);
        assertThat(current).hasSize(lastFindings.size());
    }

    @Test
    void losingATaskManagerMidStreamLeavesTheLedgerAsIfNothingHappened(
            @TempDir Path out, @InjectMiniCluster MiniCluster cluster) throws Exception {
        kafka.createTopic("audit-failover", 2, false);
        int half = samples.size() / 2;
        kafka.produce("audit-failover", samples.subList(0, half));
        JobClient job = run(liveConfig("audit-failover", out, 2));
        Path review = out.resolve("reviews").resolve(FINAL_REVIEW);
        try (RunningJob running = new RunningJob(job)) {
            CompletedCheckpoints.await(out, job);
            // Every TaskManager goes, whichever runs the tasks; fresh ones take over from the last checkpoint.
            cluster.terminateTaskManager(1).get();
            cluster.terminateTaskManager(0).get();
            cluster.startTaskManager();
            cluster.startTaskManager();
            kafka.produce("audit-failover", samples.subList(half, samples.size()));
            kafka.produceToEveryPartition("audit-failover", SampleMessages.clock("2025-05-06T12:00:00Z"));
            SampleLedger.awaitFile(review.resolve("verification.json"), Duration.ofSeconds(120));
        }
        assertThat(cluster.getArchivedExecutionGraph(job.getJobID()).get().getStatusTimestamp(JobStatus.RESTARTING))
                .as("the job failed over")
                .isPositive();
        SampleLedger.assertEqualsTheBoundedAnalysis(review);
    }

    @Test
    void aPartitionBehindTheOthersHoldsEventTimeBack(@TempDir Path out) throws Exception {
        // One reader for both partitions; partition 0 holds nothing but the closing clock event, partition 1
        // the whole log before its own. Should event time follow partition 0, the whole log would come late.
        kafka.createTopic("audit-lagging", 2, false);
        kafka.produceToPartition("audit-lagging", 0, List.of(SampleMessages.clock("2025-05-06T12:00:00Z")));
        List<byte[]> behind = new ArrayList<>(samples);
        behind.add(SampleMessages.clock("2025-05-06T12:00:01Z"));
        kafka.produceToPartition("audit-lagging", 1, behind);
        Configuration config = liveConfig("audit-lagging", out, 1);
        // Small fetches, so the reader goes back and forth between the partitions.
        config.setString(KafkaProperties.PREFIX + "max.partition.fetch.bytes", "4096");
        Path review = out.resolve("reviews").resolve(FINAL_REVIEW);
        try (RunningJob job = new RunningJob(run(config))) {
            SampleLedger.awaitFile(review.resolve("verification.json"), Duration.ofSeconds(120));
        }
        SampleLedger.assertEqualsTheBoundedAnalysis(review);
    }

    @Test
    void stoppingWithASavepointAndResumingAtAnotherParallelismKeepsTheLedger(@TempDir Path out) throws Exception {
        kafka.createTopic("audit-savepoint", 2, false);
        int half = samples.size() / 2;
        kafka.produce("audit-savepoint", samples.subList(0, half));
        String savepoint;
        try (RunningJob first = new RunningJob(run(liveConfig("audit-savepoint", out, 2)))) {
            CompletedCheckpoints.await(out, first.client());
            savepoint = first.client()
                    .stopWithSavepoint(
                            false, out.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
                    .get(120, java.util.concurrent.TimeUnit.SECONDS);
        }
        kafka.produce("audit-savepoint", samples.subList(half, samples.size()));
        kafka.produceToEveryPartition("audit-savepoint", SampleMessages.clock("2025-05-06T12:00:00Z"));
        Configuration resumed = liveConfig("audit-savepoint", out, 1);
        resumed.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        Path review = out.resolve("reviews").resolve(FINAL_REVIEW);
        try (RunningJob second = new RunningJob(run(resumed))) {
            SampleLedger.awaitFile(review.resolve("verification.json"), Duration.ofSeconds(120));
        }
        SampleLedger.assertEqualsTheBoundedAnalysis(review);
    }

    @Test
    void lpaStreamRunsTheJobFromTheCommandLine(@TempDir Path out) throws Exception {
        kafka.createTopic("audit-cli", 1, false);
        kafka.produce("audit-cli", samples);
        Path config = out.resolve("stream.yaml");
        Files.writeString(
                config,
                "lpa.review-every: 24 h\nlpa.event-time.idleness: 500 ms\nexecution.checkpointing.interval: 500 ms\n");
        var run = io.kubelpa.cli.CliRun.lpa(
                "stream",
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--topic",
                "audit-cli",
                "--rbac",
                SampleMessages.SAMPLES.resolve("rbac").toString(),
                "--builtin-bindings",
                "--out",
                out.toString(),
                "--starting-offsets",
                "earliest",
                "--stop-at-latest",
                "--window",
                "3650d",
                "--parallelism",
                "1",
                "--config",
                config.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("lpa.kafka.topics", "[audit-cli]", "Job finished.");
        assertThat(run.out())
                .containsPattern("lpa.review.expand-verbs +none")
                .containsPattern("lpa.review.rbac-change-delay +1m");
        SampleLedger.assertEqualsTheBoundedAnalysis(out.resolve("reviews").resolve("latest"));
    }

    @Test
    void lpaStreamRefusesBadSettingsBeforeStarting(@TempDir Path dir) throws Exception {
        var missing = io.kubelpa.cli.CliRun.lpa(
                "stream", "--rbac", SampleMessages.SAMPLES.resolve("rbac").toString());
        assertThat(missing.exitCode()).isEqualTo(io.kubelpa.cli.ExitCodes.USAGE);
        assertThat(missing.err()).contains("--bootstrap-servers and --topic are required");
        var badWindow = io.kubelpa.cli.CliRun.lpa(
                "stream",
                "--bootstrap-servers",
                "127.0.0.1:1",
                "--topic",
                "t",
                "--rbac",
                SampleMessages.SAMPLES.resolve("rbac").toString(),
                "--window",
                "1d",
                "--review-every",
                "2d");
        assertThat(badWindow.exitCode()).isEqualTo(io.kubelpa.cli.ExitCodes.USAGE);
        assertThat(badWindow.err()).contains("lpa.review-every must be positive and not longer than lpa.window");
        var badOffsets = io.kubelpa.cli.CliRun.lpa(
                "stream",
                "--bootstrap-servers",
                "127.0.0.1:1",
                "--topic",
                "t",
                "--rbac",
                SampleMessages.SAMPLES.resolve("rbac").toString(),
                "--starting-offsets",
                "yesterday");
        assertThat(badOffsets.exitCode()).isEqualTo(io.kubelpa.cli.ExitCodes.USAGE);
        assertThat(badOffsets.err()).contains("starting offsets must be earliest, latest, committed or timestamp:");
        var badVerbs = io.kubelpa.cli.CliRun.lpa(
                "stream",
                "--bootstrap-servers",
                "127.0.0.1:1",
                "--topic",
                "t",
                "--rbac",
                SampleMessages.SAMPLES.resolve("rbac").toString(),
                "--expand-verbs",
                "all");
        assertThat(badVerbs.exitCode()).isEqualTo(io.kubelpa.cli.ExitCodes.USAGE);
        assertThat(badVerbs.err()).contains("--expand-verbs must be none or read, not 'all'");
        var missingPolicy = io.kubelpa.cli.CliRun.lpa(
                "stream",
                "--bootstrap-servers",
                "127.0.0.1:1",
                "--topic",
                "t",
                "--rbac",
                SampleMessages.SAMPLES.resolve("rbac").toString(),
                "--audit-policy",
                "no-such-policy.yaml");
        assertThat(missingPolicy.exitCode()).isEqualTo(io.kubelpa.cli.ExitCodes.ERROR);
        assertThat(missingPolicy.err()).contains("cannot read the audit policy").contains("no-such-policy.yaml");
        Path negativeHeld = Files.writeString(dir.resolve("held.yaml"), "lpa.requests.held-in-memory: -1\n");
        var badHeld = io.kubelpa.cli.CliRun.lpa(
                "stream",
                "--bootstrap-servers",
                "127.0.0.1:1",
                "--topic",
                "t",
                "--rbac",
                SampleMessages.SAMPLES.resolve("rbac").toString(),
                "--config",
                negativeHeld.toString());
        assertThat(badHeld.exitCode()).isEqualTo(io.kubelpa.cli.ExitCodes.USAGE);
        assertThat(badHeld.err()).contains("lpa.requests.held-in-memory must not be negative");
    }

    @Test
    void anRbacTopicBringsInABindingTheStartingRbacLacks(@TempDir Path out) throws Exception {
        kafka.createTopic("audit-rbac-topic", 1, false);
        kafka.createTopic("rbac-manifests", 1, false);
        kafka.produce("audit-rbac-topic", samples);
        RoleBinding missing = rbac.roleBindings().stream()
                .filter(b -> b.getMetadata().getName().equals("payments-api"))
                .findFirst()
                .orElseThrow();
        RbacObjects without = new RbacObjects(
                rbac.roles(),
                rbac.clusterRoles(),
                rbac.roleBindings().stream().filter(b -> b != missing).toList(),
                rbac.clusterRoleBindings());
        String manifest =
                "# published by the RBAC watcher\n" + new io.kubelpa.manifest.ManifestYamlWriter().write(missing);
        long before = java.time.Instant.parse("2025-04-30T00:00:00Z").toEpochMilli();
        kafka.produceAt("rbac-manifests", before, manifest.getBytes(StandardCharsets.UTF_8));
        // Broken messages on the RBAC topic are dead letters, never silently ignored, and change nothing.
        kafka.produceAt("rbac-manifests", before, "kind: Role\nrules: [unclosed\n".getBytes(StandardCharsets.UTF_8));
        kafka.produceAt(
                "rbac-manifests",
                before,
                "{\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\"}}".getBytes(StandardCharsets.UTF_8));
        kafka.produceAt("rbac-manifests", before, null);
        kafka.createTopic("dead-letters-rbac", 1, false);
        Configuration config = config("audit-rbac-topic", out, 1, true);
        config.set(KafkaOptions.RBAC_TOPIC, "rbac-manifests");
        config.set(KafkaOptions.DEAD_LETTER_TOPIC, "dead-letters-rbac");
        new StreamRunner(config, "test")
                .start(without, BuiltinMode.ROLES_AND_BINDINGS)
                .getJobExecutionResult()
                .get();
        SampleLedger.assertEqualsTheBoundedAnalysis(out.resolve("reviews").resolve("latest"));
        Map<String, String> rbacDeadLetters = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> dead : kafka.readAll("dead-letters-rbac")) {
            JsonNode letter = JSON.readTree(dead.value());
            if (letter.get("location").asText().startsWith("rbac-manifests-")) {
                rbacDeadLetters.put(
                        letter.get("location").asText(), letter.get("reason").asText());
            }
        }
        assertThat(rbacDeadLetters)
                .containsOnly(
                        Map.entry("rbac-manifests-0@1", "invalid-rbac-manifest"),
                        Map.entry("rbac-manifests-0@2", "no-rbac-objects"),
                        Map.entry("rbac-manifests-0@3", "empty"));
    }
}
