package io.kubelpa.report;

import io.kubelpa.leastprivilege.HeldBindings;
import io.kubelpa.manifest.ProposalFiles;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.SourceLocation;
import io.kubelpa.review.Review;
import io.kubelpa.usage.UsageReport;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes one analysis into a directory, the same for {@code lpa analyze} and every periodic review
 * of the streaming job: usage.json, dead-letter.jsonl (when there are any), findings.json,
 * proposals/, proposed-rbac/ and verification.json; then report.html, report.md and report.sarif,
 * rendered from those files as {@code lpa report} renders them.
 */
public final class AnalysisWriter {
    private final UsageJsonWriter usage = new UsageJsonWriter();
    private final ReviewJsonWriter review = new ReviewJsonWriter();
    private final ProposalFiles proposals = new ProposalFiles();
    private final String version;

    public AnalysisWriter(String version) {
        this.version = version;
    }

    /** The proposal files written, per proposal id. */
    public Map<String, List<String>> write(Path dir, UsageReport report, Review result) throws IOException {
        return write(dir, report, result, Map.of());
    }

    /** {@code sources}: where the RBAC objects were defined, when they came from files (reports point there). */
    public Map<String, List<String>> write(Path dir, UsageReport report, Review result, Map<ObjectRef, SourceLocation> sources)
            throws IOException {
        Files.createDirectories(dir);
        try (OutputStream out = Files.newOutputStream(dir.resolve("usage.json"))) {
            usage.writeUsage(report, new HeldBindings(result.current()), out);
        }
        Path deadLetters = dir.resolve("dead-letter.jsonl");
        if (report.deadLetters().isEmpty()) {
            Files.deleteIfExists(deadLetters);
        } else {
            try (Writer out = Files.newBufferedWriter(deadLetters, StandardCharsets.UTF_8)) {
                usage.writeDeadLetters(report.deadLetters(), out);
            }
        }
        Map<String, List<String>> files = proposals.write(result, dir);
        try (OutputStream out = Files.newOutputStream(dir.resolve("findings.json"))) {
            review.writeFindings(result, sources, out);
        }
        try (OutputStream out = Files.newOutputStream(dir.resolve("verification.json"))) {
            review.writeVerification(result, files, out);
        }
        ReportModel model = new ReportReader().read(dir, null);
        Files.writeString(dir.resolve("report.html"), ReportFormat.HTML.render(model, version, "high"), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.md"), ReportFormat.MD.render(model, version, "high"), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.sarif"), ReportFormat.SARIF.render(model, version, "high"), StandardCharsets.UTF_8);
        return files;
    }
}
