package io.kubelpa.stream;

import io.kubelpa.audit.Timestamps;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;

/** {@code earliest}, {@code latest}, {@code committed} (earliest when the group has none) or {@code timestamp:<time>}. */
final class StartingOffsets {
    private StartingOffsets() {}

    @SuppressWarnings("deprecation")
    static OffsetsInitializer parse(String text) {
        String value = text.trim();
        if (value.equals("earliest")) {
            return OffsetsInitializer.earliest();
        }
        if (value.equals("latest")) {
            return OffsetsInitializer.latest();
        }
        if (value.equals("committed")) {
            return OffsetsInitializer.committedOffsets(org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST);
        }
        if (value.startsWith("timestamp:")) {
            String time = value.substring("timestamp:".length());
            long millis = time.chars().allMatch(Character::isDigit) && !time.isEmpty()
                    ? Long.parseLong(time)
                    : Timestamps.parseMicros(time) / 1000;
            if (millis < 0) {
                throw new IllegalArgumentException("starting offsets: not a time: '" + time + "'");
            }
            return OffsetsInitializer.timestamp(millis);
        }
        throw new IllegalArgumentException(
                "starting offsets must be earliest, latest, committed or timestamp:<time>, not '" + text + "'");
    }
}
