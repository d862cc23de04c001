package io.kubelpa.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubelpa.audit.Timestamps;
import io.kubelpa.authz.SubjectRef;
import io.kubelpa.findings.Finding;
import io.kubelpa.findings.ObservationWindow;
import io.kubelpa.findings.Suppression;
import io.kubelpa.ownership.Ownership;
import io.kubelpa.policy.ExcludedFinding;
import io.kubelpa.proposal.Proposal;
import io.kubelpa.proposal.Verification;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.SourceLocation;
import io.kubelpa.review.ProposalOutcome;
import io.kubelpa.review.Review;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/** Writes {@code findings.json} and {@code verification.json} of a review. */
public final class ReviewJsonWriter {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    /** findings.json with {@code locations}: the file and line of each RBAC object a finding names, where known. */
    public void writeFindings(Review review, Map<ObjectRef, SourceLocation> sources, OutputStream out)
            throws IOException {
        ObjectNode root = findings(review);
        ObjectNode locations = root.putObject("locations");
        java.util.Set<ObjectRef> named = new java.util.TreeSet<>();
        for (Finding finding : review.findings()) {
            if (finding.binding() != null) {
                named.add(finding.binding());
            }
            if (finding.role() != null) {
                named.add(finding.role());
            }
        }
        for (ObjectRef ref : named) {
            SourceLocation location = sources.get(ref);
            if (location != null) {
                ObjectNode where = locations
                        .putObject(ref.toString())
                        .put("file", location.file())
                        .put("line", location.line());
                if (!location.file().startsWith("<")) {
                    // Where the file was when read, so a report rendered elsewhere can still place it.
                    where.put(
                            "path",
                            java.nio.file.Path.of(location.file())
                                    .toAbsolutePath()
                                    .normalize()
                                    .toString());
                }
            }
        }
        JSON.writeValue(out, root);
    }

    public void writeVerification(Review review, Map<String, List<String>> files, OutputStream out) throws IOException {
        JSON.writeValue(out, verification(review, files));
    }

    public ObjectNode findings(Review review) {
        ObjectNode root = JSON.createObjectNode();
        root.set("window", window(review.window()));
        ObjectNode counts = root.putObject("counts");
        counts.put("total", review.findings().size());
        counts.put("toActOn", review.actionable().size());
        counts.put("platform", review.onPlatform());
        counts.put("suppressed", review.suppressed());
        counts.put("excluded", review.excluded().size());
        ArrayNode findings = root.putArray("findings");
        review.findings().forEach(f -> findings.add(finding(f)));
        ObjectNode policy = root.putObject("policy");
        policy.put("source", review.policySource());
        ArrayNode excluded = policy.putArray("excluded");
        for (ExcludedFinding e : review.excluded()) {
            ObjectNode node = excluded.addObject();
            node.put("type", e.finding().type().name());
            node.put("id", e.finding().catalogId());
            node.put(
                    "on",
                    String.valueOf(
                            e.finding().object() != null
                                    ? e.finding().object()
                                    : e.finding().subject()));
            node.put("why", e.why());
        }
        ArrayNode notes = policy.putArray("notes");
        review.policyNotes().forEach(notes::add);
        return root;
    }

    /** One finding as findings.json and the findings topic carry it. */
    public ObjectNode finding(Finding finding) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", finding.type().name());
        node.put("severity", finding.severity().label());
        node.put("id", finding.catalogId());
        node.set("subject", subject(finding.subject()));
        node.set("binding", ref(finding.binding()));
        node.set("role", ref(finding.role()));
        if (finding.ruleIndex() == null) {
            node.putNull("ruleIndex");
        } else {
            node.put("ruleIndex", finding.ruleIndex());
        }
        node.put("message", finding.message());
        node.put("remediation", finding.remediation());
        node.set("evidence", JSON.valueToTree(finding.evidence()));
        node.put("confidence", finding.confidence().label());
        if (!finding.confidence().high()) {
            ArrayNode reasons = node.putArray("confidenceReasons");
            finding.confidence().reasons().forEach(reasons::add);
        }
        node.set("owner", owner(finding.owner()));
        node.set("suppressed", suppressed(finding.suppression()));
        return node;
    }

    /** Who owns what a finding or a risk is about, as every output writes it. */
    public static ObjectNode owner(Ownership ownership) {
        ObjectNode owner = JSON.createObjectNode();
        owner.put("owner", ownership.owner().toString());
        owner.put("rule", ownership.rule());
        if (ownership.changeAt() != null) {
            owner.put("changeAt", ownership.changeAt());
        }
        return owner;
    }

    /** Why a finding or a risk is accepted; JSON null when it is not. */
    public static JsonNode suppressed(Suppression suppression) {
        if (suppression == null) {
            return JSON.nullNode();
        }
        return JSON.createObjectNode()
                .put("reason", suppression.reason())
                .put(
                        "expires",
                        suppression.expires() == null
                                ? null
                                : suppression.expires().toString())
                .put("source", suppression.source());
    }

    public ObjectNode verification(Review review, Map<String, List<String>> files) {
        ObjectNode root = JSON.createObjectNode();
        root.set("window", window(review.window()));
        root.put("accepted", review.accepted().size());
        root.put("withheld", review.proposals().size() - review.accepted().size());
        root.put("observedShapesNoLongerAllowed", review.notAllowedToday());
        root.set("combined", verification(review.combined()));
        ArrayNode proposals = root.putArray("proposals");
        for (ProposalOutcome outcome : review.proposals()) {
            Proposal proposal = outcome.proposal();
            ObjectNode node = proposals.addObject();
            node.put("id", proposal.id());
            node.put("kind", proposal.kind().name());
            node.set("target", ref(proposal.target()));
            node.put("summary", proposal.summary());
            node.put("status", outcome.accepted() ? "proposed" : "withheld");
            ArrayNode withheld = node.putArray("withheldBecause");
            outcome.withheldBecause().forEach(withheld::add);
            ArrayNode managedBy = node.putArray("managedBy");
            outcome.managedBy().forEach(managedBy::add);
            node.put("confidence", proposal.confidence().label());
            ArrayNode written = node.putArray("files");
            files.getOrDefault(proposal.id(), List.of()).forEach(written::add);
            ArrayNode changes = node.putArray("objects");
            proposal.upserts().forEach(o -> changes.add(ref(ObjectRef.of(o))));
            ArrayNode deletions = node.putArray("deletions");
            proposal.deletions().forEach(d -> deletions.add(ref(d)));
            ArrayNode removed = node.putArray("removed");
            proposal.removed().forEach(removed::add);
            node.setAll(verification(outcome.verification()));
        }
        return root;
    }

    private static ObjectNode verification(Verification verification) {
        ObjectNode node = JSON.createObjectNode();
        ObjectNode replay = node.putObject("replay");
        replay.put("passed", verification.replayPassed());
        replay.put("checkedShapes", verification.replayedShapes());
        replay.put("checkedRequests", verification.replayedRequests());
        replay.put("failed", verification.replayFailureCount());
        ArrayNode failures = replay.putArray("failures");
        verification.replayFailures().forEach(failures::add);
        ObjectNode widening = node.putObject("noWidening");
        widening.put("passed", verification.noWidening());
        ArrayNode gains = widening.putArray("gains");
        verification.gains().forEach(gains::add);
        return node;
    }

    private static ObjectNode window(ObservationWindow window) {
        ObjectNode node = JSON.createObjectNode();
        if (window.isEmpty()) {
            node.putNull("from");
            node.putNull("to");
        } else {
            node.put("from", Timestamps.format(window.fromMicros()));
            node.put("to", Timestamps.format(window.toMicros()));
        }
        return node;
    }

    private static ObjectNode subject(SubjectRef subject) {
        return subject == null
                ? null
                : JSON.createObjectNode()
                        .put("kind", subject.kind())
                        .put("name", subject.name())
                        .put("namespace", subject.namespace());
    }

    private static ObjectNode ref(ObjectRef ref) {
        return ref == null
                ? null
                : JSON.createObjectNode()
                        .put("kind", ref.kind())
                        .put("name", ref.name())
                        .put("namespace", ref.namespace());
    }
}
