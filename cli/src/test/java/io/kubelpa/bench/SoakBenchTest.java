package io.kubelpa.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

class SoakBenchTest {
    private static final SoakBench.Settings SETTINGS = new SoakBench.Settings(
            Duration.ofMinutes(10),
            2000,
            6,
            Duration.ofDays(7),
            Duration.ofMinutes(1),
            Duration.ofMinutes(3),
            Duration.ofSeconds(10));

    /** A sample every 10 s from day 0, event time at 6 days a minute, state as a function of the sample's index. */
    private static List<SoakBench.Sample> samples(int count, LongUnaryOperator stateBytes) {
        List<SoakBench.Sample> samples = new ArrayList<>();
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        for (int i = 0; i < count; i++) {
            Duration elapsed = Duration.ofSeconds(10L * i);
            samples.add(new SoakBench.Sample(
                    elapsed, start.plus(SETTINGS.eventTime(elapsed)), i, 0, stateBytes.applyAsLong(i), 0, 0, 0, 0));
        }
        return samples;
    }

    @Test
    void stateThatLevelsOffOnceTheWindowIsFullIsFlatAndStateThatKeepsGrowingIsNot() {
        // The window (7 days) fills after 70 s, at the eighth sample.
        assertThat(SoakBench.plateau(samples(60, i -> Math.min(i, 8) * 1_000_000L), SETTINGS))
                .endsWith(": flat");
        assertThat(SoakBench.plateau(samples(60, i -> i * 1_000_000L), SETTINGS))
                .endsWith("STILL GROWING");
        assertThat(SoakBench.plateau(samples(12, i -> 1_000_000L), SETTINGS)).contains("not judged");
    }

    @Test
    void eventTimeRunsDaysPerMinuteAndBadSettingsAreRefusedWhereTheyAreDefined() {
        assertThat(SETTINGS.eventTime(Duration.ofMinutes(10))).isEqualTo(Duration.ofDays(60));
        assertThatThrownBy(() -> new SoakBench.Settings(
                        Duration.ofSeconds(5),
                        1,
                        1,
                        Duration.ofDays(1),
                        Duration.ZERO,
                        Duration.ZERO,
                        Duration.ofSeconds(1)))
                .hasMessageContaining("--soak must be at least 10s");
        assertThatThrownBy(() -> new SoakBench.Settings(
                        Duration.ofMinutes(1),
                        1,
                        0,
                        Duration.ofDays(1),
                        Duration.ZERO,
                        Duration.ZERO,
                        Duration.ofSeconds(1)))
                .hasMessageContaining("--days-per-minute");
    }
}
