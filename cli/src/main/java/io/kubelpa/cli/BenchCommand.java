package io.kubelpa.cli;

import io.kubelpa.analyze.AnalyzeOptions;
import io.kubelpa.bench.FileBench;
import io.kubelpa.bench.SoakBench;
import io.kubelpa.bench.StreamBench;
import io.kubelpa.rbac.ManifestReader;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.samples.SampleClusterSimulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lpa bench}: end-to-end analysis throughput against the single-thread limit of extracting
 * the needed fields from the same events, measured in the same run on the same machine, on two log
 * sizes so that the marginal cost per event shows beside the cost of a whole run.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = LpaCommand.Version.class,
        header = "Measure lpa analyze and lpa stream against the single-thread field-extraction limit.",
        description = {
            "Generates the sample cluster's logs at two scales as JSON lines (571: about 1M events, 1713: 2.9M),",
            "then measures on each (a) Jackson streaming extraction of the fields the analysis needs, one thread,",
            "(b) lpa analyze end to end with --parallelism tasks, and (c) the floors: the same cluster, source and",
            "tasks running jobs that only read, decode, or decode and sort by auditID. Each line gives events/s and",
            "the process's CPU µs per event; the marginal lines are the larger log's run minus the smaller's, the",
            "cost of more events once start-up and JIT warm-up are paid.",
            "",
            "  lpa bench --scale 571,1713 --parallelism 2 --rounds 3",
            "  lpa bench --stream --scale 571,1713 --work-dir /var/tmp/lpa-bench   # reuses the logs next time",
            "  lpa bench --soak 10m --kill-every 3m      # 60 days of event time in 10 minutes"
        },
        footer = ExitCodes.HELP_FOOTER)
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--scale",
            paramLabel = "SMALL[,LARGE]",
            split = ",",
            defaultValue = "571,1713",
            description = "Sample cluster scales: with two, the marginal cost of the larger log beyond the smaller is"
                    + " measured too (default: ${DEFAULT-VALUE}, about 1M and 2.9M events).")
    List<Integer> scales;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Parallel tasks of the analysis (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--rounds",
            defaultValue = "3",
            description = "Rounds of the extraction baseline; the best counts (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(
            names = "--stream",
            description =
                    "Also measure the streaming job against one thread consuming the same events from a local Kafka broker.")
    boolean stream;

    @Option(
            names = "--stream-only",
            description = "Measure the streaming job only (its baseline and floors), not the file analysis.")
    boolean streamOnly;

    @Option(
            names = "--floors-first",
            description = "Run the streaming floors before the job, so the first starts as cold as the job does.")
    boolean floorsFirst;

    @Option(
            names = "--subjects",
            paramLabel = "N",
            description =
                    "Instead: heap of the streaming job with N distinct subjects (one request each), sampled while it runs.")
    Integer subjects;

    @Option(
            names = "--soak",
            paramLabel = "DURATION",
            description =
                    "Instead: run a steady stream for DURATION with compressed event time and TaskManagers killed,"
                            + " sampling state, checkpoints, lag and heap (docs/operations.md, \"Weeks of state\").")
    String soak;

    @Option(
            names = "--soak-rate",
            paramLabel = "N",
            defaultValue = "2000",
            description = "Soak events/s (default: ${DEFAULT-VALUE}).")
    int soakRate;

    @Option(
            names = "--days-per-minute",
            paramLabel = "N",
            defaultValue = "6",
            description = "Soak event time per wall-clock minute, in days (default: ${DEFAULT-VALUE}).")
    int daysPerMinute;

    @Option(
            names = "--window",
            paramLabel = "DURATION",
            defaultValue = "7d",
            description = "Soak observation window (default: ${DEFAULT-VALUE}).")
    String window;

    @Option(
            names = "--dedup-ttl",
            paramLabel = "DURATION",
            defaultValue = "1m",
            description = "Soak deduplication TTL, processing time (default: ${DEFAULT-VALUE}).")
    String dedupTtl;

    @Option(
            names = "--kill-every",
            paramLabel = "DURATION",
            defaultValue = "3m",
            description = "Soak: kill a TaskManager this often, 0 for never (default: ${DEFAULT-VALUE}).")
    String killEvery;

    @Option(
            names = "--work-dir",
            paramLabel = "DIR",
            description =
                    "Where to generate the log (default: a temporary directory); a log generated there before at the same scale is reused.")
    Path workDir;

    @Option(
            names = "--range-size",
            paramLabel = "SIZE",
            defaultValue = "32mb",
            description = "Byte ranges a large line-delimited log is read in, in parallel (default: ${DEFAULT-VALUE}).")
    String rangeSize;

    @Option(
            names = "--rbac",
            paramLabel = "DIR",
            defaultValue = "sample-audit-logs/rbac",
            description = "The sample cluster's RBAC (default: ${DEFAULT-VALUE}).")
    Path rbacDir;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (floorsFirst && !stream && !streamOnly) {
            throw new CliException(
                    ExitCodes.USAGE,
                    "--floors-first applies to the streaming measurement: add --stream or --stream-only");
        }
        MemorySize ranges = MemorySizeFlag.parse("--range-size", rangeSize, new MemorySize(1));
        if (soak != null) {
            soak(out);
            return ExitCodes.OK;
        }
        if (subjects != null) {
            measureHeap(out);
            return ExitCodes.OK;
        }
        List<Integer> sizes = validScales();
        List<Path> clusters = new ArrayList<>();
        for (int scale : sizes) {
            clusters.add(sampleCluster(scale, out));
        }
        RbacObjects rbac = new ManifestReader().read(List.of(rbacDir)).objects();
        out.printf("machine: %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(), Runtime.version());
        if (!streamOnly) {
            Configuration config = new Configuration();
            config.set(AnalyzeOptions.PARALLELISM, parallelism);
            config.set(AnalyzeOptions.RANGE_SIZE, ranges);
            new FileBench(config, parallelism, rounds, out).run(rbac, clusters);
        }
        if (stream || streamOnly) {
            String home = System.getenv("LPA_HOME");
            new StreamBench(Path.of(home != null ? home : "."))
                    .run(
                            clusters.stream()
                                    .map(c -> c.resolve("audit/audit.log"))
                                    .toList(),
                            rbac,
                            parallelism,
                            floorsFirst,
                            out);
        }
        return ExitCodes.OK;
    }

    private List<Integer> validScales() {
        if (rounds < 1 || parallelism < 1) {
            throw new CliException(ExitCodes.USAGE, "--rounds and --parallelism must be at least 1");
        }
        if (scales.isEmpty()
                || scales.size() > 2
                || scales.stream().anyMatch(s -> s < 1)
                || (scales.size() == 2 && scales.get(0) >= scales.get(1))) {
            throw new CliException(
                    ExitCodes.USAGE,
                    "--scale takes one positive scale or two, the smaller first (for example 571,1713); got " + scales);
        }
        return scales;
    }

    private void measureHeap(PrintWriter out) throws Exception {
        String home = System.getenv("LPA_HOME");
        RbacObjects sampleRbac = new ManifestReader().read(List.of(rbacDir)).objects();
        RbacObjects withReaders = sampleRbac.plus(new RbacObjects.Builder()
                .add(new io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder()
                        .withNewMetadata()
                        .withName("bench-readers")
                        .withNamespace("bench")
                        .endMetadata()
                        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "view")
                        .addNewSubject()
                        .withKind("Group")
                        .withApiGroup("rbac.authorization.k8s.io")
                        .withName("system:serviceaccounts:bench")
                        .endSubject()
                        .build())
                .build());
        new StreamBench(Path.of(home != null ? home : ".")).heap(subjects, withReaders, out);
    }

    private void soak(PrintWriter out) throws Exception {
        SoakBench.Settings settings;
        try {
            settings = new SoakBench.Settings(
                    DurationFlag.parse("--soak", soak),
                    soakRate,
                    daysPerMinute,
                    DurationFlag.parse("--window", window),
                    DurationFlag.parse("--dedup-ttl", dedupTtl),
                    "0".equals(killEvery) ? Duration.ZERO : DurationFlag.parse("--kill-every", killEvery),
                    Duration.ofSeconds(10));
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
        String home = System.getenv("LPA_HOME");
        new SoakBench(Path.of(home != null ? home : "."))
                .run(settings, new ManifestReader().read(List.of(rbacDir)).objects(), out);
    }

    /** The sample cluster at the scale asked for, generated unless the work directory holds it already. */
    private Path sampleCluster(int scale, PrintWriter out) throws IOException {
        Path dir = workDir != null ? workDir.resolve("scale-" + scale) : Files.createTempDirectory("lpa-bench");
        Path log = dir.resolve("audit/audit.log");
        Path generated = dir.resolve("generated-scale");
        if (Files.isRegularFile(log)
                && Files.isRegularFile(generated)
                && Files.readString(generated).equals(String.valueOf(scale))) {
            out.printf("Reusing the sample cluster at scale %d in %s%n", scale, dir);
        } else {
            out.printf("Generating the sample cluster at scale %d in %s ...%n", scale, dir);
            out.flush();
            Files.deleteIfExists(generated);
            new SampleClusterSimulator(42, 3, scale, true).write(dir);
            Files.writeString(generated, String.valueOf(scale));
        }
        return dir;
    }
}
