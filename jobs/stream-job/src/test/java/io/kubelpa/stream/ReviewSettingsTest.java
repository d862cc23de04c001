package io.kubelpa.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubelpa.audit.AuditPolicyObservability;
import io.kubelpa.audit.Observability;
import io.kubelpa.review.ReviewOptions;
import io.kubelpa.tightening.VerbExpansion;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming review takes the same review options as lpa analyze, from typed settings. */
class ReviewSettingsTest {
    @TempDir
    Path dir;

    @Test
    void defaultsMatchLpaAnalyze() {
        ReviewOptions options = ReviewSettings.of(new Configuration(), "test").reviewOptions();
        assertThat(options.observability()).isSameAs(Observability.EVERYTHING);
        assertThat(options.tightening().expandReadVerbs()).isFalse();
        assertThat(options.findings().maxNarrowNamespaces()).isEqualTo(3);
        assertThat(options.findings().minWindow()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void theAuditPolicyTravelsAsTextAndTheOtherOptionsAreRead() throws Exception {
        Path policy = Files.writeString(dir.resolve("policy.yaml"), """
                apiVersion: audit.k8s.io/v1
                kind: Policy
                rules:
                - level: None
                  resources: [{group: "", resources: [events]}]
                - level: Metadata
                """);
        Configuration config = new Configuration();
        config.set(StreamReviewOptions.AUDIT_POLICY, policy.toString());
        config.set(StreamReviewOptions.EXPAND_VERBS, VerbExpansion.READ);
        config.set(StreamReviewOptions.MAX_NARROW_NAMESPACES, 5);
        ReviewSettings settings = ReviewSettings.of(config, "test");
        Files.delete(policy);

        ReviewOptions options = settings.reviewOptions();
        assertThat(options.observability()).isInstanceOf(AuditPolicyObservability.class);
        assertThat(options.tightening().expandReadVerbs()).isTrue();
        assertThat(options.findings().maxNarrowNamespaces()).isEqualTo(5);
    }

    @Test
    void badValuesAreRejectedBeforeTheJobStarts() throws Exception {
        Configuration verbs = new Configuration();
        verbs.setString(StreamReviewOptions.EXPAND_VERBS.key(), "all");
        assertThatThrownBy(() -> ReviewSettings.of(verbs, "test"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lpa.review.expand-verbs must be none or read");

        Configuration missing = new Configuration();
        missing.set(StreamReviewOptions.AUDIT_POLICY, dir.resolve("absent.yaml").toString());
        assertThatThrownBy(() -> ReviewSettings.of(missing, "test"))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("absent.yaml");

        Configuration notAPolicy = new Configuration();
        notAPolicy.set(
                StreamReviewOptions.AUDIT_POLICY,
                Files.writeString(dir.resolve("role.yaml"), "kind: Role\n").toString());
        assertThatThrownBy(() -> ReviewSettings.of(notAPolicy, "test"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an audit policy");
    }
}
