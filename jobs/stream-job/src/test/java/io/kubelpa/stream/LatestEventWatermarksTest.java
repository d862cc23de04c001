package io.kubelpa.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelpa.job.DecodedRecord;
import io.kubelpa.job.EventRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class LatestEventWatermarksTest {
    private final List<Long> emitted = new ArrayList<>();
    private final WatermarkOutput output = new WatermarkOutput() {
        @Override
        public void emitWatermark(Watermark watermark) {
            emitted.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    };

    private static DecodedRecord recordAt(long... millis) {
        DecodedRecord record = new DecodedRecord();
        record.events = new ArrayList<>();
        for (long at : millis) {
            EventRecord event = new EventRecord();
            event.timeMicros = at * 1000;
            record.events.add(event);
        }
        record.deadLetters = List.of();
        record.skipReasons = List.of();
        return record;
    }

    @Test
    void eventTimeIsTheLatestEventSeenLessTheOutOfOrdernessAndRecordsWithoutEventsDoNotMoveIt() {
        LatestEventWatermarks watermarks = new LatestEventWatermarks(Duration.ofSeconds(10));
        watermarks.onEvent(recordAt(), 99_999_999L, output);
        watermarks.onPeriodicEmit(output);
        assertThat(emitted).as("nothing before the first event").isEmpty();

        watermarks.onEvent(recordAt(50_000, 80_000, 60_000), 0, output);
        watermarks.onEvent(recordAt(70_000), 0, output);
        watermarks.onEvent(recordAt(), 99_999_999L, output);
        watermarks.onPeriodicEmit(output);
        assertThat(emitted).containsExactly(80_000L - 10_000 - 1);
    }

    @Test
    void aRecordIsStampedWithItsEarliestEvent() {
        var assigner = LatestEventWatermarks.strategy(Duration.ofSeconds(1)).createTimestampAssigner(null);
        assertThat(assigner.extractTimestamp(recordAt(5_000, 3_000, 4_000), 123))
                .isEqualTo(3_000);
        assertThat(assigner.extractTimestamp(recordAt(), 123)).isEqualTo(Long.MIN_VALUE);
    }
}
