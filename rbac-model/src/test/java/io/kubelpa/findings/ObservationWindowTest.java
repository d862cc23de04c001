package io.kubelpa.findings;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelpa.audit.Timestamps;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The window's length for any two representable times, where nanoseconds would overflow past ~292 years. */
class ObservationWindowTest {
    @Test
    void aWindowOfCenturiesHasItsLength() {
        long from = Timestamps.parseMicros("2025-05-01T00:00:00Z");
        long to = Timestamps.parseMicros("2400-01-01T00:00:00.000001Z");
        assertThat(new ObservationWindow(from, to).length())
                .isEqualTo(
                        Duration.between(Instant.parse("2025-05-01T00:00:00Z"), Instant.parse("2400-01-01T00:00:00Z"))
                                .plusNanos(1000));
        assertThat(new ObservationWindow(Long.MIN_VALUE / 2, Long.MAX_VALUE / 2)
                        .length()
                        .getSeconds())
                .isPositive();
        assertThat(ObservationWindow.EMPTY.length()).isZero();
    }

    @Test
    void aYearBeyondWhatMicrosecondsCanHoldIsNotATimestamp() {
        assertThat(Timestamps.parseMicros("+999999999-12-31T23:59:59+01:00")).isEqualTo(-1);
    }
}
