package io.kubelpa.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelpa.samples.SampleAuditLogsTest;
import io.kubelpa.stream.KafkaOptions;
import io.kubelpa.stream.RequestOptions;
import io.kubelpa.stream.SampleMessages;
import io.kubelpa.stream.StreamOptions;
import io.kubelpa.stream.StreamReviewOptions;
import io.kubelpa.stream.TestingKafka;
import io.kubelpa.usage.UsageCounters;
import io.kubelpa.usage.UsageReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming bench's floor jobs read what the streaming job reads, from a real broker: every
 * message of the sample logs, and decoded (also keyed by auditID and deduplicated), every event the
 * analysis counts.
 */
class StreamFloorITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @Test
    void theFloorJobsSeeTheMessagesAndEventsOfTheJob(@TempDir Path out) throws Exception {
        List<byte[]> messages = SampleMessages.all();
        UsageReport analysis = SampleAuditLogsTest.analyseSamples();
        try (TestingKafka kafka = new TestingKafka()) {
            kafka.createTopic("floor", 2, false);
            kafka.produce("floor", messages);
            Configuration config = new Configuration();
            config.set(KafkaOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
            config.set(KafkaOptions.TOPICS, List.of("floor"));
            config.set(KafkaOptions.GROUP_ID, "floor");
            config.set(KafkaOptions.STARTING_OFFSETS, "earliest");
            config.set(KafkaOptions.STOP_AT_LATEST, true);
            config.set(StreamReviewOptions.OUTPUT_DIR, out.toString());
            config.set(StreamOptions.PARALLELISM, 2);
            config.set(RequestOptions.IDLENESS, Duration.ofSeconds(1));

            StreamFloor.Result read = StreamFloor.run(config, StreamFloor.Depth.READ);
            StreamFloor.Result decoded = StreamFloor.run(config, StreamFloor.Depth.DECODE);
            StreamFloor.Result deduplicated = StreamFloor.run(config, StreamFloor.Depth.DEDUPLICATE);

            assertThat(read.count()).isEqualTo(messages.size());
            long events = analysis.counters().get(UsageCounters.EVENTS);
            assertThat(decoded.count()).isEqualTo(events).isGreaterThan(read.count());
            assertThat(deduplicated.count()).isEqualTo(events);
            assertThat(deduplicated.seconds()).isPositive();
        }
    }
}
