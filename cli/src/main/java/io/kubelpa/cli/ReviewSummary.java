package io.kubelpa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubelpa.findings.Finding;
import io.kubelpa.findings.FindingType;
import io.kubelpa.proposal.Verification;
import io.kubelpa.report.GeneratedRbacWriter;
import io.kubelpa.review.ProposalOutcome;
import io.kubelpa.review.Review;
import io.kubelpa.risk.Severity;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The lines {@code lpa analyze} prints about findings and proposals, with the verification of each. */
final class ReviewSummary {
    private static final int TOP_FINDINGS = 5;
    /** The findings a proposal answers. */
    private static final java.util.Set<FindingType> TIGHTENING = java.util.EnumSet.of(
            FindingType.UNUSED_BINDING,
            FindingType.UNUSED_RULE,
            FindingType.PARTIALLY_USED_RULE,
            FindingType.OVERBROAD_WILDCARD,
            FindingType.CLUSTER_SCOPE_NARROWABLE);

    private ReviewSummary() {}

    static void print(PrintWriter out, Review review, Map<String, List<String>> files, Path dir, int width) {
        List<Finding> actionable = review.actionable();
        Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
        actionable.forEach(f -> bySeverity.merge(f.severity(), 1, Integer::sum));
        long platform = review.onPlatform();
        long suppressed = review.suppressed();
        out.printf(
                "%d findings to act on: %d critical, %d high, %d medium, %d low%n",
                actionable.size(),
                bySeverity.getOrDefault(Severity.CRITICAL, 0),
                bySeverity.getOrDefault(Severity.HIGH, 0),
                bySeverity.getOrDefault(Severity.MEDIUM, 0),
                bySeverity.getOrDefault(Severity.LOW, 0));
        if (platform + suppressed + review.excluded().size() > 0) {
            out.printf(
                    "Also %d on platform objects (listed apart in the report, not counted by --fail-on), %d suppressed,"
                            + " %d excluded%s%n",
                    platform,
                    suppressed,
                    review.excluded().size(),
                    review.policySource() == null ? "" : " by the policy " + review.policySource());
        }
        review.policyNotes().forEach(note -> out.println("Note: " + note));
        List<List<String>> top = new ArrayList<>();
        top.add(List.of("SEVERITY", "TYPE", "ON", "CONFIDENCE"));
        actionable.stream()
                .limit(TOP_FINDINGS)
                .forEach(f -> top.add(List.of(
                        f.severity().label(),
                        f.type().name() + (f.catalogId() == null ? "" : " " + f.catalogId()),
                        on(f),
                        f.confidence().label())));
        if (!actionable.isEmpty()) {
            Table.print(out, top, width);
        }
        List<ProposalOutcome> accepted = review.accepted();
        Verification combined = review.combined();
        out.printf(
                "%d proposals verified, %d withheld%n",
                accepted.size(), review.proposals().size() - accepted.size());
        List<List<String>> proposals = new ArrayList<>();
        proposals.add(List.of("STATUS", "PROPOSAL", "WHY WITHHELD"));
        for (ProposalOutcome outcome : review.proposals()) {
            proposals.add(List.of(
                    outcome.accepted() ? "proposed" : "withheld",
                    outcome.proposal().summary(),
                    String.join("; ", outcome.withheldBecause())));
        }
        if (proposals.size() > 1) {
            Table.print(out, proposals, width);
        } else if (actionable.stream().noneMatch(f -> TIGHTENING.contains(f.type()))) {
            out.println("No proposals: no grant you own went unused or over-broad in the window"
                    + " (the platform's objects are never proposed for change).");
        }
        if (!accepted.isEmpty()) {
            out.printf(
                    "Verification of all proposals together: replay %s (%d request shapes, %d requests, %d denied); "
                            + "no widening %s%n",
                    combined.replayPassed() ? "passed" : "FAILED",
                    combined.replayedShapes(),
                    combined.replayedRequests(),
                    combined.replayFailureCount(),
                    combined.noWidening() ? "proven" : "FAILED");
            out.printf("Wrote %s and %s%n", dir.resolve("proposals"), dir.resolve("proposed-rbac"));
        }
        printNewRoles(out, dir);
        out.printf("Wrote %s and %s%n", dir.resolve("findings.json"), dir.resolve("verification.json"));
        out.flush();
    }

    /** The new roles offered to subjects only another authorizer allowed, from new-roles/verification.json. */
    private static void printNewRoles(PrintWriter out, Path dir) {
        Path file = dir.resolve(GeneratedRbacWriter.NEW_ROLES).resolve("verification.json");
        if (!Files.isRegularFile(file)) {
            return;
        }
        JsonNode verification;
        try {
            verification = JsonViews.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> subjects = new ArrayList<>();
        verification
                .path("subjects")
                .forEach(s -> subjects.add(s.path("subject").asText()));
        out.printf(
                "New (not a tightening: grants RBAC does not hold today): least roles for %d subject(s) only another"
                        + " authorizer allowed (%s) in %s; replay %s; lpa pr --include-new opens them%n",
                subjects.size(),
                String.join(", ", subjects.stream().limit(5).toList()) + (subjects.size() > 5 ? ", …" : ""),
                dir.resolve(GeneratedRbacWriter.NEW_ROLES),
                verification.path("replayFailures").asInt() == 0
                        ? "proven (every request they were allowed is allowed by the new roles alone)"
                        : "FAILED for " + verification.path("replayFailures").asInt() + " subject(s)");
    }

    private static String on(Finding finding) {
        if (finding.ruleIndex() != null && finding.role() != null) {
            return finding.role() + " rule " + finding.ruleIndex();
        }
        if (finding.binding() != null) {
            return finding.binding().toString();
        }
        if (finding.role() != null) {
            return finding.role().toString();
        }
        return finding.subject() == null ? "" : finding.subject().toString();
    }
}
