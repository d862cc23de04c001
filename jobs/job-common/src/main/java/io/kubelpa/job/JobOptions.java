package io.kubelpa.job;

import io.kubelpa.audit.StageRule;
import io.kubelpa.audit.format.EventTimeBounds;
import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;

/** Typed options both jobs read the same way: how requests are decided from their stages, and which event times are plausible. */
public final class JobOptions {
    public static final ConfigOption<Duration> STAGE_WAIT = ConfigOptions.key("lpa.requests.stage-wait")
            .durationType()
            .defaultValue(StageRule.DEFAULT_STAGE_WAIT)
            .withDescription(
                    "How much later than an early stage (RequestReceived, ResponseStarted) a better stage of the same "
                            + "request still replaces it; a request with nothing after RequestReceived by then is incomplete (both jobs).");
    public static final ConfigOption<Duration> MAX_FUTURE_SKEW = ConfigOptions.key("lpa.event-time.max-future-skew")
            .durationType()
            .defaultValue(EventTimeBounds.DEFAULT_SKEW)
            .withDescription(
                    "An event later than its record was written (broker timestamp, file modification time) by more than "
                            + "this is dead-lettered as implausible-time, as is one before 2014-06-06 (both jobs).");

    private JobOptions() {}

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
