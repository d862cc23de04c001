package io.kubelpa.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.kubelpa.analyze.AnalysisResult;
import io.kubelpa.analyze.AnalyzeOptions;
import io.kubelpa.analyze.AnalyzeRunner;
import io.kubelpa.bench.AnalyzeFloor;
import io.kubelpa.bench.SoakBench;
import io.kubelpa.bench.StreamBench;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.ManifestReader;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.samples.SampleClusterSimulator;
import io.kubelpa.usage.UsageCounters;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * the needed fields from the same events, measured in the same run on the same machine.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = LpaCommand.Version.class,
        header = "Measure lpa analyze against the single-thread field-extraction limit.",
        description = {
            "Generates the sample cluster's logs at the given scale as JSON lines (--scale 571: about 1M events),",
            "then measures (a) Jackson streaming extraction of the fields the analysis needs, one thread, and",
            "(b) lpa analyze end to end with --parallelism tasks; prints events/s of both and their ratio; then",
            "(c) the floors: the same cluster, source and tasks running jobs that only read, or read and decode.",
            "",
            "  lpa bench --scale 571 --parallelism 2 --rounds 3",
            "  lpa bench --stream --scale 1142",
            "  lpa bench --soak 10m --kill-every 3m      # 60 days of event time in 10 minutes"
        },
        footer = ExitCodes.HELP_FOOTER)
final class BenchCommand implements Callable<Integer> {
    private static final List<String> FIELDS = List.of(
            "auditID",
            "stage",
            "verb",
            "requestURI",
            "username",
            "groups",
            "resource",
            "subresource",
            "namespace",
            "name",
            "apiGroup",
            "code",
            "stageTimestamp",
            "authorization.k8s.io/decision",
            "authorization.k8s.io/reason");

    @Spec
    CommandSpec spec;

    @Option(
            names = "--scale",
            defaultValue = "571",
            description = "Sample cluster scale (default: ${DEFAULT-VALUE}, about 1M events).")
    int scale;

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
        Path dir = sampleCluster(out);
        Path log = dir.resolve("audit/audit.log");
        RbacObjects rbac = new ManifestReader().read(List.of(rbacDir)).objects();
        if (streamOnly) {
            runStream(log, rbac, out);
            return ExitCodes.OK;
        }
        Extraction extraction = measureExtraction(log, out);
        Configuration config = new Configuration();
        config.set(AnalyzeOptions.PARALLELISM, parallelism);
        config.set(AnalyzeOptions.RANGE_SIZE, ranges);
        long analysed = measureAnalyze(config, rbac, dir, extraction.rate(), out);
        measureFloors(config, dir, extraction.rate(), out);
        out.printf("machine: %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(), Runtime.version());
        out.flush();
        if (extraction.events() != analysed) {
            throw new CliException(
                    ExitCodes.ERROR,
                    "the two measurements saw different event counts: " + extraction.events() + " vs " + analysed);
        }
        if (stream) {
            runStream(log, rbac, out);
        }
        return ExitCodes.OK;
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
    private Path sampleCluster(PrintWriter out) throws IOException {
        Path dir = workDir != null ? workDir : Files.createTempDirectory("lpa-bench");
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

    /** The events of the log and the best single-thread extraction rate of the rounds. */
    private record Extraction(long events, double rate) {}

    private Extraction measureExtraction(Path log, PrintWriter out) throws IOException {
        double baseline = 0;
        long events = 0;
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            events = extractFields(log);
            double rate = events / ((System.nanoTime() - start) / 1e9);
            baseline = Math.max(baseline, rate);
            out.printf("(a) round %d: field extraction, 1 thread: %,.0f events/s%n", round + 1, rate);
            out.flush();
        }
        return new Extraction(events, baseline);
    }

    private long measureAnalyze(Configuration config, RbacObjects rbac, Path dir, double baseline, PrintWriter out)
            throws Exception {
        long start = System.nanoTime();
        AnalyzeRunner runner = new AnalyzeRunner(config);
        long analysed;
        try (AnalysisResult result = runner.run(rbac, BuiltinMode.ROLES_AND_BINDINGS, List.of(dir.resolve("audit")))) {
            analysed = result.report().counters().get(UsageCounters.EVENTS);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double endToEnd = analysed / seconds;
        out.printf(
                "(b) lpa analyze, %d tasks: %,d events in %.1f s: %,.0f events/s%n",
                parallelism, analysed, seconds, endToEnd);
        out.printf(
                "ratio (b)/(a): %.2f; per task: %.2f (target: at least 0.50 per core used)%n",
                endToEnd / baseline, endToEnd / baseline / parallelism);
        double jobSeconds = runner.lastJobMillis() / 1000.0;
        out.printf(
                "of which the Flink job ran %.1f s (%,.0f events/s, %.2f per task); the rest is start-up and collecting the ledger%n",
                jobSeconds, analysed / jobSeconds, analysed / jobSeconds / baseline / parallelism);
        return analysed;
    }

    private void measureFloors(Configuration config, Path dir, double baseline, PrintWriter out) throws Exception {
        for (AnalyzeFloor.Depth depth : AnalyzeFloor.Depth.values()) {
            AnalyzeFloor.Result floor = AnalyzeFloor.run(config, List.of(dir.resolve("audit")), depth);
            double rate = floor.count() / floor.seconds();
            out.printf(
                    "(c) floor: the same cluster, source and tasks, %s: %,d in %.1f s (job %.1f s): %,.0f events/s, %.2f per task%n",
                    depth == AnalyzeFloor.Depth.READ ? "records read and dropped" : "events decoded and dropped",
                    floor.count(),
                    floor.seconds(),
                    floor.jobSeconds(),
                    rate,
                    rate / baseline / parallelism);
            out.flush();
        }
    }

    private void runStream(Path log, RbacObjects rbac, PrintWriter out) throws Exception {
        String home = System.getenv("LPA_HOME");
        new StreamBench(Path.of(home != null ? home : "."))
                .run(log, rbac, parallelism, floorsFirst, BenchCommand::extractFields, out);
    }

    private static final JsonFactory FACTORY = new JsonFactory();

    /** The single-thread limit: pull the needed fields out of each line with a streaming parser. */
    private static long extractFields(Path log) throws IOException {
        long events = 0;
        long checksum = 0;
        try (BufferedReader reader = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                checksum += extractFields(line.getBytes(StandardCharsets.UTF_8));
                events++;
            }
        }
        return checksum >= 0 ? events : -1;
    }

    /** The needed fields of one event, pulled with a streaming parser; returns a checksum so nothing is optimised away. */
    static long extractFields(byte[] event) {
        long checksum = 0;
        try (JsonParser parser = FACTORY.createParser(event)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME && FIELDS.contains(parser.currentName())) {
                    JsonToken value = parser.nextToken();
                    if (value == JsonToken.VALUE_STRING) {
                        checksum += parser.getTextLength();
                    } else if (value == JsonToken.START_ARRAY) {
                        while (parser.nextToken() != JsonToken.END_ARRAY) {
                            checksum += parser.getTextLength();
                        }
                    }
                } else if (token == JsonToken.FIELD_NAME && isBody(parser.currentName())) {
                    parser.nextToken();
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return checksum;
    }

    private static boolean isBody(String field) {
        return "requestObject".equals(field) || "responseObject".equals(field);
    }
}
