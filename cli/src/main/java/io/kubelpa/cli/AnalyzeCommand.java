package io.kubelpa.cli;

import io.kubelpa.analyze.AnalysisResult;
import io.kubelpa.analyze.AnalyzeOptions;
import io.kubelpa.analyze.AnalyzeRunner;
import io.kubelpa.audit.Timestamps;
import io.kubelpa.findings.Durations;
import io.kubelpa.findings.EvidenceQuality;
import io.kubelpa.job.JobOptions;
import io.kubelpa.output.OutputFolder;
import io.kubelpa.report.AnalysisWriter;
import io.kubelpa.review.LeastPrivilegeReview;
import io.kubelpa.review.Review;
import io.kubelpa.review.ReviewOptions;
import io.kubelpa.usage.Coverage;
import io.kubelpa.usage.TimeRange;
import io.kubelpa.usage.UsageCounters;
import io.kubelpa.usage.UsageReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lpa analyze}: the usage ledger of audit logs against RBAC, as a bounded Flink job. */
@Command(
        name = "analyze",
        mixinStandardHelpOptions = true,
        versionProvider = LpaCommand.Version.class,
        header = "Who used which grant (a bounded Flink job over audit logs), what can go, and verified tighter RBAC.",
        description = {
            "Read audit logs (files or directories; plain or gzip; any supported record shape), count each request",
            "once, attribute every allowed request to every grant that allows it and record denied requests; then",
            "find unused and escalation-prone grants and propose tightened RBAC, each proposal verified by replaying",
            "every allowed request of the window against it and by proving it grants nobody anything new.",
            "",
            "Writes OUT/usage.json, OUT/findings.json, OUT/verification.json, OUT/proposals/ (changed or new objects",
            "and deletions.yaml), OUT/proposed-rbac/ (the whole RBAC after the proposals), and OUT/dead-letter.jsonl",
            "when records could not be used.",
            "",
            "  lpa analyze --rbac manifests/ --audit-log /var/log/kubernetes/audit/ --out lpa-out/",
            "  lpa analyze --kubeconfig ~/.kube/config --audit-log audit/ --since 2025-05-01 --out lpa-out/"
        },
        footer = ExitCodes.HELP_FOOTER)
final class AnalyzeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @ArgGroup(exclusive = false, heading = "%nRBAC input:%n")
    RbacInputOptions input = new RbacInputOptions();

    @Mixin
    LogsAndOutOptions paths;

    @Option(
            names = "--since",
            paramLabel = "TIME",
            description = "Only requests at or after this RFC 3339 time (dated by the stage that decides them).")
    String since;

    @Option(
            names = "--until",
            paramLabel = "TIME",
            description = "Only requests before this RFC 3339 time; every RBAC write before it applies.")
    String until;

    @Mixin
    AuditInputOptions audit;

    @Option(
            names = "--stage-wait",
            paramLabel = "DURATION",
            defaultValue = "10m",
            description = "How much later a better stage of a request still replaces an early one (RequestReceived, "
                    + "ResponseStarted), as lpa stream's lpa.requests.stage-wait (default: ${DEFAULT-VALUE}).")
    String stageWait;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            defaultValue = "2",
            description = "Parallel tasks (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--sort-memory",
            paramLabel = "SIZE",
            defaultValue = "1gb",
            description =
                    "Memory off the heap the job sorts requests in; a larger log spills to local disk (default: ${DEFAULT-VALUE}).")
    String sortMemory;

    @Mixin
    ReviewFlags review;

    @Option(
            names = {"-q", "--quiet"},
            description = "No progress on stderr.")
    boolean quiet;

    /** Less is likelier a slip (1mb for 1gb) than a wish: spilling on every few thousand events. */
    private static final MemorySize MIN_SORT_MEMORY = MemorySize.parse("16mb");

    @Override
    public Integer call() throws Exception {
        TimeRange range = range();
        ReviewOptions reviewOptions = review.options(LpaCommand.Version.current(), input.rbacPaths);
        audit.format();
        if (parallelism < 1) {
            throw new CliException(ExitCodes.USAGE, "--parallelism must be at least 1");
        }
        try {
            // A folder that cannot take the results is found before the analysis, not after it.
            OutputFolder.at(paths.out).checkWritable();
        } catch (IOException e) {
            throw new CliException(ExitCodes.ERROR, "--out: " + e.getMessage());
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Configuration config = new Configuration();
        config.set(AnalyzeOptions.PARALLELISM, parallelism);
        config.set(
                TaskManagerOptions.MANAGED_MEMORY_SIZE,
                MemorySizeFlag.parse("--sort-memory", sortMemory, MIN_SORT_MEMORY));
        audit.applyTo(config);
        config.set(JobOptions.STAGE_WAIT, DurationFlag.parse("--stage-wait", stageWait));
        var snapshotInput = input.loadObjects(System.in, err, common.verbose);
        boolean showProgress = !quiet && System.console() != null;
        long started = System.nanoTime();
        AnalysisResult analysis;
        try {
            analysis = new AnalyzeRunner(config)
                    .run(
                            snapshotInput,
                            input.mode(),
                            paths.auditLogs,
                            range,
                            showProgress ? status -> progress(err, status, started) : null);
        } catch (IOException e) {
            throw new CliException(ExitCodes.ERROR, e.getMessage());
        }
        if (showProgress) {
            err.print("\r\033[K");
            err.flush();
        }
        try (analysis) {
            UsageReport report = analysis.report();
            Review review = LeastPrivilegeReview.run(snapshotInput, input.mode(), report, reviewOptions);
            Map<String, List<String>> files;
            try {
                files = new AnalysisWriter(LpaCommand.Version.current())
                        .write(paths.out, report, review, input.sources);
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new CliException(
                        ExitCodes.ERROR, "cannot write the results into " + paths.out + ": " + e.getMessage());
            }
            summary(stdout, report);
            ReviewSummary.print(stdout, review, files, paths.out, common.tableWidth());
        }
        return ExitCodes.OK;
    }

    private TimeRange range() {
        long from = since == null ? Long.MIN_VALUE : time("--since", since);
        long to = until == null ? Long.MAX_VALUE : time("--until", until);
        try {
            return new TimeRange(from, to);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
    }

    private static long time(String option, String text) {
        long micros = Timestamps.parseMicros(text);
        if (micros < 0) {
            throw new CliException(
                    ExitCodes.USAGE,
                    option + " must be an RFC 3339 time such as 2025-05-01T00:00:00Z, not '" + text + "'");
        }
        return micros;
    }

    private void summary(PrintWriter stdout, UsageReport report) {
        UsageCounters c = report.counters();
        stdout.printf(
                "%d records, %d events, %d requests (%d allowed, %d denied, %d incomplete, %d duplicates)%n",
                c.get(UsageCounters.RECORDS),
                c.get(UsageCounters.EVENTS),
                c.get(UsageCounters.REQUESTS),
                c.get(UsageCounters.ALLOWED),
                c.get(UsageCounters.DENIED),
                c.get(UsageCounters.INCOMPLETE),
                c.get(UsageCounters.DUPLICATES));
        stdout.printf(
                "%d subjects; window %s .. %s%n",
                report.ledger().subjects().size(),
                c.hasWindow() ? Timestamps.format(c.fromMicros()) : "-",
                c.hasWindow() ? Timestamps.format(c.toMicros()) : "-");
        if (c.hasWindow() && !c.coverage().isEmpty()) {
            coverage(stdout, c);
        }
        EvidenceQuality.of(c).describe().forEach(line -> stdout.println("Degraded evidence: " + line));
        if (!report.deadLetters().isEmpty()) {
            stdout.printf(
                    "%d records dead-lettered: %s%n",
                    report.deadLetters().size(), paths.out.resolve("dead-letter.jsonl"));
        }
        stdout.printf("Wrote %s%n", paths.out.resolve("usage.json"));
        stdout.flush();
    }

    /** How much of the window the logs cover, and the longest stretches no log holds (a window that tells the truth). */
    private static void coverage(PrintWriter stdout, UsageCounters c) {
        long span = (c.toMicros() - c.fromMicros()) / 1_000_000;
        long covered = c.coverage().coveredSeconds(c.fromMicros(), c.toMicros());
        List<Coverage.Gap> gaps = c.coverage().gaps().stream()
                .filter(g -> g.source() == null)
                .sorted(java.util.Comparator.comparingLong(Coverage.Gap::seconds)
                        .reversed())
                .toList();
        if (gaps.isEmpty()) {
            stdout.printf("The logs cover the whole window (%s)%n", Durations.format(Duration.ofSeconds(span)));
            return;
        }
        stdout.printf(
                "The logs cover %s of the window's %s: %d gap(s) no log holds, the longest %s%n",
                Durations.format(Duration.ofSeconds(covered)),
                Durations.format(Duration.ofSeconds(span)),
                gaps.size(),
                gaps.stream()
                        .limit(3)
                        .map(g -> Timestamps.format(g.fromMicros()) + " .. " + Timestamps.format(g.toMicros()))
                        .collect(java.util.stream.Collectors.joining(", ")));
    }

    private static void progress(PrintWriter err, AnalyzeRunner.Status status, long started) {
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        err.printf(
                "\r\033[Klpa: %,d records read (%,.0f/s), %,d requests attributed, %d of %d files or file ranges done",
                status.records(), status.records() / seconds, status.requests(), status.partsDone(), status.parts());
        err.flush();
    }
}
