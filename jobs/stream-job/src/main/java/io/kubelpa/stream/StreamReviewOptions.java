package io.kubelpa.stream;

import io.kubelpa.tightening.VerbExpansion;
import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;

/** The streaming job's periodic reviews: window, period, where they are written, and the options lpa analyze takes as flags. */
public final class StreamReviewOptions {
    private StreamReviewOptions() {}

    public static final ConfigOption<Duration> WINDOW = ConfigOptions.key("lpa.window")
            .durationType()
            .defaultValue(Duration.ofDays(30))
            .withDescription("Observation window: older evidence ages out.");
    public static final ConfigOption<Duration> REVIEW_EVERY = ConfigOptions.key("lpa.review-every")
            .durationType()
            .defaultValue(Duration.ofHours(24))
            .withDescription("Event time between periodic reviews.");
    public static final ConfigOption<String> OUTPUT_DIR = ConfigOptions.key("lpa.output-dir")
            .stringType()
            .defaultValue("lpa-out")
            .withDescription("Reviews go to <dir>/reviews/<time>/, <dir>/reviews/latest points at the newest.");
    public static final ConfigOption<Duration> MIN_WINDOW = ConfigOptions.key("lpa.review.min-window")
            .durationType()
            .defaultValue(Duration.ofDays(7))
            .withDescription("Shorter windows give low-confidence findings and no proposals.");
    public static final ConfigOption<Integer> MAX_NARROW_NAMESPACES = ConfigOptions.key(
                    "lpa.review.max-narrow-namespaces")
            .intType()
            .defaultValue(3)
            .withDescription("A ClusterRoleBinding used in at most this many namespaces is proposed as RoleBindings.");
    public static final ConfigOption<VerbExpansion> EXPAND_VERBS = ConfigOptions.key("lpa.review.expand-verbs")
            .enumType(VerbExpansion.class)
            .defaultValue(VerbExpansion.NONE)
            .withDescription(
                    "none: keep exactly the verbs used; read: where one of get/list/watch was used, keep all three the role granted.");
    public static final ConfigOption<String> AUDIT_POLICY = ConfigOptions.key("lpa.review.audit-policy")
            .stringType()
            .noDefaultValue()
            .withDescription(
                    "The API server's audit policy file: grants it does not log are reported UNOBSERVABLE and always kept.");
    public static final ConfigOption<String> POLICY = ConfigOptions.key("lpa.review.policy")
            .stringType()
            .noDefaultValue()
            .withDescription("A kube-lpa Policy file (kube-lpa.io/v1): exclusions, suppressions, ownership overrides.");
    public static final ConfigOption<Duration> RBAC_CHANGE_DELAY = ConfigOptions.key("lpa.review.rbac-change-delay")
            .durationType()
            .defaultValue(Duration.ofMinutes(1))
            .withDescription(
                    "An RBAC change between reviews re-evaluates the last review at the end of its interval of this "
                            + "length (event time; changes in one interval share a re-evaluation); 0 turns this off.");

    /**
     * The review settings checked together ({@link ReviewSettings#of} reads them): an {@link IllegalArgumentException}
     * naming the first bad one, or an {@link java.io.UncheckedIOException} for an audit policy that cannot be read.
     */
    static void validate(Configuration config) {
        ReviewSettings.of(config, "");
    }
}
