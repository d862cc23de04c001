package io.kubelpa.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubelpa.cli.CliRun;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.ManifestReader;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.samples.SampleClusterSimulator;
import io.kubelpa.samples.SampleReplay;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review invariant, tested differentially: every periodic review the streaming job writes equals,
 * in usage, findings, verification and proposal files, what {@code lpa analyze --since <review −
 * window> --until <review>} writes for the same log. Logs from the sample cluster and the simulator
 * (several seeds and scales), on 1 to 3 partitions, read as a backlog or paced while the job runs,
 * a log ending just after a review boundary, an event dated centuries ahead, a backlog stopped with a
 * savepoint and resumed at another parallelism, and a run that loses a TaskManager mid-stream.
 */
class StreamReviewsEqualBoundedAnalysisITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(2)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter REVIEW_NAME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'").withZone(ZoneOffset.UTC);
    private static final Duration WINDOW = Duration.ofDays(2);
    private static final Path RBAC = SampleMessages.SAMPLES.resolve("rbac");
    private static TestingKafka kafka;
    private static RbacObjects rbac;

    @BeforeAll
    static void start() throws Exception {
        kafka = new TestingKafka();
        rbac = new ManifestReader().read(List.of(RBAC)).objects();
    }

    @AfterAll
    static void stop() throws Exception {
        kafka.close();
    }

    @Test
    void theSampleClustersBacklogOnOnePartition(@TempDir Path dir) throws Exception {
        Path log = SampleMessages.SAMPLES.resolve("audit");
        Path out = runBounded("diff-samples", 1, 1, log, dir);
        assertEveryReviewEqualsTheBoundedAnalysis(out, log, 3);
    }

    @Test
    void aSimulatedBacklogOnThreePartitionsWithEventsInterleaved(@TempDir Path dir) throws Exception {
        Path log = simulate(dir.resolve("log"), 7, 4, 2);
        Path out = runBounded("diff-three", 3, 2, log, dir);
        assertEveryReviewEqualsTheBoundedAnalysis(out, log, 4);
    }

    @Test
    void aLogEndingJustAfterAReviewBoundary(@TempDir Path dir) throws Exception {
        Path log = simulate(dir.resolve("log"), 11, 3, 1);
        // One request five seconds into the next day: the last review holds it alone as new evidence. And a watch
        // that starts before a boundary and ends after it: a request of the later window in both jobs.
        appendEvents(
                log,
                request("straggler", "2025-05-04T00:00:05Z", "ResponseComplete"),
                stage("watcher", "watch-1", "RequestReceived", "2025-05-02T23:58:00Z"),
                stage("watcher", "watch-1", "ResponseStarted", "2025-05-02T23:58:00.003Z"),
                stage("watcher", "watch-1", "ResponseComplete", "2025-05-03T00:03:00Z"),
                // A watch that outlives the stage wait: its ResponseStarted decides it, in both jobs.
                stage("watcher", "watch-2", "RequestReceived", "2025-05-02T23:55:00Z"),
                stage("watcher", "watch-2", "ResponseStarted", "2025-05-02T23:55:00.003Z"),
                stage("watcher", "watch-2", "ResponseComplete", "2025-05-03T00:31:00Z"));
        Path out = runBounded("diff-boundary", 2, 2, log, dir);
        assertThat(Files.readSymbolicLink(out.resolve("reviews/latest")).toString())
                .isEqualTo("2025-05-05T00-00-00Z");
        assertEveryReviewEqualsTheBoundedAnalysis(out, log, 4);
    }

    @Test
    void aLogWithAHoleAndAStaleSnapshotIsJudgedAlikeByItsCoveredTimeAndItsOwnDecisions(@TempDir Path dir)
            throws Exception {
        Path log = dir.resolve("log");
        new SampleClusterSimulator(23, 4, 1, true).write(log);
        Path audit = log.resolve("audit");
        // Silent from 06:00 on the first day to noon on the second: the review of the third day's start holds 18
        // hours of log in its two days, less than the minimum of one.
        dropEventsBetween(audit.resolve("audit.log"), "2025-05-01T06:00:00Z", "2025-05-02T12:00:00Z");
        // An allow the RBAC given cannot reproduce, on the fourth day: the reviews that hold it trust no non-use.
        appendEvents(audit, allowedByAGhost("2025-05-04T10:00:00Z"));
        Path out = runBounded("diff-evidence", 2, 2, audit, dir);
        assertEveryReviewEqualsTheBoundedAnalysis(out, audit, 4);

        String holed = Files.readString(out.resolve("reviews/2025-05-03T00-00-00Z/findings.json"));
        assertThat(holed)
                .containsPattern(
                        "the logs cover 1[78]h(\\d+m)? of the window's 1d2\\dh\\d+m, less than the" + " minimum of 1d");
        String stale = Files.readString(out.resolve("reviews/2025-05-05T00-00-00Z/findings.json"));
        assertThat(stale).contains("1 allowed request(s) in the window name a reason the RBAC given cannot reproduce");
        var verification = JSON.readTree(
                out.resolve("reviews/2025-05-05T00-00-00Z/verification.json").toFile());
        assertThat(verification.path("accepted").asInt())
                .as("no proposal is put forward on a snapshot the log contradicts")
                .isZero();
        assertThat(verification.path("withheld").asInt()).isPositive();
    }

    @Test
    void anEventDatedInTheYear2400IsADeadLetterAndMakesNoReview(@TempDir Path dir) throws Exception {
        Path log = simulate(dir.resolve("log"), 17, 3, 1);
        appendEvents(log, request("time-traveller", "2400-01-01T00:00:00Z", "ResponseComplete"));
        kafka.createTopic("diff-future-dead", 1, false);
        Path out = runBounded(
                "diff-future",
                2,
                2,
                log,
                dir,
                config -> config.set(KafkaOptions.DEAD_LETTER_TOPIC, "diff-future-dead"));
        assertThat(Files.readSymbolicLink(out.resolve("reviews/latest")).toString())
                .isEqualTo("2025-05-04T00-00-00Z");
        assertEveryReviewEqualsTheBoundedAnalysis(out, log, 3);
        List<String> reasons = new java.util.ArrayList<>();
        for (var letter : kafka.readAll("diff-future-dead")) {
            reasons.add(JSON.readTree(letter.value()).get("reason").asText());
        }
        assertThat(reasons)
                .as("the simulated log holds one malformed record too")
                .filteredOn(io.kubelpa.audit.format.EventTimeBounds.REASON::equals)
                .hasSize(1);
    }

    @Test
    void aBacklogStoppedWithASavepointAndResumedAtAnotherParallelismFinishesWithTheSameReviews(@TempDir Path dir)
            throws Exception {
        Path log = simulate(dir.resolve("log"), 19, 3, 2);
        String topic = "diff-resume";
        kafka.createTopic(topic, 2, false);
        // Messages dealt to the partitions in turn, in time order in each: both readers take about as long.
        List<byte[]> all = messages(log);
        for (int partition = 0; partition < 2; partition++) {
            List<byte[]> mine = new java.util.ArrayList<>();
            for (int i = partition; i < all.size(); i += 2) {
                mine.add(all.get(i));
            }
            kafka.produceToPartition(topic, partition, mine);
        }
        Path out = dir.resolve("out");
        Configuration first = config(topic, out, 2, true);
        // The broker throttles the first run's readers (a client quota) so that it is reliably stopped halfway;
        // the resumed run, under other client ids, reads at full speed.
        first.setString(KafkaProperties.PREFIX + "client.id.prefix", "throttled");
        kafka.throttleConsumers(List.of("throttled-0", "throttled-1"), 64 * 1024);
        first.setString(KafkaProperties.PREFIX + "max.partition.fetch.bytes", "16384");
        String savepoint = null;
        try (RunningJob running =
                new RunningJob(new StreamRunner(first, "dev").start(rbac, BuiltinMode.ROLES_AND_BINDINGS))) {
            JobClient job = running.client();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (job.getJobStatus().get() != JobStatus.RUNNING) {
                assertThat(System.nanoTime()).as("the job running in time").isLessThan(deadline);
                Thread.sleep(100);
            }
            Thread.sleep(3000); // some of the backlog read and decided before the stop
            for (int attempt = 0; savepoint == null; attempt++) {
                assertThat(job.getJobStatus().get())
                        .as("still reading the backlog when stopped")
                        .isEqualTo(JobStatus.RUNNING);
                try {
                    savepoint = job.stopWithSavepoint(
                                    false, out.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
                            .get();
                } catch (java.util.concurrent.ExecutionException declined) {
                    // A savepoint is declined while a task is closing (a reader at the end of its partition): try
                    // again.
                    assertThat(attempt)
                            .as("savepoint attempts, the last declined: %s", declined.getMessage())
                            .isLessThan(20);
                    Thread.sleep(200);
                }
            }
        }
        Configuration resumed = config(topic, out, 1, true);
        resumed.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        // The stopping offsets were decided at the first start and come back with the state: the job finishes.
        try (RunningJob second =
                new RunningJob(new StreamRunner(resumed, "dev").start(rbac, BuiltinMode.ROLES_AND_BINDINGS))) {
            second.client().getJobExecutionResult().get(120, TimeUnit.SECONDS);
        }
        assertEveryReviewEqualsTheBoundedAnalysis(out, log, 3);
    }

    @Test
    void aPacedLiveStreamThatLosesItsTaskManagers(@TempDir Path dir, @InjectMiniCluster MiniCluster cluster)
            throws Exception {
        Path log = simulate(dir.resolve("log"), 13, 3, 1);
        // Event time moves only with events: the clock, in the log too, moves it past the last day's review.
        byte[] clock = request("clock", "2025-05-04T06:00:00Z", "RequestReceived");
        appendEvents(log, clock);
        String topic = "diff-live";
        kafka.createTopic(topic, 2, false);
        List<byte[]> messages = messages(log).stream()
                .filter(m -> !new String(m, StandardCharsets.UTF_8).contains("\"clock\""))
                .toList();
        Path out = dir.resolve("out");
        Configuration config = config(topic, out, 2, false);
        // A reader slow to come back after the failover must hold event time back, not be declared idle.
        config.set(RequestOptions.IDLENESS, Duration.ofHours(1));
        try (RunningJob running =
                new RunningJob(new StreamRunner(config, "dev").start(rbac, BuiltinMode.ROLES_AND_BINDINGS))) {
            JobClient job = running.client();
            int third = messages.size() / 3;
            kafka.produce(topic, messages.subList(0, third));
            CompletedCheckpoints.await(out, job);
            kafka.produce(topic, messages.subList(third, 2 * third));
            cluster.terminateTaskManager(0).get();
            cluster.startTaskManager();
            kafka.produce(topic, messages.subList(2 * third, messages.size()));
            kafka.produceToEveryPartition(topic, clock);
            Path last = out.resolve("reviews").resolve("2025-05-04T00-00-00Z");
            long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
            while (!Files.exists(last.resolve("verification.json"))) {
                assertThat(System.nanoTime())
                        .as("the review of the last day, in time")
                        .isLessThan(deadline);
                Thread.sleep(200);
            }
        }
        assertEveryReviewEqualsTheBoundedAnalysis(out, log, 3);
    }

    /** Writes a simulated log and returns its audit directory. */
    private static Path simulate(Path dir, long seed, int days, int scale) throws IOException {
        new SampleClusterSimulator(seed, days, scale).write(dir);
        return dir.resolve("audit");
    }

    private static List<byte[]> messages(Path log) throws IOException {
        return SampleReplay.messages(log).stream()
                .map(SampleReplay.Message::bytes)
                .toList();
    }

    private static byte[] request(String user, String time, String stage) {
        return stage(user, user + "-" + time, stage, time);
    }

    /** One stage of a request that the API server forbade (no RBAC grant explains it). */
    private static byte[] stage(String user, String auditID, String stage, String time) {
        return ("{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\",\"auditID\":\"" + auditID
                        + "\",\"stage\":\"" + stage
                        + "\",\"requestURI\":\"/api/v1/namespaces/payments/pods\",\"verb\":\"list\","
                        + "\"user\":{\"username\":\"" + user + "\",\"groups\":[\"system:authenticated\"]},"
                        + "\"objectRef\":{\"resource\":\"pods\",\"namespace\":\"payments\",\"apiVersion\":\"v1\"},"
                        + "\"responseStatus\":{\"code\":403},\"annotations\":{\"authorization.k8s.io/decision\":\"forbid\"},"
                        + "\"requestReceivedTimestamp\":\"" + time + "\",\"stageTimestamp\":\"" + time + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void dropEventsBetween(Path file, String from, String until) throws IOException {
        Instant start = Instant.parse(from);
        Instant end = Instant.parse(until);
        List<String> kept = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String time = line.isBlank()
                    ? ""
                    : JSON.readTree(line).path("stageTimestamp").asText("");
            if (time.isEmpty()
                    || Instant.parse(time).isBefore(start)
                    || !Instant.parse(time).isBefore(end)) {
                kept.add(line);
            }
        }
        Files.write(file, kept);
    }

    /** An allowed request whose logged reason names a binding the RBAC given does not have. */
    private static byte[] allowedByAGhost(String time) {
        return ("{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\",\"auditID\":\"ghost-"
                        + time
                        + "\",\"stage\":\"ResponseComplete\",\"requestURI\":\"/api/v1/namespaces/payments/secrets\","
                        + "\"verb\":\"list\",\"user\":{\"username\":\"mallory\",\"groups\":[\"system:authenticated\"]},"
                        + "\"objectRef\":{\"resource\":\"secrets\",\"namespace\":\"payments\",\"apiVersion\":\"v1\"},"
                        + "\"responseStatus\":{\"code\":200},\"annotations\":{\"authorization.k8s.io/decision\":\"allow\","
                        + "\"authorization.k8s.io/reason\":\"RBAC: allowed by ClusterRoleBinding \\\"ghost\\\" of ClusterRole"
                        + " \\\"ghost\\\" to User \\\"mallory\\\"\"},"
                        + "\"requestReceivedTimestamp\":\"" + time + "\",\"stageTimestamp\":\"" + time + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void appendEvents(Path log, byte[]... events) throws IOException {
        Path file = Files.createDirectories(log.resolve("extra")).resolve("extra.log");
        for (byte[] event : events) {
            Files.write(
                    file,
                    (new String(event, StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8),
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        }
    }

    private static Configuration config(String topic, Path out, int parallelism, boolean bounded) {
        Configuration config = kafka.jobConfig(topic, out, parallelism, bounded);
        config.set(StreamReviewOptions.WINDOW, WINDOW);
        config.set(StreamReviewOptions.MIN_WINDOW, Duration.ofDays(1));
        return config;
    }

    /** The whole log put on a topic first, then read as a backlog to its end (a first deployment's run). */
    private static Path runBounded(String topic, int partitions, int parallelism, Path log, Path dir) throws Exception {
        return runBounded(topic, partitions, parallelism, log, dir, config -> {});
    }

    private static Path runBounded(
            String topic,
            int partitions,
            int parallelism,
            Path log,
            Path dir,
            java.util.function.Consumer<Configuration> settings)
            throws Exception {
        kafka.createTopic(topic, partitions, false);
        kafka.produce(topic, messages(log));
        Path out = dir.resolve("out");
        Configuration config = config(topic, out, parallelism, true);
        settings.accept(config);
        new StreamRunner(config, "dev")
                .start(rbac, BuiltinMode.ROLES_AND_BINDINGS)
                .getJobExecutionResult()
                .get();
        return out;
    }

    /** Each periodic review (a whole day) against lpa analyze of its window; at least {@code expected} of them. */
    private static void assertEveryReviewEqualsTheBoundedAnalysis(Path out, Path log, int expected) throws Exception {
        List<Path> reviews;
        try (Stream<Path> list = Files.list(out.resolve("reviews"))) {
            reviews = list.filter(p -> !p.getFileName().toString().startsWith(".")
                            && !p.getFileName().toString().equals("latest"))
                    .sorted()
                    .toList();
        }
        int periodic = 0;
        for (Path review : reviews) {
            Instant time = Instant.from(REVIEW_NAME.parse(review.getFileName().toString()));
            if (time.toEpochMilli() % Duration.ofDays(1).toMillis() != 0) {
                // An RBAC-change re-evaluation: evidence up to the last review against newer RBAC; it proposes nothing.
                assertThat(JSON.readTree(review.resolve("verification.json").toFile())
                                .get("accepted")
                                .asInt())
                        .as("proposals accepted by the re-evaluation %s", review.getFileName())
                        .isZero();
                continue;
            }
            periodic++;
            Path bounded = out.resolve("bounded").resolve(review.getFileName().toString());
            CliRun analyze = CliRun.lpa(
                    "analyze",
                    "--rbac",
                    RBAC.toString(),
                    "--builtin-bindings",
                    "--audit-log",
                    log.toString(),
                    "--out",
                    bounded.toString(),
                    "--since",
                    time.minus(WINDOW).toString(),
                    "--until",
                    time.toString(),
                    "--min-window",
                    "1d",
                    "-q");
            assertThat(analyze.exitCode()).as(analyze.err()).isZero();
            assertSameReview(review, bounded);
        }
        assertThat(periodic).as("periodic reviews in %s", reviews).isGreaterThanOrEqualTo(expected);
    }

    private static void assertSameReview(Path stream, Path bounded) throws Exception {
        String name = stream.getFileName().toString();
        assertSameLines(usage(stream), usage(bounded), "usage of the review " + name);
        assertSameLines(findings(stream), findings(bounded), "findings of the review " + name);
        assertSameLines(
                lines(stream.resolve("verification.json")),
                lines(bounded.resolve("verification.json")),
                "verification of the review " + name);
        assertThat(files(stream.resolve("proposals")))
                .as("proposal files of the review %s", name)
                .isEqualTo(files(bounded.resolve("proposals")));
    }

    /** Equal line for line; a difference is reported as the lines only one side has, so it reads as a diff. */
    private static void assertSameLines(List<String> streamed, List<String> bounded, String what) {
        List<String> onlyStreamed =
                streamed.stream().filter(line -> !bounded.contains(line)).toList();
        List<String> onlyBounded =
                bounded.stream().filter(line -> !streamed.contains(line)).toList();
        assertThat(onlyStreamed)
                .as("%s: lines only the stream has (and only lpa analyze has: %s)", what, onlyBounded)
                .isEmpty();
        assertThat(onlyBounded).as("%s: lines only lpa analyze has", what).isEmpty();
        assertThat(streamed).as(what).containsExactlyElementsOf(bounded);
    }

    /** usage.json without its counters (the stream counts records per review, not per log). */
    private static List<String> usage(Path review) throws IOException {
        ObjectNode usage =
                (ObjectNode) JSON.readTree(review.resolve("usage.json").toFile());
        usage.remove("counters");
        // Which hours each file holds is known to lpa analyze only: the stream's reviews do not keep it yet.
        ((ObjectNode) usage.path("window")).remove(List.of("coveredSeconds", "gaps"));
        usage.remove("reasonMismatchExamples");
        return List.of(
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(usage).split("\n"));
    }

    /** findings.json without the RBAC files' locations (the stream is given objects, not files). */
    private static List<String> findings(Path review) throws IOException {
        ObjectNode findings =
                (ObjectNode) JSON.readTree(review.resolve("findings.json").toFile());
        findings.remove("locations");
        return List.of(JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(findings)
                .split("\n"));
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file);
    }

    private static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> list = Files.walk(dir)) {
                for (Path file : list.filter(Files::isRegularFile).toList()) {
                    files.put(dir.relativize(file).toString(), Files.readString(file));
                }
            }
        }
        return files;
    }
}
