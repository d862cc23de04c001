package io.kubelpa.bench;

import java.io.PrintWriter;

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
        out.printf(
                "  %s: %s; %.2f of (a), %.2f per core%s; CPU %.1f× (a)'s per event%n",
                what,
                job.describe(),
                ratio,
                ratio / cores,
                target.judge(ratio, cores),
                baseline.cpuMicrosPerEvent() > 0 ? job.cpuMicrosPerEvent() / baseline.cpuMicrosPerEvent() : Double.NaN);
    }

    /**
     * The marginal line of a measurement: what its run on the larger log cost beyond its run on the smaller,
     * against the baseline's; a line whose larger run was not slower (noise on a run of a few seconds, or a
     * cold JIT on a tiny log) says so instead.
     */
    static void printMarginal(
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
