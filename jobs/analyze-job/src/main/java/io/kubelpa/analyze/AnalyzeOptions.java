package io.kubelpa.analyze;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;

/** Typed options of the bounded analysis job ({@code lpa.analyze.*}, the input's shape); {@link io.kubelpa.job.JobOptions} has those both jobs read. */
public final class AnalyzeOptions {
    public static final ConfigOption<Integer> PARALLELISM = ConfigOptions.key("lpa.analyze.parallelism")
            .intType()
            .defaultValue(2)
            .withDescription("Parallel tasks of the analysis job.");
    public static final ConfigOption<String> INPUT_FORMAT = ConfigOptions.key("lpa.input.format")
            .stringType()
            .defaultValue("auto")
            .withDescription("Shape of the input records: auto, event, event-list, wrapped, azure, cloudwatch or gke.");
    public static final ConfigOption<String> PAYLOAD_FIELD = ConfigOptions.key("lpa.input.payload-field")
            .stringType()
            .noDefaultValue()
            .withDescription("Field of a shipper envelope that holds the event (default: log, message or msg).");

    public static final ConfigOption<MemorySize> RANGE_SIZE = ConfigOptions.key("lpa.analyze.range-size")
            .memoryType()
            .defaultValue(MemorySize.ofMebiBytes(32))
            .withDescription(
                    "Plain line-delimited logs larger than this are read in byte ranges of this size, in parallel.");

    public static final ConfigOption<Integer> PARTIAL_SUMS = ConfigOptions.key("lpa.analyze.partial-sums")
            .intType()
            .defaultValue(20_000)
            .withDescription(
                    "Usage sums (subject, grant, shape) a task keeps before handing them on to be added up on disk: "
                            + "bounds the task's heap whatever the number of subjects.");

    private AnalyzeOptions() {}

    /** The partial sums a task keeps that {@code config} sets; {@link IllegalArgumentException} below 1. */
    public static int partialSums(Configuration config) {
        int sums = config.get(PARTIAL_SUMS);
        if (sums < 1) {
            throw new IllegalArgumentException(PARTIAL_SUMS.key() + " must be at least 1");
        }
        return sums;
    }
}
