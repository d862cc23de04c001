package io.kubelpa.report;

import io.kubelpa.rbac.ObjectRef;
import java.util.List;
import java.util.Map;

/** Report rows made by hand, for tests of what a report does with given findings and proposals. */
final class ReportRows {
    private ReportRows() {}

    static ReportModel.FindingRow finding(
            String type, String severity, Boolean used, String binding, String role, List<String> via) {
        String on = binding != null ? binding : role;
        return new ReportModel.FindingRow(
                String.join("|", type, on),
                type,
                severity,
                type.equals("ESCALATION_PRONE") ? "RBAC-X" : "",
                on,
                "message",
                "remediation of " + type,
                "high",
                "",
                null,
                0,
                null,
                "yours",
                "",
                null,
                null,
                new ReportModel.About(binding, role, null, used, via));
    }

    static ReportModel.ProposalRow proposal(String id, String target, boolean accepted, List<ObjectRef> deletions) {
        return new ReportModel.ProposalRow(
                id,
                "KIND",
                target,
                deletions,
                id + " " + target,
                accepted ? "proposed" : "withheld",
                accepted ? List.of() : List.of("low confidence"),
                List.of(),
                1,
                1,
                0,
                true,
                Map.of(),
                List.of());
    }

    static ReportModel model(List<ReportModel.FindingRow> findings, List<ReportModel.ProposalRow> proposals) {
        return new ReportModel(
                "",
                "",
                "",
                Map.of(),
                List.of(),
                0,
                findings,
                proposals,
                ReportModel.Trend.NONE,
                ReportModel.Policy.NONE);
    }
}
