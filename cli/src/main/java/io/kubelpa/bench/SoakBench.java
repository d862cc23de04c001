package io.kubelpa.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubelpa.demo.LocalKafkaProcess;
import io.kubelpa.demo.ScratchDirectory;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.stream.JobCancellation;
import io.kubelpa.stream.KafkaOptions;
import io.kubelpa.stream.RequestOptions;
import io.kubelpa.stream.StreamOptions;
import io.kubelpa.stream.StreamReviewOptions;
import io.kubelpa.stream.StreamRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code lpa bench --soak}: weeks of state in minutes. A steady stream at a fixed rate whose event
 * time runs {@code daysPerMinute} days per wall-clock minute, from a fixed population of subjects plus
 * new ones appearing all the time (service accounts come and go), into the streaming job on RocksDB
 * with checkpoints, while a TaskManager is killed every {@code killEvery}. It samples the local RocksDB
 * state, the last checkpoint's size and duration, the consumer lag and the heap, and says whether the
 * state stopped growing once the window and the deduplication TTL were full.
 */
public final class SoakBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "soak";
    private static final int STEADY_SUBJECTS = 200;
    /** One event in this many is by a subject never seen before. */
    private static final int NEW_SUBJECT_EVERY = 20;

    /** How the soak runs; every value checked here. */
    public record Settings(
            Duration duration,
            int eventsPerSecond,
            int daysPerMinute,
            Duration window,
            Duration deduplicationTtl,
            Duration killEvery,
            Duration sampleEvery) {
        public Settings {
            if (duration.toSeconds() < 10) {
                throw new IllegalArgumentException("--soak must be at least 10s");
            }
            if (eventsPerSecond < 1 || eventsPerSecond > 1_000_000) {
                throw new IllegalArgumentException("--soak-rate must be between 1 and 1000000 events/s");
            }
            if (daysPerMinute < 1 || daysPerMinute > 1440) {
                throw new IllegalArgumentException("--days-per-minute must be between 1 and 1440");
            }
            if (window.toDays() < 1 || killEvery.isNegative() || sampleEvery.toSeconds() < 1) {
                throw new IllegalArgumentException(
                        "the window must be at least 1d, --kill-every not negative, samples at least 1s apart");
            }
        }

        /** Event time elapsed for {@code wall} of wall-clock time. */
        Duration eventTime(Duration wall) {
            return Duration.ofMillis(wall.toMillis() * daysPerMinute * 1440L);
        }
    }

    private final Path home;

    public SoakBench(Path home) {
        this.home = home;
    }

    public void run(Settings settings, RbacObjects rbac, PrintWriter out) throws Exception {
        try (ScratchDirectory scratchDirectory = new ScratchDirectory("lpa-bench-soak");
                LocalKafkaProcess kafka = LocalKafkaProcess.start(
                        home, scratchDirectory.path().resolve("kafka"), Duration.ofSeconds(90))) {
            Path scratch = scratchDirectory.path();
            kafka.createTopic(TOPIC, 2, Map.of("compression.type", "lz4"));
            Path rocksdb = scratch.resolve("tmp");
            Files.createDirectories(rocksdb);
            Configuration cluster = new Configuration();
            cluster.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
            cluster.set(RestOptions.ADDRESS, "127.0.0.1");
            cluster.set(RestOptions.BIND_PORT, "0");
            cluster.setString("io.tmp.dirs", rocksdb.toString());
            cluster.set(
                    TaskManagerOptions.MANAGED_MEMORY_SIZE, org.apache.flink.configuration.MemorySize.parse("256mb"));
            try (MiniCluster flink = new MiniCluster(new MiniClusterConfiguration.Builder()
                    .setConfiguration(cluster)
                    .setNumTaskManagers(2)
                    .setNumSlotsPerTaskManager(1)
                    .build())) {
                flink.start();
                Configuration job = jobConfig(settings, kafka.bootstrapServers(), scratch);
                StreamRunner runner = new StreamRunner(job, "bench");
                URI rest = flink.getRestAddress().get();
                // Submitted over REST, as to any cluster; the embedded one loads the job's classes from this JVM.
                StreamExecutionEnvironment env = StreamExecutionEnvironment.createRemoteEnvironment(
                        rest.getHost(), rest.getPort(), runner.flinkConfiguration());
                runner.define(env, rbac, BuiltinMode.ROLES_AND_BINDINGS);
                JobClient client = env.executeAsync("kube-lpa soak");
                soak(
                        settings,
                        kafka.bootstrapServers(),
                        flink,
                        rest,
                        client.getJobID().toString(),
                        rocksdb,
                        out);
                JobCancellation.cancelAndAwait(client, Duration.ofSeconds(60));
            }
        }
    }

    private static Configuration jobConfig(Settings settings, String bootstrap, Path scratch) {
        Configuration config = new Configuration();
        config.set(KafkaOptions.BOOTSTRAP_SERVERS, bootstrap);
        config.set(KafkaOptions.TOPICS, List.of(TOPIC));
        config.set(KafkaOptions.GROUP_ID, "soak-job");
        config.set(KafkaOptions.STARTING_OFFSETS, "earliest");
        config.set(StreamReviewOptions.OUTPUT_DIR, scratch.resolve("out").toString());
        config.set(StreamReviewOptions.WINDOW, settings.window());
        config.set(StreamOptions.PARALLELISM, 2);
        config.set(RequestOptions.DEDUPLICATION_TTL, settings.deduplicationTtl());
        config.setString("execution.checkpointing.interval", "10 s");
        config.setString(
                "execution.checkpointing.dir",
                scratch.resolve("checkpoints").toUri().toString());
        config.setString("restart-strategy.type", "fixed-delay");
        config.setString("restart-strategy.fixed-delay.attempts", "1000");
        config.setString("restart-strategy.fixed-delay.delay", "1 s");
        return config;
    }

    /** One row of the soak's table. */
    record Sample(
            Duration elapsed,
            Instant eventTime,
            long produced,
            long lag,
            long localStateBytes,
            long checkpointBytes,
            long checkpointMillis,
            long heapBytes,
            long taskManagersKilled) {}

    private void soak(
            Settings settings,
            String bootstrap,
            MiniCluster flink,
            URI rest,
            String jobId,
            Path rocksdb,
            PrintWriter out)
            throws Exception {
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        AtomicLong produced = new AtomicLong();
        long began = System.nanoTime();
        Thread producer = new Thread(() -> produce(settings, bootstrap, start, began, produced), "soak-producer");
        producer.setDaemon(true);
        producer.start();
        out.printf(
                "soak: %s at %,d events/s, %d days of event time per minute, window %s, deduplication TTL %s,"
                        + " a TaskManager killed every %s%n",
                settings.duration(),
                settings.eventsPerSecond(),
                settings.daysPerMinute(),
                settings.window(),
                settings.deduplicationTtl(),
                settings.killEvery());
        out.printf(
                "%8s %12s %12s %10s %14s %14s %10s %10s %9s%n",
                "elapsed",
                "event day",
                "produced",
                "lag",
                "RocksDB MiB",
                "ckpt incr MiB",
                "ckpt ms",
                "heap MiB",
                "TMs killed");
        out.flush();
        List<Sample> samples = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            sample(settings, flink, rest, jobId, rocksdb, admin, began, start, produced, samples, out);
        }
        producer.interrupt();
        out.println(plateau(samples, settings));
        out.flush();
    }

    private static void sample(
            Settings settings,
            MiniCluster flink,
            URI rest,
            String jobId,
            Path rocksdb,
            Admin admin,
            long began,
            Instant start,
            AtomicLong produced,
            List<Sample> samples,
            PrintWriter out)
            throws Exception {
        long nextKill = settings.killEvery().isZero()
                ? Long.MAX_VALUE
                : settings.killEvery().toNanos();
        int killed = 0;
        int replaced = 0;
        // MiniCluster numbers TaskManagers in start order and never reuses a number: the oldest live one goes.
        java.util.ArrayDeque<Integer> live = new java.util.ArrayDeque<>(List.of(0, 1));
        int next = 2;
        long lastChange = System.nanoTime();
        while (System.nanoTime() - began < settings.duration().toNanos()) {
            Thread.sleep(settings.sampleEvery().toMillis());
            Duration elapsed = Duration.ofNanos(System.nanoTime() - began);
            if (elapsed.toNanos() >= nextKill) {
                flink.terminateTaskManager(live.poll()).get();
                flink.startTaskManager();
                live.add(next++);
                killed++;
                nextKill += settings.killEvery().toNanos();
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > Duration.ofSeconds(30).toNanos()
                    && get(rest.resolve("/taskmanagers")).path("taskmanagers").size() < 2) {
                // One died by itself (a fatal error ends one; Kubernetes would start a new pod): replace it,
                // once the last change had time to register.
                flink.startTaskManager();
                live.add(next++);
                replaced++;
                lastChange = System.nanoTime();
            }
            JsonNode checkpoints = get(rest.resolve("/jobs/" + jobId + "/checkpoints"));
            JsonNode completed = checkpoints.path("latest").path("completed");
            Sample sample = new Sample(
                    elapsed,
                    start.plus(settings.eventTime(elapsed)),
                    produced.get(),
                    produced.get() - committed(admin),
                    size(rocksdb),
                    completed
                            .path("checkpointed_size")
                            .asLong(completed.path("state_size").asLong()),
                    completed.path("end_to_end_duration").asLong(),
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                    killed);
            samples.add(sample);
            out.printf(
                    "%7ds %12s %,12d %,10d %14.1f %14.1f %,10d %,10d %9d%n",
                    sample.elapsed().toSeconds(),
                    sample.eventTime().toString().substring(0, 10),
                    sample.produced(),
                    sample.lag(),
                    sample.localStateBytes() / 1048576.0,
                    sample.checkpointBytes() / 1048576.0,
                    sample.checkpointMillis(),
                    sample.heapBytes() / 1048576,
                    sample.taskManagersKilled());
            out.flush();
        }
        out.printf("TaskManagers killed: %d; died by themselves and replaced: %d%n", killed, replaced);
    }

    /**
     * Whether the state stopped growing: once event time is a window past the start, the last quarter's
     * mean local state against the quarter before it.
     */
    static String plateau(List<Sample> samples, Settings settings) {
        Instant full =
                samples.isEmpty() ? Instant.MAX : samples.get(0).eventTime().plus(settings.window());
        List<Sample> after =
                samples.stream().filter(s -> s.eventTime().isAfter(full)).toList();
        if (after.size() < 8) {
            return "plateau: not judged: fewer than 8 samples after the window filled (run longer or compress"
                    + " event time more)";
        }
        int quarter = after.size() / 4;
        double before = mean(after.subList(after.size() - 2 * quarter, after.size() - quarter));
        double last = mean(after.subList(after.size() - quarter, after.size()));
        double growth = (last - before) / Math.max(1, before);
        return String.format(
                "plateau: RocksDB state %.1f MiB in the last quarter after the window filled, %.1f MiB in the one before"
                        + " (%+.0f%%): %s",
                last / 1048576, before / 1048576, growth * 100, growth < 0.15 ? "flat" : "STILL GROWING");
    }

    private static double mean(List<Sample> samples) {
        return samples.stream().mapToLong(Sample::localStateBytes).average().orElse(0);
    }

    private static void produce(Settings settings, String bootstrap, Instant start, long began, AtomicLong produced) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        Random random = new Random(42);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer())) {
            long sent = 0;
            while (!Thread.currentThread().isInterrupted()) {
                Duration wall = Duration.ofNanos(System.nanoTime() - began);
                long due = wall.toMillis() * settings.eventsPerSecond() / 1000;
                Instant now = start.plus(settings.eventTime(wall));
                for (; sent < due; sent++) {
                    int subject = sent % NEW_SUBJECT_EVERY == 0
                            ? STEADY_SUBJECTS + (int) (sent / NEW_SUBJECT_EVERY)
                            : random.nextInt(STEADY_SUBJECTS);
                    producer.send(new ProducerRecord<>(TOPIC, event(sent, subject, random.nextInt(4), now)));
                }
                produced.set(sent);
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final String[] RESOURCES = {"pods", "configmaps", "services", "secrets"};

    private static byte[] event(long id, int subject, int shape, Instant time) {
        String namespace = "team-" + (subject % 10);
        return ("{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\",\"auditID\":\"soak-"
                        + id + "\",\"stage\":\"ResponseComplete\",\"requestURI\":\"/api/v1/namespaces/" + namespace
                        + "/" + RESOURCES[shape]
                        + "\",\"verb\":\"list\",\"user\":{\"username\":\"system:serviceaccount:"
                        + namespace + ":sa-" + subject + "\",\"groups\":[\"system:serviceaccounts\","
                        + "\"system:authenticated\"]},\"objectRef\":{\"resource\":\"" + RESOURCES[shape]
                        + "\",\"namespace\":\"" + namespace
                        + "\",\"apiVersion\":\"v1\"},\"responseStatus\":{\"code\":200},"
                        + "\"requestReceivedTimestamp\":\"" + time + "\",\"stageTimestamp\":\"" + time + "\","
                        + "\"annotations\":{\"authorization.k8s.io/decision\":\"allow\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static long committed(Admin admin) {
        try {
            return admin.listConsumerGroupOffsets("soak-job").partitionsToOffsetAndMetadata().get().values().stream()
                    .mapToLong(o -> o == null ? 0 : o.offset())
                    .sum();
        } catch (Exception e) {
            return 0; // no commit yet
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(f -> {
                        try {
                            return Files.size(f);
                        } catch (IOException gone) {
                            return 0; // compacted away while walking
                        }
                    })
                    .sum();
        } catch (java.io.UncheckedIOException changing) {
            return -1;
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static JsonNode get(URI uri) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }
}
