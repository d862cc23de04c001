package io.kubelpa.stream;

import io.kubelpa.job.DecodedRecord;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Bounded out-of-orderness over every event a record carries (an EventList carries many), ignoring
 * records without events: a dead letter has no event time and must not move it. One generator runs
 * per Kafka partition; {@link SplitWatermarksSource} creates it when the partition is assigned, so a
 * partition that has delivered nothing yet holds event time back rather than being overtaken.
 */
public final class LatestEventWatermarks implements WatermarkGenerator<DecodedRecord> {
    private final long outOfOrdernessMillis;
    private long latestMillis = Long.MIN_VALUE;

    LatestEventWatermarks(Duration outOfOrderness) {
        this.outOfOrdernessMillis = outOfOrderness.toMillis();
    }

    /** Records stamped with their earliest event's time (none without events), watermarks from this generator. */
    public static WatermarkStrategy<DecodedRecord> strategy(Duration outOfOrderness) {
        return WatermarkStrategy.<DecodedRecord>forGenerator(context -> new LatestEventWatermarks(outOfOrderness))
                .withTimestampAssigner((record, kafkaTimestamp) -> record.earliestEventMillis());
    }

    @Override
    public void onEvent(DecodedRecord record, long timestamp, WatermarkOutput output) {
        latestMillis = Math.max(latestMillis, record.latestEventMillis());
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (latestMillis != Long.MIN_VALUE) {
            output.emitWatermark(new Watermark(latestMillis - outOfOrdernessMillis - 1));
        }
    }
}
