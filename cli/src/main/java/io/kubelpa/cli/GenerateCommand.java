package io.kubelpa.cli;

import io.kubelpa.analyze.AnalysisResult;
import io.kubelpa.analyze.AnalyzeRunner;
import io.kubelpa.authz.RbacAuthorizer;
import io.kubelpa.findings.Durations;
import io.kubelpa.findings.WindowEvidence;
import io.kubelpa.generate.GenerateOptions;
import io.kubelpa.generate.GeneratedSubject;
import io.kubelpa.generate.Impersonators;
import io.kubelpa.generate.RoleGenerator;
import io.kubelpa.generate.SubjectUse;
import io.kubelpa.output.OutputFolder;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.rbac.SnapshotAssembler;
import io.kubelpa.report.GeneratedRbacWriter;
import io.kubelpa.usage.RequestShape;
import io.kubelpa.usage.SubjectLedger;
import io.kubelpa.usage.TimeRange;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lpa generate}: the least RBAC that allows what each subject did in the audit logs. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        versionProvider = LpaCommand.Version.class,
        header = "Generate least-privilege Roles for what subjects did, whatever allowed it.",
        sortOptions = false,
        description = {
            "From the audit logs, the least Roles (one per namespace used) and ClusterRole that allow every request",
            "a subject was allowed in the window, whatever authorized it (RBAC, system:masters, AlwaysAllow, a",
            "webhook), with their bindings, named lpa:<kind>:<name>. Written to OUT/generated/ with the proof:",
            "every observed request replayed against the generated RBAC alone, and, with --rbac, what it adds to",
            "and drops from today's RBAC. No RBAC is needed.",
            "",
            "  lpa generate --audit-log logs/ --out review/",
            "  lpa generate --audit-log logs/ --rbac manifests/ --out review/ --subject ServiceAccount:ci/deployer",
            "  lpa generate --audit-log logs/ --out review/ --expand-verbs read --resource-names never"
        },
        footer = ExitCodes.HELP_FOOTER)
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @ArgGroup(exclusive = false, heading = "%nRBAC to compare with (optional):%n")
    RbacInputOptions input = new RbacInputOptions();

    @Mixin
    LogsAndOutOptions paths;

    @Option(
            names = "--subject",
            paramLabel = "KIND:NAME",
            description = "User:NAME, Group:NAME or ServiceAccount:NS/NAME; repeatable (default: every user and"
                    + " service account that made requests).")
    List<String> subjects = new ArrayList<>();

    @Option(
            names = "--expand-verbs",
            paramLabel = "MODE",
            defaultValue = "none",
            description = "none, read (get/list/watch together) or all (also create/update/patch/delete together)"
                    + " (default: ${DEFAULT-VALUE}).")
    String expandVerbs;

    @Option(
            names = "--resource-names",
            paramLabel = "MODE",
            defaultValue = "auto",
            description = "auto (name the objects where a subject only ever touched up to "
                    + GenerateOptions.MAX_RESOURCE_NAMES + ") or never (default: ${DEFAULT-VALUE}).")
    String resourceNames;

    @Option(
            names = "--max-narrow-namespaces",
            paramLabel = "N",
            defaultValue = "3",
            description = "Past this many namespaces, one ClusterRole bound cluster-wide (default: ${DEFAULT-VALUE}).")
    int maxNarrowNamespaces;

    @Option(
            names = "--min-window",
            paramLabel = "DURATION",
            defaultValue = "7d",
            description = "Logs covering less are flagged low confidence (default: ${DEFAULT-VALUE}).")
    String minWindow;

    @Option(
            names = "--include-denied",
            description = "Also generate what denied requests asked for, into OUT/generated/denied/, apart from"
                    + " rbac.yaml: a widening to decide on, escalation-prone rules named in verification.json.")
    boolean includeDenied;

    @Mixin
    AuditInputOptions audit;

    @Override
    public Integer call() throws Exception {
        GenerateOptions options;
        List<GeneratedSubject> asked = new ArrayList<>();
        try {
            options = new GenerateOptions(
                    GenerateOptions.Verbs.parse(expandVerbs),
                    GenerateOptions.parseResourceNames(resourceNames),
                    maxNarrowNamespaces);
            for (String subject : subjects) {
                asked.add(GeneratedSubject.parse(subject));
            }
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
        Duration minimum = DurationFlag.parse("--min-window", minWindow);
        audit.format();
        OutputFolder folder;
        try {
            folder = OutputFolder.at(paths.out).checkWritable();
        } catch (IOException e) {
            throw new CliException(ExitCodes.ERROR, "--out: " + e.getMessage());
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean compare = !input.rbacPaths.isEmpty() || input.kubeconfig != null;
        RbacObjects rbac = compare ? input.loadObjects(System.in, err, common.verbose) : RbacObjects.empty();
        BuiltinMode mode = compare ? input.mode() : BuiltinMode.NONE;
        Configuration config = new Configuration();
        audit.applyTo(config);
        try (AnalysisResult analysis =
                new AnalyzeRunner(config).run(rbac, mode, paths.auditLogs, TimeRange.ALL, null)) {
            SubjectLedger ledger = analysis.report().ledger();
            WindowEvidence evidence = WindowEvidence.of(analysis.report().counters());
            if (evidence.covered().compareTo(minimum) < 0) {
                err.println("lpa: low confidence: the logs cover " + Durations.format(evidence.covered())
                        + ", less than --min-window " + Durations.format(minimum)
                        + ": what a subject does less often may be missing");
            }
            Iterable<GeneratedSubject> chosen = asked.isEmpty() ? everyUserIn(ledger) : asked;
            RbacAuthorizer today = compare ? new RbacAuthorizer(SnapshotAssembler.assemble(rbac, mode)) : null;
            Map<GeneratedSubject, SortedSet<String>> impersonators = Impersonators.in(ledger);
            GeneratedRbacWriter.Summary summary;
            try {
                summary = new GeneratedRbacWriter(new RoleGenerator(options), today)
                        .write(
                                folder,
                                chosen,
                                subject -> shapesOf(ledger, subject, impersonators.get(subject)),
                                includeDenied);
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new CliException(
                        ExitCodes.ERROR, "cannot write the results into " + paths.out + ": " + e.getMessage());
            }
            summary.withoutUse()
                    .forEach(subject -> err.println(
                            "lpa: " + subject + " made no allowed request in the window: nothing generated"));
            if (summary.withoutUseCount() > summary.withoutUse().size()) {
                err.println("lpa: … and "
                        + (summary.withoutUseCount() - summary.withoutUse().size())
                        + " more subject(s) without allowed requests");
            }
            err.flush();
            stdout.println("Generated RBAC for " + summary.subjects() + " subject(s) in "
                    + paths.out.resolve(GeneratedRbacWriter.FOLDER));
            stdout.println(
                    summary.replayFailures() == 0
                            ? "Replay: every allowed request of the window is allowed by the generated RBAC alone (proven)"
                            : "Replay FAILED for " + summary.replayFailures() + " subject(s): see verification.json");
            if (today != null) {
                stdout.println(
                        summary.widening() == 0
                                ? "Against the RBAC given: nothing generated goes beyond it"
                                : summary.widening() + " subject(s) would get more than the RBAC given allows today"
                                        + " (addsToToday in verification.json)");
            }
            if (includeDenied) {
                stdout.println(
                        summary.deniedSubjects() == 0
                                ? "Denied requests: none in the window"
                                : "Denied requests of " + summary.deniedSubjects() + " subject(s) in "
                                        + paths.out.resolve(GeneratedRbacWriter.DENIED)
                                        + ": WIDENING, not in rbac.yaml; " + summary.deniedEscalations()
                                        + " escalation-prone rule(s) (escalations in verification.json)");
            }
            stdout.flush();
            return summary.replayFailures() == 0 ? ExitCodes.OK : ExitCodes.ERROR;
        }
    }

    /** Every user and service account with use in the window, in name order. */
    /** Read from the ledger as they are written, one at a time: nothing is held per subject. */
    private static Iterable<GeneratedSubject> everyUserIn(SubjectLedger ledger) {
        return () -> ledger.subjects().keySet().stream()
                .map(GeneratedSubject::ofUsername)
                .iterator();
    }

    /** What the subject was allowed and denied, with a note on who impersonated it. */
    static GeneratedRbacWriter.SubjectShapes shapesOf(
            SubjectLedger ledger, GeneratedSubject subject, SortedSet<String> impersonators) {
        Set<RequestShape> allowed = SubjectUse.allowed(ledger, subject);
        return new GeneratedRbacWriter.SubjectShapes(
                allowed,
                SubjectUse.deniedOnly(ledger, subject, allowed),
                impersonators == null ? List.of() : List.of(Impersonators.note(impersonators)));
    }
}
