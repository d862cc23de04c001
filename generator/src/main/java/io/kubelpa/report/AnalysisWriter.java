package io.kubelpa.report;

import io.kubelpa.generate.GenerateOptions;
import io.kubelpa.generate.GeneratedSubject;
import io.kubelpa.generate.NewRoleCandidates;
import io.kubelpa.generate.RoleGenerator;
import io.kubelpa.generate.SubjectUse;
import io.kubelpa.manifest.ProposalFiles;
import io.kubelpa.output.OutputFolder;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.SourceLocation;
import io.kubelpa.review.Review;
import io.kubelpa.tightening.HeldBindings;
import io.kubelpa.usage.UsageReport;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes one analysis into a directory, the same for {@code lpa analyze} and every periodic review
 * of the streaming job: usage.json, dead-letter.jsonl (when there are any), findings.json,
 * proposals/, proposed-rbac/ and verification.json, new-roles/ for subjects only another authorizer
 * allowed; then report.html, report.md and report.sarif,
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
    public Map<String, List<String>> write(
            Path dir, UsageReport report, Review result, Map<ObjectRef, SourceLocation> sources) throws IOException {
        OutputFolder folder = OutputFolder.at(dir);
        folder.write("usage.json", out -> usage.writeUsage(report, new HeldBindings(result.current()), out));
        if (report.deadLetters().isEmpty()) {
            folder.deleteIfExists("dead-letter.jsonl");
        } else {
            folder.write("dead-letter.jsonl", out -> {
                Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                usage.writeDeadLetters(report.deadLetters(), writer);
                writer.flush();
            });
        }
        Map<String, List<String>> files = proposals.write(result, folder);
        writeNewRoles(folder, report);
        folder.write("findings.json", out -> review.writeFindings(result, sources, out));
        folder.write("verification.json", out -> review.writeVerification(result, files, out));
        ReportModel model = new ReportReader().read(folder.root(), null);
        folder.writeString("report.html", ReportFormat.HTML.render(model, version, "high"));
        folder.writeString("report.md", ReportFormat.MD.render(model, version, "high"));
        folder.writeString("report.sarif", ReportFormat.SARIF.render(model, version, "high"));
        return files;
    }

    /**
     * {@code new-roles/}: for subjects only another authorizer allowed, the least roles for what they
     * did, with their replay proof; new grants to review, never applied as a tightening. Stale files
     * of an earlier review go when there are none.
     */
    private static void writeNewRoles(OutputFolder folder, UsageReport report) throws IOException {
        List<GeneratedSubject> candidates = NewRoleCandidates.in(report.ledger());
        if (candidates.isEmpty()) {
            if (Files.isDirectory(folder.root().resolve(GeneratedRbacWriter.NEW_ROLES))) {
                folder.deleteFiles(
                        GeneratedRbacWriter.NEW_ROLES,
                        name -> name.endsWith(".yaml") || name.equals("verification.json"));
            }
            return;
        }
        new GeneratedRbacWriter(new RoleGenerator(GenerateOptions.DEFAULT), null, GeneratedRbacWriter.NEW_ROLES)
                .write(folder, candidates, subject -> SubjectUse.allowed(report.ledger(), subject));
    }
}
