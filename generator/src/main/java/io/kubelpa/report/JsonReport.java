package io.kubelpa.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The report as one JSON document: summary, trend, subjects, findings, proposals and the policy applied. */
public final class JsonReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public String render(ReportModel model) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("window").put("from", model.windowFrom()).put("to", model.windowTo());
        ObjectNode summary = root.putObject("summary");
        summary.set("findingsBySeverity", JSON.valueToTree(model.bySeverity()));
        summary.put("findingsToActOn", model.actionable().size());
        summary.put("platformFindings", model.platformFindings().size());
        summary.put("suppressedFindings", model.suppressedFindings().size());
        summary.put("excludedFindings", model.policy().excluded());
        summary.put("subjects", model.subjectsTotal());
        summary.put("subjectsListed", model.subjects().size());
        summary.put("proposalsVerified", model.accepted());
        summary.put("proposalsWithheld", model.proposals().size() - model.accepted());
        root.set("trend", JSON.valueToTree(model.trend()));
        root.set("subjects", JSON.valueToTree(model.subjects()));
        root.set("findings", JSON.valueToTree(model.findings()));
        root.set("proposals", JSON.valueToTree(model.proposals()));
        root.set("policy", JSON.valueToTree(model.policy()));
        return root.toPrettyString() + "\n";
    }
}
