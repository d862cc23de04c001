package io.kubelpa.pr;

import io.kubelpa.audit.Observability;
import io.kubelpa.audit.format.AuditLogReader;
import io.kubelpa.audit.format.AuditRecordDecoder;
import io.kubelpa.findings.FindingsOptions;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.ManifestLoad;
import io.kubelpa.rbac.ManifestReader;
import io.kubelpa.report.AnalysisWriter;
import io.kubelpa.review.LeastPrivilegeReview;
import io.kubelpa.review.ReviewOptions;
import io.kubelpa.tightening.RoleTightener;
import io.kubelpa.usage.AuditAnalysis;
import io.kubelpa.usage.UsageReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The sample cluster analysed in process (as `lpa analyze --builtin-bindings --min-window 2d`), and a repository of its manifests. */
final class SampleAnalysis {
    static final Path SAMPLES = Path.of("../sample-audit-logs");

    private SampleAnalysis() {}

    static void write(Path out) throws Exception {
        ManifestLoad load = new ManifestReader().read(List.of(SAMPLES.resolve("rbac")));
        AuditAnalysis analysis = new AuditAnalysis(load.objects(), BuiltinMode.ROLES_AND_BINDINGS);
        AuditLogReader reader = new AuditLogReader(new AuditRecordDecoder());
        for (Path file : AuditLogReader.files(List.of(SAMPLES.resolve("audit")))) {
            reader.read(file, analysis::accept);
        }
        UsageReport report = analysis.finish().report();
        ReviewOptions options = new ReviewOptions(
                new FindingsOptions(Duration.ofDays(2), 3, Set.of("kube-system")),
                RoleTightener.Options.EXACT,
                Observability.EVERYTHING,
                "test");
        new AnalysisWriter("test")
                .write(
                        out,
                        report,
                        LeastPrivilegeReview.run(load.objects(), BuiltinMode.ROLES_AND_BINDINGS, report, options),
                        load.sources());
    }

    /** A copy of the sample manifests as a repository's working tree under {@code repo/rbac/}. */
    static void copyManifests(Path repo) throws Exception {
        Files.createDirectories(repo.resolve("rbac"));
        try (Stream<Path> files = Files.list(SAMPLES.resolve("rbac"))) {
            for (Path file : files.toList()) {
                Files.copy(file, repo.resolve("rbac").resolve(file.getFileName()));
            }
        }
    }
}
