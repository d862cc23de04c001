package io.kubelpa.bench;

import java.io.PrintWriter;
import java.util.List;

/** How a bench line compares a job's measurement with the single-thread baseline of the same run. */
final class Ratios {
    private Ratios() {}

    /** A ratio to the baseline a job must reach, of the whole job or per core it uses. */
    record Target(double ratio, boolean perCore) {
        static final Target NONE = new Target(0, false);

        String judge(double ratio, int cores) {
            if (this.ratio <= 0) {
                return "";
            }
            double measured = perCore ? ratio / cores : ratio;
            return String.format(
                    " (target: at least %.2f%s: %s)",
                    this.ratio, perCore ? " per core" : " of (a)", measured >= this.ratio ? "met" : "not met");
        }
    }

    static void print(PrintWriter out, String what, Measurement job, Measurement baseline, int cores, Target target) {
        double ratio = job.rate() / baseline.rate();
        boolean cpuComparable = job.cpuKnown() && baseline.cpuKnown() && baseline.cpuMicrosPerEvent() > 0;
        out.printf(
                "  %s: %s; %.2f of (a), %.2f per core%s%s%n",
                what,
                job.describe(),
                ratio,
                ratio / cores,
                target.judge(ratio, cores),
                cpuComparable
                        ? String.format(
                                "; CPU %.1f× (a)'s per event", job.cpuMicrosPerEvent() / baseline.cpuMicrosPerEvent())
                        : "");
    }

    /** A measurement on both sizes, and the target its marginal line is judged by. */
    record OnBothSizes(String what, Measurement smaller, Measurement larger, Target target) {}

    /**
     * The marginal section of a bench: the baseline's marginal line (a), then each measurement's. When the
     * baseline's larger run was not slower, no ratio means anything and the section says so instead.
     */
    static void printMarginals(
            PrintWriter out,
            String source,
            String baselineWhat,
            Measurement smallerBaseline,
            Measurement largerBaseline,
            List<OnBothSizes> measured,
            int cores) {
        if (!measurable(smallerBaseline, largerBaseline)) {
            out.printf(
                    "%s, marginal: not measured: the baseline on the larger log took no longer than on the smaller%n",
                    source);
            return;
        }
        Measurement baseline = Measurement.marginal(smallerBaseline, largerBaseline);
        out.printf(
                "%s, marginal (the %,d-event log minus the %,d-event one):%n",
                source, largerBaseline.events(), smallerBaseline.events());
        out.printf("  (a) %s: %s%n", baselineWhat, baseline.describe());
        for (OnBothSizes line : measured) {
            printMarginal(out, line.what(), line.smaller(), line.larger(), baseline, cores, line.target());
        }
        out.flush();
    }

    /**
     * The marginal line of a measurement: what its run on the larger log cost beyond its run on the smaller,
     * against the baseline's; a line whose larger run was not slower (noise on a run of a few seconds, or a
     * cold JIT on a tiny log) says so instead.
     */
    private static void printMarginal(
            PrintWriter out,
            String what,
            Measurement smaller,
            Measurement larger,
            Measurement baseline,
            int cores,
            Target target) {
        if (!measurable(smaller, larger)) {
            out.printf(
                    "  %s: not measured, the larger log's run took no longer than the smaller's (%.1f s vs %.1f s)%n",
                    what, larger.seconds(), smaller.seconds());
            return;
        }
        print(out, what, Measurement.marginal(smaller, larger), baseline, cores, target);
    }

    static boolean measurable(Measurement smaller, Measurement larger) {
        return larger.events() > smaller.events() && larger.seconds() > smaller.seconds();
    }
}
