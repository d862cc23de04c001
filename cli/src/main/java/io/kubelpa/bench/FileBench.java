package io.kubelpa.bench;

import io.kubelpa.analyze.AnalysisResult;
import io.kubelpa.analyze.AnalyzeRunner;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.usage.UsageCounters;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;

/**
 * The file half of {@code lpa bench}, on one or two generated logs: (a) the single-thread extraction
 * limit, (b) {@code lpa analyze} end to end, (c) its floors; each with its events/s and CPU µs per
 * event, and with two logs the marginal cost, the larger run minus the smaller. A first analysis,
 * not counted, warms the JIT, so that neither size pays for compiling the code.
 */
public final class FileBench {
    /** The bounded job's target: its marginal rate per core against the marginal extraction rate. */
    static final Ratios.Target TARGET = new Ratios.Target(0.35, true);

    private final Configuration config;
    private final int parallelism;
    private final int rounds;
    private final PrintWriter out;

    public FileBench(Configuration config, int parallelism, int rounds, PrintWriter out) {
        this.config = config;
        this.parallelism = parallelism;
        this.rounds = rounds;
        this.out = out;
    }

    /** The measurements of one log size. */
    private record Sized(Measurement extraction, Measurement analyze, List<Measurement> floors) {}

    /** {@code clusters}: generated sample clusters, smallest first; each has its log in {@code audit/}. */
    public void run(RbacObjects rbac, List<Path> clusters) throws Exception {
        Measurement warmUp = Measurement.of(
                () -> analyze(new AnalyzeRunner(config), rbac, clusters.get(0).resolve("audit")));
        out.printf(
                "warm-up, not counted: lpa analyze on the first log, so that both sizes run with a warm JIT: %s%n",
                warmUp.describe());
        out.flush();
        List<Sized> sizes = new ArrayList<>();
        for (Path cluster : clusters) {
            sizes.add(measure(rbac, cluster));
        }
        if (sizes.size() == 2) {
            Sized small = sizes.get(0);
            Sized large = sizes.get(1);
            List<Ratios.OnBothSizes> measured = new ArrayList<>();
            measured.add(new Ratios.OnBothSizes(
                    "(b) lpa analyze, " + parallelism + " tasks", small.analyze(), large.analyze(), TARGET));
            for (AnalyzeFloor.Depth depth : AnalyzeFloor.Depth.values()) {
                measured.add(new Ratios.OnBothSizes(
                        "(c) floor, " + depth.description(),
                        small.floors().get(depth.ordinal()),
                        large.floors().get(depth.ordinal()),
                        Ratios.Target.NONE));
            }
            Ratios.printMarginals(
                    out,
                    "files",
                    "field extraction, 1 thread",
                    small.extraction(),
                    large.extraction(),
                    measured,
                    parallelism);
        }
    }

    private static long analyze(AnalyzeRunner runner, RbacObjects rbac, Path logs) throws Exception {
        try (AnalysisResult result = runner.run(rbac, BuiltinMode.ROLES_AND_BINDINGS, List.of(logs))) {
            return result.report().counters().get(UsageCounters.EVENTS);
        }
    }

    private Sized measure(RbacObjects rbac, Path cluster) throws Exception {
        Path logs = cluster.resolve("audit");
        Measurement extraction = null;
        for (int round = 0; round < rounds; round++) {
            Measurement measured = Measurement.of(() -> FieldExtraction.extract(logs.resolve("audit.log")));
            out.printf("(a) round %d: field extraction, 1 thread: %s%n", round + 1, measured.describe());
            out.flush();
            if (extraction == null || measured.rate() > extraction.rate()) {
                extraction = measured;
            }
        }
        AnalyzeRunner runner = new AnalyzeRunner(config);
        Measurement analyze = Measurement.of(() -> analyze(runner, rbac, logs));
        if (analyze.events() != extraction.events()) {
            throw new IllegalStateException("the analysis and the extraction saw different event counts: "
                    + analyze.events() + " vs " + extraction.events());
        }
        out.printf("(b) lpa analyze, %d tasks: %s%n", parallelism, analyze.describe());
        out.printf(
                "    ratio to (a): %.2f, per task %.2f; the Flink job itself ran %.1f s%n",
                analyze.rate() / extraction.rate(),
                analyze.rate() / extraction.rate() / parallelism,
                runner.lastJobMillis() / 1000.0);
        out.flush();
        List<Measurement> floors = new ArrayList<>();
        for (AnalyzeFloor.Depth depth : AnalyzeFloor.Depth.values()) {
            Measurement floor = Measurement.of(
                    () -> AnalyzeFloor.run(config, List.of(logs), depth).count());
            out.printf(
                    "(c) floor, the same cluster, source and tasks, %s: %s, %.2f per task%n",
                    depth.description(), floor.describe(), floor.rate() / extraction.rate() / parallelism);
            out.flush();
            floors.add(floor);
        }
        return new Sized(extraction, analyze, floors);
    }
}
