package io.kubelpa.stream;

import io.kubelpa.job.DecodedRecord;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Bounded out-of-orderness over every event a record carries (an EventList carries many), ignoring
 * records without events: a dead letter has no event time and must not move it. One generator runs
 * per Kafka partition, created by Flink when the partition's first records arrive — a partition whose
 * first fetch has not come back yet holds nothing back. So a generator emits nothing for
 * {@link #FIRST_FETCH_GRACE} after it is created: by then the reader's other partitions have
 * delivered too (at start and after a restore they may stand far apart, and the one ahead would
 * otherwise make the others' events late).
 */
final class LatestEventWatermarks implements WatermarkGenerator<DecodedRecord> {
    static final Duration FIRST_FETCH_GRACE = Duration.ofSeconds(3);

    private final long outOfOrdernessMillis;
    private final LongSupplier nanoClock;
    private final long emitFromNanos;
    private long latestMillis = Long.MIN_VALUE;

    LatestEventWatermarks(Duration outOfOrderness, LongSupplier nanoClock) {
        this.outOfOrdernessMillis = outOfOrderness.toMillis();
        this.nanoClock = nanoClock;
        this.emitFromNanos = nanoClock.getAsLong() + FIRST_FETCH_GRACE.toNanos();
    }

    /** Records stamped with their earliest event's time (none without events), watermarks from this generator. */
    static WatermarkStrategy<DecodedRecord> strategy(Duration outOfOrderness) {
        return WatermarkStrategy.<DecodedRecord>forGenerator(context -> new LatestEventWatermarks(outOfOrderness, System::nanoTime))
                .withTimestampAssigner((record, kafkaTimestamp) -> record.earliestEventMillis());
    }

    @Override
    public void onEvent(DecodedRecord record, long timestamp, WatermarkOutput output) {
        latestMillis = Math.max(latestMillis, record.latestEventMillis());
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (latestMillis != Long.MIN_VALUE && nanoClock.getAsLong() - emitFromNanos >= 0) {
            output.emitWatermark(new Watermark(latestMillis - outOfOrdernessMillis - 1));
        }
    }
}
