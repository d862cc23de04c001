package io.kubelpa.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.ManifestReader;
import io.kubelpa.rbac.RbacObjects;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on a three-broker Kafka cluster (topics replicated three times, two in sync required): the
 * broker leading an audit partition stops mid-stream and comes back, and nothing is lost or counted
 * twice (the final review equals the bounded analysis), while the findings topic, read committed,
 * holds each of the latest review's findings once.
 */
class KafkaFailoverITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestingKafka kafka;

    @BeforeAll
    static void start() throws Exception {
        kafka = new TestingKafka(3);
    }

    @AfterAll
    static void stop() throws Exception {
        kafka.close();
    }

    @Test
    void theLeaderOfAPartitionStopsMidStreamAndComesBackAndNothingIsLostOrCountedTwice(@TempDir Path out)
            throws Exception {
        kafka.createTopic("audit-ha", 2, false);
        kafka.createTopic("findings-ha", 1, true);
        List<byte[]> samples = SampleMessages.all();
        int half = samples.size() / 2;
        kafka.produce("audit-ha", samples.subList(0, half));
        Configuration config = kafka.jobConfig("audit-ha", out, 2, false);
        config.set(StreamReviewOptions.WINDOW, Duration.ofDays(3650));
        config.set(RequestOptions.IDLENESS, Duration.ofHours(1));
        config.set(KafkaOptions.FINDINGS_TOPIC, "findings-ha");
        RbacObjects rbac = new ManifestReader()
                .read(List.of(SampleMessages.SAMPLES.resolve("rbac")))
                .objects();
        JobClient job = new StreamRunner(config, "test").start(rbac, BuiltinMode.ROLES_AND_BINDINGS);
        Path review = out.resolve("reviews").resolve("2025-05-04T00-00-00Z");
        Path last = out.resolve("reviews").resolve("2025-05-06T00-00-00Z");
        try {
            CompletedCheckpoints.await(out, job);
            int leader = kafka.leaderOf("audit-ha", 0);
            kafka.stopBroker(leader);
            assertThat(kafka.leaderOf("audit-ha", 0)).as("a new leader").isNotEqualTo(leader);
            kafka.produce("audit-ha", samples.subList(half, samples.size()));
            kafka.startBroker(leader);
            kafka.produceToEveryPartition("audit-ha", SampleMessages.clock("2025-05-06T12:00:00Z"));
            SampleLedger.awaitFile(review.resolve("verification.json"), Duration.ofSeconds(120));
            SampleLedger.awaitFile(last.resolve("verification.json"), Duration.ofSeconds(60));
            // A review's findings reach the topic in the transaction a later checkpoint commits: read until then.
            JsonNode latest =
                    JSON.readTree(last.resolve("findings.json").toFile()).get("findings");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            Map<String, byte[]> current = openFindings(kafka.readAll("findings-ha"));
            while (current.size() != latest.size() && System.nanoTime() < deadline) {
                CompletedCheckpoints.awaitAnother(out, job);
                current = openFindings(kafka.readAll("findings-ha"));
            }
            assertThat(current).as("open findings on the topic, read committed").hasSize(latest.size());
        } finally {
            JobCancellation.cancelAndAwait(job, Duration.ofSeconds(60));
        }
        SampleLedger.assertEqualsTheBoundedAnalysis(review);
    }

    /** The findings open on a compacted topic: the last value of each key, tombstones removing it. */
    private static Map<String, byte[]> openFindings(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, byte[]> current = new TreeMap<>();
        records.forEach(f -> current.put(new String(f.key(), StandardCharsets.UTF_8), f.value()));
        current.values().removeIf(v -> v == null);
        return current;
    }
}
