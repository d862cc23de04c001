package io.kubelpa.stream;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;

/**
 * The streaming job's settings as typed Flink options, one class per part of the job: {@link KafkaOptions},
 * {@link RequestOptions}, {@link StreamReviewOptions}, and here what concerns the whole job. {@code lpa stream}
 * flags and a YAML file set them.
 */
public final class StreamOptions {
    private StreamOptions() {}

    public static final ConfigOption<Integer> PARALLELISM = ConfigOptions.key("lpa.parallelism")
            .intType()
            .defaultValue(2)
            .withDescription("Parallelism of the job's operators (the review runs once).");

    /**
     * Checks the settings as a whole, as every entry point must before a job is defined ({@code lpa stream}
     * and the job jar's main alike, through {@link StreamRunner}): an {@link IllegalArgumentException} that
     * names the first bad setting, or an {@link java.io.UncheckedIOException} for an audit policy that cannot be read.
     */
    public static void validate(Configuration config) {
        KafkaOptions.validate(config);
        RequestOptions.validate(config);
        if (config.get(PARALLELISM) < 1) {
            throw new IllegalArgumentException(PARALLELISM.key() + " must be at least 1");
        }
        StreamReviewOptions.validate(config);
    }
}
