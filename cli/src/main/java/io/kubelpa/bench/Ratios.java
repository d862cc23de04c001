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
        out.printf(
                "  %s: %s; %.2f of (a), %.2f per core%s; CPU %.1f× (a)'s per event%n",
                what,
                job.describe(),
                ratio,
                ratio / cores,
                target.judge(ratio, cores),
                job.cpuMicrosPerEvent() / baseline.cpuMicrosPerEvent());
    }

    /** Whether every run on the larger log took longer than on the smaller; a tiny log can be slower (a cold JIT). */
    static boolean marginalIsMeasurable(
            String what, List<Measurement> smaller, List<Measurement> larger, PrintWriter out) {
        for (int i = 0; i < smaller.size(); i++) {
            if (larger.get(i).seconds() <= smaller.get(i).seconds()) {
                out.printf(
                        "%s, marginal: not measured, the larger log's run took no longer than the smaller's (%.1f s vs"
                                + " %.1f s): use logs further apart in size%n",
                        what, larger.get(i).seconds(), smaller.get(i).seconds());
                return false;
            }
        }
        return true;
    }
}
