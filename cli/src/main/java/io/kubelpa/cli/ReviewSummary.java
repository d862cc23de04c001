package io.kubelpa.cli;

import io.kubelpa.findings.Finding;
import io.kubelpa.findings.FindingType;
import io.kubelpa.proposal.Verification;
import io.kubelpa.review.ProposalOutcome;
import io.kubelpa.review.Review;
import io.kubelpa.risk.Severity;
import java.io.PrintWriter;
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

    static void print(PrintWriter out, Review review, Map<String, List<String>> files, Path dir) {
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
            Table.print(out, top);
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
            Table.print(out, proposals);
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
        out.printf("Wrote %s and %s%n", dir.resolve("findings.json"), dir.resolve("verification.json"));
        out.flush();
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
