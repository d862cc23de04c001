package io.kubelpa.stream;

import io.kubelpa.job.JobOptions;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;

/** How the streaming job turns events into requests: event time, deduplication, the wait for a request's best stage. */
public final class RequestOptions {
    private RequestOptions() {}

    public static final ConfigOption<Duration> MAX_OUT_OF_ORDERNESS = ConfigOptions.key(
                    "lpa.event-time.max-out-of-orderness")
            .durationType()
            .defaultValue(Duration.ofMinutes(2))
            .withDescription("How late an event may arrive and still count on time.");
    public static final ConfigOption<Duration> IDLENESS = ConfigOptions.key("lpa.event-time.idleness")
            .durationType()
            .defaultValue(Duration.ofMinutes(1))
            .withDescription("A partition silent this long stops holding event time back.");
    public static final ConfigOption<Duration> DEDUPLICATION_TTL = ConfigOptions.key("lpa.requests.deduplication-ttl")
            .durationType()
            .defaultValue(Duration.ofHours(2))
            .withDescription("How long an auditID is remembered to drop its other stages and redeliveries.");
    /** Shared with the bounded job, so both decide a request by the same stage. */
    public static final ConfigOption<Duration> STAGE_WAIT = JobOptions.STAGE_WAIT;

    public static final ConfigOption<Integer> HELD_IN_MEMORY = ConfigOptions.key("lpa.requests.held-in-memory")
            .intType()
            .defaultValue(20_000)
            .withDescription(
                    "Requests per task waiting on the heap for event time to reach them (about 1 KiB a stage; most wait with one or two); "
                            + "more wait in RocksDB, at a cost in throughput.");

    /** The request settings checked together: an {@link IllegalArgumentException} naming the first bad one. */
    static void validate(Configuration config) {
        if (config.get(HELD_IN_MEMORY) < 0) {
            throw new IllegalArgumentException(HELD_IN_MEMORY.key() + " must not be negative");
        }
        for (ConfigOption<Duration> option : List.of(MAX_OUT_OF_ORDERNESS, IDLENESS, DEDUPLICATION_TTL, STAGE_WAIT)) {
            if (config.get(option).isNegative()) {
                throw new IllegalArgumentException(option.key() + " must not be negative");
            }
        }
    }
}
