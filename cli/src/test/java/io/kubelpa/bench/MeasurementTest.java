package io.kubelpa.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MeasurementTest {
    @Test
    void theMarginalCostIsTheDifferenceOfTwoRuns() {
        Measurement small = new Measurement(1_000_000, 15, 30);
        Measurement large = new Measurement(3_000_000, 25, 50);

        Measurement marginal = Measurement.marginal(small, large);

        assertThat(marginal.events()).isEqualTo(2_000_000);
        assertThat(marginal.rate()).isCloseTo(200_000, within(1e-6));
        assertThat(marginal.cpuMicrosPerEvent()).isCloseTo(10, within(1e-9));
        assertThat(small.cpuMicrosPerEvent()).isCloseTo(30, within(1e-9));
    }

    @Test
    void aMarginalNeedsMoreEventsAndMoreTime() {
        Measurement small = new Measurement(1_000, 2, 2);

        assertThatThrownBy(() -> Measurement.marginal(small, new Measurement(1_000, 3, 3)))
                .hasMessageContaining("more events");
        assertThatThrownBy(() -> Measurement.marginal(small, new Measurement(3_000, 1.5, 3)))
                .hasMessageContaining("took no longer");
        assertThatThrownBy(() -> new Measurement(1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMeasuredRunCountsItsEventsAndTheProcessCpu() throws Exception {
        Measurement busy = Measurement.of(() -> {
            long sum = 0;
            for (long i = 0; i < 200_000_000L; i++) {
                sum += i ^ (sum >>> 3);
            }
            return sum == 42 ? 1L : 10L;
        });

        assertThat(busy.events()).isEqualTo(10);
        assertThat(busy.seconds()).isPositive();
        assertThat(busy.cpuSeconds()).isPositive();
    }
}
