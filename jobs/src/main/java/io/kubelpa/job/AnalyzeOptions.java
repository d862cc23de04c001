package io.kubelpa.job;

import io.kubelpa.audit.EventTimeBounds;
import io.kubelpa.audit.StageRule;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

/** Typed options of the bounded analysis job ({@code lpa.analyze.*}). */
public final class AnalyzeOptions {
    public static final ConfigOption<Integer> PARALLELISM = ConfigOptions.key("lpa.analyze.parallelism")
            .intType().defaultValue(2)
            .withDescription("Parallel tasks of the analysis job.");
    public static final ConfigOption<String> INPUT_FORMAT = ConfigOptions.key("lpa.input.format")
            .stringType().defaultValue("auto")
            .withDescription("Shape of the input records: auto, event, event-list, wrapped, azure, cloudwatch or gke.");
    public static final ConfigOption<String> PAYLOAD_FIELD = ConfigOptions.key("lpa.input.payload-field")
            .stringType().noDefaultValue()
            .withDescription("Field of a shipper envelope that holds the event (default: log, message or msg).");

    public static final ConfigOption<MemorySize> RANGE_SIZE = ConfigOptions.key("lpa.analyze.range-size")
            .memoryType().defaultValue(MemorySize.ofMebiBytes(32))
            .withDescription("Plain line-delimited logs larger than this are read in byte ranges of this size, in parallel.");

    public static final ConfigOption<Integer> PARTIAL_SUMS = ConfigOptions.key("lpa.analyze.partial-sums")
            .intType().defaultValue(20_000)
            .withDescription("Usage sums (subject, grant, shape) a task keeps before handing them on to be added up on disk: "
                    + "bounds the task's heap whatever the number of subjects.");

    public static final ConfigOption<Duration> STAGE_WAIT = ConfigOptions.key("lpa.requests.stage-wait")
            .durationType().defaultValue(StageRule.DEFAULT_STAGE_WAIT)
            .withDescription("How much later than an early stage (RequestReceived, ResponseStarted) a better stage of the same "
                    + "request still replaces it; a request with nothing after RequestReceived by then is incomplete (both jobs).");
    public static final ConfigOption<Duration> MAX_FUTURE_SKEW = ConfigOptions.key("lpa.event-time.max-future-skew")
            .durationType().defaultValue(EventTimeBounds.DEFAULT_SKEW)
            .withDescription("An event later than its record was written (broker timestamp, file modification time) by more than "
                    + "this is dead-lettered as implausible-time, as is one before 2014-06-06 (both jobs).");

    private AnalyzeOptions() {}

    /** The partial sums a task keeps that {@code config} sets; {@link IllegalArgumentException} below 1. */
    public static int partialSums(Configuration config) {
        int sums = config.get(PARTIAL_SUMS);
        if (sums < 1) {
            throw new IllegalArgumentException(PARTIAL_SUMS.key() + " must be at least 1");
        }
        return sums;
    }

    /** The stage rule {@code config} sets; {@link IllegalArgumentException} for a negative wait. */
    public static StageRule stageRule(Configuration config) {
        Duration wait = config.get(STAGE_WAIT);
        if (wait.isNegative()) {
            throw new IllegalArgumentException(STAGE_WAIT.key() + " must not be negative");
        }
        return StageRule.of(wait);
    }

    /** The event-time bounds {@code config} sets; {@link IllegalArgumentException} for a negative skew. */
    public static EventTimeBounds eventTimeBounds(Configuration config) {
        Duration skew = config.get(MAX_FUTURE_SKEW);
        if (skew.isNegative()) {
            throw new IllegalArgumentException(MAX_FUTURE_SKEW.key() + " must not be negative");
        }
        return new EventTimeBounds(EventTimeBounds.KUBERNETES_BEGAN_MICROS, skew);
    }
}
