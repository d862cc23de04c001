package io.kubelpa.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubelpa.tightening.VerbExpansion;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/** Every entry point of the streaming job, the job jar's main included, refuses bad settings before a job is defined. */
class StreamOptionsTest {
    @Test
    void goodSettingsPassAndTheirEnumsReadInAnyCase() {
        Configuration config = valid();
        config.setString(StreamReviewOptions.EXPAND_VERBS.key(), "READ");
        StreamOptions.validate(config);
        assertThat(config.get(StreamReviewOptions.EXPAND_VERBS)).isEqualTo(VerbExpansion.READ);
        assertThat(new StreamRunner(config, "test").flinkConfiguration().toMap())
                .containsEntry("lpa.review.expand-verbs", "READ");
    }

    @Test
    void eachBadSettingIsNamedInOneLine() {
        Map<String, String> bad = Map.of(
                "lpa.requests.held-in-memory", "-1",
                "lpa.parallelism", "0",
                "lpa.kafka.max-message-bytes", "0",
                "lpa.event-time.idleness", "-1 s",
                "lpa.kafka.starting-offsets", "yesterday",
                "lpa.review.expand-verbs", "all",
                "lpa.review-every", "0 s",
                "lpa.review.max-narrow-namespaces", "0");
        bad.forEach((key, value) -> {
            Configuration config = valid();
            config.setString(key, value);
            assertThatThrownBy(() -> StreamOptions.validate(config))
                    .as(key)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(key.equals("lpa.review-every") ? "lpa.review-every" : key)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            assertThatThrownBy(() -> new StreamRunner(config, "test"))
                    .as("the runner for %s", key)
                    .isInstanceOf(IllegalArgumentException.class);
        });
    }

    @Test
    void aFindingsTopicNeedsCheckpointsWithinHalfItsTransactionTimeout() {
        Configuration config = valid();
        config.setString("execution.checkpointing.interval", "10 min");
        StreamOptions.validate(config); // no findings topic: no transactions
        config.set(KafkaOptions.FINDINGS_TOPIC, "findings");
        assertThatThrownBy(() -> StreamOptions.validate(config))
                .hasMessageContaining("checkpoint interval must be at most half")
                .hasMessageContaining("not 10 min");
        config.setString("execution.checkpointing.interval", "7 min");
        StreamOptions.validate(config);
        config.setString(KafkaOptions.FINDINGS_TRANSACTIONAL_ID_PREFIX.key(), " ");
        assertThatThrownBy(() -> StreamOptions.validate(config))
                .hasMessageContaining(KafkaOptions.FINDINGS_TRANSACTIONAL_ID_PREFIX.key());
    }

    @Test
    void brokersAndTopicsAreRequired() {
        Configuration noTopics = new Configuration();
        noTopics.set(KafkaOptions.BOOTSTRAP_SERVERS, "127.0.0.1:9092");
        assertThatThrownBy(() -> StreamOptions.validate(noTopics)).hasMessageContaining("lpa.kafka.topics");
        Configuration emptyTopics = valid();
        emptyTopics.set(KafkaOptions.TOPICS, List.of());
        assertThatThrownBy(() -> StreamOptions.validate(emptyTopics)).hasMessageContaining("are required");
    }

    private static Configuration valid() {
        Configuration config = new Configuration();
        config.set(KafkaOptions.BOOTSTRAP_SERVERS, "127.0.0.1:9092");
        config.set(KafkaOptions.TOPICS, List.of("audit"));
        return config;
    }
}
