package io.kubelpa.bench;

import io.kubelpa.demo.LocalKafkaProcess;
import io.kubelpa.demo.ScratchDirectory;
import io.kubelpa.job.JobCounters;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.stream.KafkaOptions;
import io.kubelpa.stream.RequestOptions;
import io.kubelpa.stream.StreamOptions;
import io.kubelpa.stream.StreamReviewOptions;
import io.kubelpa.stream.StreamRunner;
import io.kubelpa.usage.UsageCounters;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The streaming half of {@code lpa bench}: a local broker loaded with the generated logs, then in the
 * same run, per log, (a) one thread consuming its topic and extracting the needed fields, (b) the
 * streaming job reading it to the end, and (c) its floors; events/s and CPU µs per event of each, their
 * ratios, the marginal cost of the larger log beyond the smaller, and the heap after the jobs.
 */
public final class StreamBench {
    private final Path home;

    public StreamBench(Path home) {
        this.home = home;
    }

    /**
     * Heap with many distinct subjects: {@code subjects} allowed requests, each by its own service
     * account, through the streaming job; the heap in use after every collection while it runs.
     * Per-subject state is in RocksDB, so the samples before the final review stay flat.
     */
    public void heap(int subjects, RbacObjects rbac, PrintWriter out) throws Exception {
        try (ScratchDirectory scratchDirectory = new ScratchDirectory("lpa-bench-heap");
                LocalKafkaProcess kafka = LocalKafkaProcess.start(
                        home, scratchDirectory.path().resolve("kafka"), Duration.ofSeconds(90))) {
            Path scratch = scratchDirectory.path();
            kafka.createTopic("subjects", 2, Map.of("compression.type", "lz4"));
            Properties properties = new Properties();
            properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
            try (KafkaProducer<byte[], byte[]> producer =
                    new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer())) {
                for (int i = 0; i < subjects; i++) {
                    producer.send(new ProducerRecord<>("subjects", event(i).getBytes(StandardCharsets.UTF_8)));
                }
            }
            Configuration config = new Configuration();
            config.set(KafkaOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
            config.set(KafkaOptions.TOPICS, List.of("subjects"));
            config.set(KafkaOptions.STARTING_OFFSETS, "earliest");
            config.set(KafkaOptions.STOP_AT_LATEST, true);
            config.set(StreamReviewOptions.OUTPUT_DIR, scratch.resolve("out").toString());
            config.set(RequestOptions.IDLENESS, Duration.ofSeconds(1));
            config.setString("execution.checkpointing.interval", "10 s");
            long start = System.nanoTime();
            try (HeapAfterCollections heap = new HeapAfterCollections()) {
                new StreamRunner(config, "bench")
                        .start(rbac, BuiltinMode.ROLES_AND_BINDINGS)
                        .getJobExecutionResult()
                        .get();
                out.printf(
                        "%,d distinct subjects in %.1f s; heap in use after each of %,d collections (%.1f s of GC): "
                                + "median %,d MiB, max %,d MiB (the final review included)%n",
                        subjects,
                        (System.nanoTime() - start) / 1e9,
                        heap.collections(),
                        heap.gcMillis() / 1000.0,
                        heap.median() / (1024 * 1024),
                        heap.max() / (1024 * 1024));
            }
            out.flush();
        }
    }

    /** An allowed list of pods in namespace bench by service account sa-{@code i}, through the view role. */
    private static String event(int i) {
        String time = java.time.Instant.ofEpochSecond(1_746_057_600L + i / 100).toString();
        return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\",\"auditID\":\"heap-" + i
                + "\",\"stage\":\"ResponseComplete\",\"requestURI\":\"/api/v1/namespaces/bench/pods\",\"verb\":\"list\","
                + "\"user\":{\"username\":\"system:serviceaccount:bench:sa-" + i
                + "\",\"groups\":[\"system:serviceaccounts\","
                + "\"system:serviceaccounts:bench\",\"system:authenticated\"]},\"objectRef\":{\"resource\":\"pods\","
                + "\"namespace\":\"bench\",\"apiVersion\":\"v1\"},\"responseStatus\":{\"code\":200},"
                + "\"requestReceivedTimestamp\":\"" + time + "\",\"stageTimestamp\":\"" + time + "\","
                + "\"annotations\":{\"authorization.k8s.io/decision\":\"allow\"}}";
    }

    /** The streaming job's target: its marginal rate against one consuming and extracting thread's. */
    static final Ratios.Target TARGET = new Ratios.Target(0.5, false);

    /** The measurements of one log size. */
    private record Sized(Measurement baseline, Measurement job, List<Measurement> floors) {}

    /**
     * {@code logs}: one or two JSON-lines logs, the smaller first, each loaded into its own topic. With two,
     * the marginal lines compare the larger log's runs with the smaller's. {@code floorsFirst}: the floors
     * run before the job, the deepest first, so that the first of them starts with a JIT as cold as the
     * job's (after it, they run warm: their best case); then no warm-up runs before them.
     */
    public void run(List<Path> logs, RbacObjects rbac, int parallelism, boolean floorsFirst, PrintWriter out)
            throws Exception {
        try (ScratchDirectory scratchDirectory = new ScratchDirectory("lpa-bench-stream");
                LocalKafkaProcess kafka = LocalKafkaProcess.start(
                        home, scratchDirectory.path().resolve("kafka"), Duration.ofSeconds(90))) {
            List<Sized> sizes = new ArrayList<>();
            for (int i = 0; i < logs.size(); i++) {
                String topic = "bench-" + i;
                kafka.createTopic(topic, parallelism, Map.of("compression.type", "lz4"));
                long start = System.nanoTime();
                long events = load(kafka.bootstrapServers(), topic, logs.get(i));
                out.printf(
                        "loaded %,d events into Kafka topic %s in %.1f s%n",
                        events, topic, (System.nanoTime() - start) / 1e9);
                out.flush();
                if (i == 0 && !floorsFirst) {
                    Measurement warmUp = Measurement.of(() -> stream(
                            jobConfig(kafka.bootstrapServers(), topic, "warm-up", scratchDirectory.path(), parallelism),
                            rbac,
                            events));
                    out.printf(
                            "warm-up, not counted: lpa stream on the first topic, so that both sizes run with a warm"
                                    + " JIT: %s%n",
                            warmUp.describe());
                    out.flush();
                }
                sizes.add(measure(
                        kafka.bootstrapServers(),
                        topic,
                        events,
                        scratchDirectory.path(),
                        rbac,
                        parallelism,
                        floorsFirst,
                        out));
            }
            if (sizes.size() == 2) {
                Sized small = sizes.get(0);
                Sized large = sizes.get(1);
                List<Ratios.OnBothSizes> measured = new ArrayList<>();
                measured.add(new Ratios.OnBothSizes(
                        "(b) lpa stream, " + parallelism + " tasks", small.job(), large.job(), TARGET));
                for (int i = 0; i < small.floors().size(); i++) {
                    measured.add(new Ratios.OnBothSizes(
                            "(c) floor, " + describe(StreamFloor.Depth.values()[i]),
                            small.floors().get(i),
                            large.floors().get(i),
                            Ratios.Target.NONE));
                }
                Ratios.printMarginals(
                        out,
                        "Kafka",
                        "KafkaConsumer + field extraction, 1 thread",
                        small.baseline(),
                        large.baseline(),
                        measured,
                        parallelism);
            }
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            out.printf("heap in use after the jobs and a GC: %,d MiB%n", heap / (1024 * 1024));
            out.flush();
        }
    }

    private Sized measure(
            String bootstrap,
            String topic,
            long events,
            Path scratch,
            RbacObjects rbac,
            int parallelism,
            boolean floorsFirst,
            PrintWriter out)
            throws Exception {
        Measurement baseline = Measurement.of(() -> consumeAndExtract(bootstrap, topic, events));
        out.printf("(a) KafkaConsumer + field extraction, 1 thread: %s%n", baseline.describe());
        out.flush();

        Configuration config = jobConfig(bootstrap, topic, "job", scratch, parallelism);
        Measurement[] floors = new Measurement[StreamFloor.Depth.values().length];
        if (floorsFirst) {
            List<StreamFloor.Depth> deepestFirst = new ArrayList<>(List.of(StreamFloor.Depth.values()));
            Collections.reverse(deepestFirst);
            floors(
                    config,
                    deepestFirst,
                    baseline,
                    parallelism,
                    "before the job, the first with a cold JIT",
                    floors,
                    out);
        }
        Measurement job = Measurement.of(() -> stream(config, rbac, events));
        out.printf(
                "(b) lpa stream, %d tasks, RocksDB, checkpoints every 10 s (start-up and final review included): %s%n",
                parallelism, job.describe());
        out.printf(
                "    ratio to (a): %.2f, per task %.2f%n",
                job.rate() / baseline.rate(), job.rate() / baseline.rate() / parallelism);
        if (!floorsFirst) {
            floors(
                    config,
                    List.of(StreamFloor.Depth.values()),
                    baseline,
                    parallelism,
                    "after the job, with a warm JIT",
                    floors,
                    out);
        }
        return new Sized(baseline, job, List.of(floors));
    }

    /** The streaming job's settings for a bench run: {@code run} names its consumer group and output. */
    private static Configuration jobConfig(String bootstrap, String topic, String run, Path scratch, int parallelism) {
        Configuration config = new Configuration();
        config.set(KafkaOptions.BOOTSTRAP_SERVERS, bootstrap);
        config.set(KafkaOptions.TOPICS, List.of(topic));
        config.set(KafkaOptions.GROUP_ID, "bench-" + run + "-" + topic);
        config.set(KafkaOptions.STARTING_OFFSETS, "earliest");
        config.set(KafkaOptions.STOP_AT_LATEST, true);
        config.set(
                StreamReviewOptions.OUTPUT_DIR,
                scratch.resolve("out-" + run + "-" + topic).toString());
        config.set(StreamOptions.PARALLELISM, parallelism);
        config.set(RequestOptions.IDLENESS, Duration.ofSeconds(1));
        config.setString("execution.checkpointing.interval", "10 s");
        return config;
    }

    /**
     * Runs the job to the end of the topic; the events it counted, which must be every one loaded (the bench
     * loads the sample cluster's log: one event per line, none damaged).
     */
    private static long stream(Configuration config, RbacObjects rbac, long events) throws Exception {
        JobExecutionResult result = new StreamRunner(config, "bench")
                .start(rbac, BuiltinMode.ROLES_AND_BINDINGS)
                .getJobExecutionResult()
                .get();
        Long counted = result.getAccumulatorResult(JobCounters.PREFIX + UsageCounters.EVENTS);
        if (counted == null || counted != events) {
            throw new IllegalStateException(String.format(
                    "lpa stream counted %s events of the %,d loaded: the measurement would credit it with events it"
                            + " did not handle",
                    counted == null ? "no" : String.format("%,d", counted), events));
        }
        return counted;
    }

    private static void floors(
            Configuration config,
            List<StreamFloor.Depth> depths,
            Measurement baseline,
            int parallelism,
            String when,
            Measurement[] measured,
            PrintWriter out)
            throws Exception {
        for (StreamFloor.Depth depth : depths) {
            long[] count = new long[1];
            Measurement floor = Measurement.of(() -> {
                count[0] = StreamFloor.run(config, depth).count();
                return count[0];
            });
            measured[depth.ordinal()] = floor;
            out.printf(
                    "(c) floor (%s): the same settings, source and tasks, %s: %s, %.2f per task%n",
                    when, describe(depth), floor.describe(), floor.rate() / baseline.rate() / parallelism);
            out.flush();
        }
    }

    private static String describe(StreamFloor.Depth depth) {
        return switch (depth) {
            case READ -> "messages read and dropped";
            case DECODE -> "events decoded in the source and dropped";
            case DEDUPLICATE -> "events decoded, keyed by auditID, each request marked once in RocksDB (TTL)";
        };
    }

    private static long load(String bootstrap, String topic, Path log) throws IOException {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        long events = 0;
        try (KafkaProducer<byte[], byte[]> producer =
                        new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
                BufferedReader reader = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                producer.send(new ProducerRecord<>(topic, line.getBytes(StandardCharsets.UTF_8)));
                events++;
            }
        }
        return events;
    }

    private static long consumeAndExtract(String bootstrap, String topic, long expected) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-baseline-" + topic);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        long consumed = 0;
        long checksum = 0;
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (consumed < expected) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    checksum += FieldExtraction.extract(record.value());
                    consumed++;
                }
            }
        }
        return checksum >= 0 ? consumed : -1;
    }
}
