package io.kubelpa.bench;

import io.kubelpa.demo.LocalKafkaProcess;
import io.kubelpa.demo.ScratchDirectory;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.stream.KafkaOptions;
import io.kubelpa.stream.RequestOptions;
import io.kubelpa.stream.StreamOptions;
import io.kubelpa.stream.StreamReviewOptions;
import io.kubelpa.stream.StreamRunner;
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
import java.util.function.ToLongFunction;
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
 * The streaming half of {@code lpa bench}: a local broker loaded with a generated log, then in the same
 * run (a) one thread consuming the topic and extracting the needed fields, and (b) the streaming job
 * reading it to the end; events/s of both, their ratio, and the heap after the job.
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

    /**
     * {@code extractFields}: the baseline's per-message work, the same the file bench does per line.
     * {@code floorsFirst}: the floors run before the job, the deepest first, so that the first of them
     * starts with a JIT as cold as the job's (after it, they run warm: their best case).
     */
    public void run(
            Path log,
            RbacObjects rbac,
            int parallelism,
            boolean floorsFirst,
            ToLongFunction<byte[]> extractFields,
            PrintWriter out)
            throws Exception {
        try (ScratchDirectory scratchDirectory = new ScratchDirectory("lpa-bench-stream");
                LocalKafkaProcess kafka = LocalKafkaProcess.start(
                        home, scratchDirectory.path().resolve("kafka"), Duration.ofSeconds(90))) {
            Path scratch = scratchDirectory.path();
            kafka.createTopic("bench", parallelism, Map.of("compression.type", "lz4"));
            long start = System.nanoTime();
            long events = load(kafka.bootstrapServers(), log);
            out.printf("loaded %,d events into Kafka in %.1f s%n", events, (System.nanoTime() - start) / 1e9);
            out.flush();

            start = System.nanoTime();
            long consumed = consumeAndExtract(kafka.bootstrapServers(), events, extractFields);
            double baseline = consumed / ((System.nanoTime() - start) / 1e9);
            out.printf("(a) KafkaConsumer + field extraction, 1 thread: %,.0f events/s%n", baseline);
            out.flush();

            Configuration config = new Configuration();
            config.set(KafkaOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
            config.set(KafkaOptions.TOPICS, List.of("bench"));
            config.set(KafkaOptions.GROUP_ID, "bench-job");
            config.set(KafkaOptions.STARTING_OFFSETS, "earliest");
            config.set(KafkaOptions.STOP_AT_LATEST, true);
            config.set(StreamReviewOptions.OUTPUT_DIR, scratch.resolve("out").toString());
            config.set(StreamOptions.PARALLELISM, parallelism);
            config.set(RequestOptions.IDLENESS, Duration.ofSeconds(1));
            config.setString("execution.checkpointing.interval", "10 s");
            if (floorsFirst) {
                List<StreamFloor.Depth> deepestFirst = new ArrayList<>(List.of(StreamFloor.Depth.values()));
                Collections.reverse(deepestFirst);
                floors(config, deepestFirst, baseline, parallelism, "before the job, the first with a cold JIT", out);
            }
            start = System.nanoTime();
            new StreamRunner(config, "bench")
                    .start(rbac, BuiltinMode.ROLES_AND_BINDINGS)
                    .getJobExecutionResult()
                    .get();
            double seconds = (System.nanoTime() - start) / 1e9;
            double endToEnd = events / seconds;
            out.printf(
                    "(b) lpa stream, %d tasks, RocksDB, checkpoints every 10 s: %,d events in %.1f s (start-up and final review included): %,.0f events/s%n",
                    parallelism, events, seconds, endToEnd);
            out.printf(
                    "ratio (b)/(a): %.2f; per task: %.2f (target: at least 0.50)%n",
                    endToEnd / baseline, endToEnd / baseline / parallelism);
            if (!floorsFirst) {
                floors(
                        config,
                        List.of(StreamFloor.Depth.values()),
                        baseline,
                        parallelism,
                        "after the job, with a warm JIT",
                        out);
            }
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            out.printf("heap in use after the job and a GC: %,d MiB%n", heap / (1024 * 1024));
            out.flush();
        }
    }

    private static void floors(
            Configuration config,
            List<StreamFloor.Depth> depths,
            double baseline,
            int parallelism,
            String when,
            PrintWriter out)
            throws Exception {
        for (StreamFloor.Depth depth : depths) {
            StreamFloor.Result floor = StreamFloor.run(config, depth);
            double rate = floor.count() / floor.seconds();
            out.printf(
                    "(c) floor (%s): the same settings, source and tasks, %s: %,d in %.1f s: %,.0f events/s, %.2f per task%n",
                    when,
                    switch (depth) {
                        case READ -> "messages read and dropped";
                        case DECODE -> "events decoded in the source and dropped";
                        case DEDUPLICATE ->
                            "events decoded, keyed by auditID, each request marked once in RocksDB (TTL)";
                    },
                    floor.count(),
                    floor.seconds(),
                    rate,
                    rate / baseline / parallelism);
            out.flush();
        }
    }

    private static long load(String bootstrap, Path log) throws IOException {
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
                producer.send(new ProducerRecord<>("bench", line.getBytes(StandardCharsets.UTF_8)));
                events++;
            }
        }
        return events;
    }

    private static long consumeAndExtract(String bootstrap, long expected, ToLongFunction<byte[]> extractFields) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-baseline");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        long consumed = 0;
        long checksum = 0;
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("bench"));
            while (consumed < expected) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    checksum += extractFields.applyAsLong(record.value());
                    consumed++;
                }
            }
        }
        return checksum >= 0 ? consumed : -1;
    }
}
