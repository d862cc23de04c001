package io.kubelpa.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.samples.SampleReplay;
import io.kubelpa.stream.KafkaOptions;
import io.kubelpa.stream.RequestOptions;
import io.kubelpa.stream.StreamOptions;
import io.kubelpa.stream.StreamReviewOptions;
import io.kubelpa.stream.StreamRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The streaming part of {@code lpa demo}: a local Kafka broker, the sample audit logs replayed into
 * it in event-time order at an accelerated pace, the streaming job (RocksDB, checkpoints) reading
 * them to the end with a review per day of event time, then a summary of the newest review. The
 * broker and its data are gone afterwards; the reviews stay in {@code OUT/reviews/}.
 */
public final class StreamingDemo {
    private static final Duration REPLAY = Duration.ofSeconds(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path home;
    private final Path samples;
    private final Path out;
    private final String version;

    public StreamingDemo(Path home, Path samples, Path out, String version) {
        this.home = home;
        this.samples = samples;
        this.out = out;
        this.version = version;
    }

    public void run(RbacObjects rbac, PrintWriter stdout) throws Exception {
        try (ScratchDirectory scratch = new ScratchDirectory("kube-lpa-demo-");
                LocalKafkaProcess kafka =
                        LocalKafkaProcess.start(home, scratch.path().resolve("kafka"), Duration.ofSeconds(90))) {
            stdout.printf("Kafka broker (KRaft, single node) on %s%n", kafka.bootstrapServers());
            kafka.createTopic("k8s-audit", 2, Map.of("compression.type", "lz4"));
            kafka.createTopic("lpa-findings", 1, Map.of("cleanup.policy", "compact"));
            kafka.createTopic("lpa-dead-letters", 1, Map.of());
            stdout.flush();
            replay(kafka.bootstrapServers(), stdout);
            JobClient job = new StreamRunner(configuration(kafka.bootstrapServers()), version)
                    .start(rbac, BuiltinMode.ROLES_AND_BINDINGS);
            stdout.printf("Streaming job %s (RocksDB, checkpoints every 2 s) reading k8s-audit%n", job.getJobID());
            stdout.flush();
            watch(job, stdout);
            summary(stdout);
        }
    }

    private Configuration configuration(String bootstrap) {
        Configuration config = new Configuration();
        config.set(KafkaOptions.BOOTSTRAP_SERVERS, bootstrap);
        config.set(KafkaOptions.TOPICS, List.of("k8s-audit"));
        config.set(KafkaOptions.GROUP_ID, "kube-lpa-demo");
        config.set(KafkaOptions.STARTING_OFFSETS, "earliest");
        config.set(KafkaOptions.STOP_AT_LATEST, true);
        config.set(KafkaOptions.FINDINGS_TOPIC, "lpa-findings");
        config.set(KafkaOptions.DEAD_LETTER_TOPIC, "lpa-dead-letters");
        config.set(StreamReviewOptions.OUTPUT_DIR, out.toAbsolutePath().toString());
        config.set(StreamReviewOptions.REVIEW_EVERY, Duration.ofHours(24));
        config.set(StreamReviewOptions.MIN_WINDOW, Duration.ofDays(2));
        config.set(RequestOptions.IDLENESS, Duration.ofSeconds(1));
        config.set(StreamOptions.PARALLELISM, 2);
        config.setString("execution.checkpointing.interval", "2 s");
        return config;
    }

    /** The samples in event-time order, three days squeezed into a few seconds. */
    private void replay(String bootstrap, PrintWriter stdout) throws Exception {
        List<SampleReplay.Message> messages = SampleReplay.messages(samples.resolve("audit"));
        long first = messages.stream()
                .mapToLong(SampleReplay.Message::timeMicros)
                .filter(t -> t != Long.MIN_VALUE)
                .min()
                .orElse(0);
        long last = messages.stream()
                .mapToLong(SampleReplay.Message::timeMicros)
                .max()
                .orElse(first);
        double speedup = Math.max(1, (last - first) / 1000.0 / REPLAY.toMillis());
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        long started = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (SampleReplay.Message message : messages) {
                long due = message.timeMicros() == Long.MIN_VALUE
                        ? 0
                        : (long) ((message.timeMicros() - first) / speedup * 1000);
                long wait = due - (System.nanoTime() - started);
                if (wait > 1_000_000) {
                    Thread.sleep(wait / 1_000_000);
                }
                producer.send(new ProducerRecord<>("k8s-audit", message.bytes()));
            }
        }
        stdout.printf("Replayed %d audit records (%.0fx real time) into k8s-audit%n", messages.size(), speedup);
        stdout.flush();
    }

    /** Prints each review as it appears, until the job has read everything and finished. */
    private void watch(JobClient job, PrintWriter stdout) throws Exception {
        Set<String> seen = new TreeSet<>();
        var result = job.getJobExecutionResult();
        while (true) {
            boolean done = result.isDone();
            for (Path review : reviews()) {
                if (seen.add(review.getFileName().toString())) {
                    JsonNode findings = JSON.readTree(
                                    review.resolve("findings.json").toFile())
                            .get("findings");
                    JsonNode verification =
                            JSON.readTree(review.resolve("verification.json").toFile());
                    stdout.printf(
                            "  review %s: %d findings, %d proposals verified, %d withheld%n",
                            review.getFileName(),
                            findings.size(),
                            verification.get("accepted").asInt(),
                            verification.get("withheld").asInt());
                    stdout.flush();
                }
            }
            if (done) {
                result.get();
                return;
            }
            Thread.sleep(250);
        }
    }

    private List<Path> reviews() throws IOException {
        Path dir = out.resolve("reviews");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith(".")
                            && !p.getFileName().toString().equals("latest"))
                    .filter(p -> Files.exists(p.resolve("verification.json")))
                    .sorted()
                    .toList();
        }
    }

    private void summary(PrintWriter stdout) throws IOException {
        Path latest = out.resolve("reviews").resolve("latest");
        JsonNode findings =
                JSON.readTree(latest.resolve("findings.json").toFile()).get("findings");
        JsonNode verification =
                JSON.readTree(latest.resolve("verification.json").toFile());
        stdout.printf("%nNewest review (%s):%n", latest.toRealPath().getFileName());
        stdout.println("  top findings:");
        for (int i = 0; i < Math.min(5, findings.size()); i++) {
            JsonNode f = findings.get(i);
            stdout.printf(
                    "    %-8s %-26s %s%n",
                    f.get("severity").asText(),
                    f.get("type").asText(),
                    safe(f.get("message").asText()));
        }
        stdout.println("  proposals:");
        for (JsonNode p : verification.get("proposals")) {
            JsonNode replay = p.get("replay");
            List<String> why = new ArrayList<>();
            p.path("withheldBecause").forEach(reason -> why.add(safe(reason.asText())));
            stdout.printf(
                    "    %-8s %s  [replay %d/%d allowed, no widening: %s]%s%n",
                    p.get("status").asText(),
                    safe(p.get("summary").asText()),
                    replay.get("checkedShapes").asLong() - replay.get("failed").asLong(),
                    replay.get("checkedShapes").asLong(),
                    p.get("noWidening").get("passed").asBoolean() ? "proven" : "FAILED",
                    why.isEmpty()
                            ? ""
                            : System.lineSeparator() + "             withheld because: " + String.join("; ", why));
        }
        stdout.printf("%nReview files: %s (report data, proposals/, proposed-rbac/, verification.json)%n", latest);
        stdout.flush();
    }

    private static String safe(String text) {
        return text.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }
}
