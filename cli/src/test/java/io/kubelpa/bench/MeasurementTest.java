package io.kubelpa.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
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

    @Test
    void cpuTimeTheJvmDoesNotReportIsSaidInWordsAndLeftOutOfTheRatios() {
        Measurement unknown = new Measurement(1_000, 2, Double.NaN);
        assertThat(unknown.describe()).contains("CPU time not reported").doesNotContain("NaN");

        StringWriter written = new StringWriter();
        Ratios.printMarginals(
                new PrintWriter(written),
                "files",
                "field extraction",
                new Measurement(1_000, 1, 1),
                new Measurement(3_000, 2, 2),
                List.of(
                        new Ratios.OnBothSizes(
                                "(b) job", new Measurement(1_000, 2, Double.NaN), unknown, Ratios.Target.NONE),
                        new Ratios.OnBothSizes(
                                "(c) floor",
                                new Measurement(1_000, 1, Double.NaN),
                                new Measurement(3_000, 3, Double.NaN),
                                Ratios.Target.NONE)),
                2);
        assertThat(written.toString())
                .contains("(a) field extraction: 2,000 events in 1.0 s")
                .contains("(b) job: not measured")
                .contains("(c) floor: 2,000 events in 2.0 s: 1,000 events/s, CPU time not reported by this JVM;"
                        + " 0.50 of (a), 0.25 per core\n")
                .doesNotContain("NaN");
    }

    @Test
    void eachMarginalLineIsJudgedOnItsOwnAndAnUnmeasurableBaselineIsSaid() {
        Measurement small = new Measurement(1_000_000, 10, 20);
        Measurement large = new Measurement(3_000_000, 20, 40);
        StringWriter written = new StringWriter();
        Ratios.printMarginals(
                new PrintWriter(written),
                "Kafka",
                "consumer",
                new Measurement(1_000_000, 5, 5),
                new Measurement(3_000_000, 10, 10),
                List.of(
                        new Ratios.OnBothSizes("(b) job", small, large, new Ratios.Target(0.35, true)),
                        new Ratios.OnBothSizes("(c) floor", large, large, Ratios.Target.NONE)),
                2);
        assertThat(written.toString())
                .contains("Kafka, marginal (the 3,000,000-event log minus the 1,000,000-event one)")
                .contains("(b) job: 2,000,000 events in 10.0 s: 200,000 events/s, CPU 10.0 µs/event; 0.50 of (a),"
                        + " 0.25 per core (target: at least 0.35 per core: not met); CPU 4.0× (a)'s per event")
                .contains("(c) floor: not measured");

        StringWriter unmeasurable = new StringWriter();
        Ratios.printMarginals(new PrintWriter(unmeasurable), "files", "extraction", large, large, List.of(), 2);
        assertThat(unmeasurable.toString()).contains("files, marginal: not measured");
    }
}
