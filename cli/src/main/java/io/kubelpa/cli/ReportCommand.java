package io.kubelpa.cli;

import io.kubelpa.report.ReportFormat;
import io.kubelpa.report.ReportModel;
import io.kubelpa.report.ReportReader;
import io.kubelpa.report.SarifReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lpa report}: an analysis directory (of lpa analyze or a periodic review) as HTML, Markdown, JSON, SARIF or JUnit. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        versionProvider = LpaCommand.Version.class,
        header = "Render an analysis as a review report: html, md, json, sarif or junit.",
        description = {
            "Reads DIR (written by lpa analyze, or OUT/reviews/<time> of lpa stream) and renders it. --previous DIR",
            "adds the trend against an earlier analysis; --fail-on exits 3 when findings at or above that severity exist.",
            "",
            "  lpa report --from lpa-out -o sarif --output-file lpa.sarif --fail-on high",
            "  lpa report --from lpa-out -o html --output-file review.html --previous last-week/"
        },
        footer = ExitCodes.HELP_FOOTER)
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", paramLabel = "DIR", required = true, description = "The analysis directory.")
    Path from;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            defaultValue = "md",
            description = "html, md, json, sarif or junit (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--output-file", paramLabel = "FILE", description = "Write here instead of stdout.")
    Path outputFile;

    @Option(names = "--previous", paramLabel = "DIR", description = "An earlier analysis to show the trend against.")
    Path previous;

    @Option(
            names = "--fail-on",
            paramLabel = "SEVERITY",
            description = "Exit 3 when a finding to act on is at or above: critical, high, medium, low. Suppressed"
                    + " findings never count; findings on platform objects only with --include-platform.")
    String failOn;

    @Option(
            names = "--include-platform",
            description =
                    "Count findings on platform objects (Kubernetes', the provider's, add-ons') toward --fail-on.")
    boolean includePlatform;

    @Option(
            names = "--sarif-base",
            paramLabel = "DIR",
            description = "SARIF locations relative to DIR (the repository root code scanning knows), or 'absolute'"
                    + " for file URIs (default: the git repository holding the manifests).")
    String sarifBase;

    @Override
    public Integer call() {
        ReportFormat output;
        try {
            output = ReportFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
        String threshold = failOn == null ? "high" : failOn.trim().toLowerCase(Locale.ROOT);
        if (!ReportModel.SEVERITIES.contains(threshold)) {
            throw new CliException(
                    ExitCodes.USAGE, "--fail-on must be one of " + ReportModel.SEVERITIES + ", not '" + failOn + "'");
        }
        ReportModel model;
        try {
            model = new ReportReader().read(from, previous);
        } catch (IOException e) {
            throw new CliException(ExitCodes.ERROR, e.getMessage());
        }
        String rendered = output == ReportFormat.SARIF && sarifBase != null
                ? new SarifReport("absolute".equals(sarifBase) ? SarifReport.ABSOLUTE : Path.of(sarifBase))
                        .render(model, LpaCommand.Version.current())
                : output.render(model, LpaCommand.Version.current(), threshold, includePlatform);
        if (outputFile == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(rendered);
            out.flush();
        } else {
            try {
                Files.writeString(outputFile, rendered, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CliException(ExitCodes.ERROR, "cannot write " + outputFile + ": " + e.getMessage());
            }
        }
        return failOn != null && model.atOrAbove(threshold, includePlatform) > 0 ? ExitCodes.FINDINGS : ExitCodes.OK;
    }
}
