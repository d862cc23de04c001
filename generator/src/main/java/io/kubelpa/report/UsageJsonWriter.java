package io.kubelpa.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubelpa.audit.Timestamps;
import io.kubelpa.authz.UserInfo;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.tightening.HeldBindings;
import io.kubelpa.usage.AuthorizedBy;
import io.kubelpa.usage.Coverage;
import io.kubelpa.usage.GrantKey;
import io.kubelpa.usage.RequestShape;
import io.kubelpa.usage.ShapeUsage;
import io.kubelpa.usage.SubjectUsage;
import io.kubelpa.usage.UsageReport;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes {@code usage.json}: the window, the counters, and per subject the request shapes it used
 * (with every grant that allowed each) and the shapes it was denied; and {@code dead-letter.jsonl}.
 */
public final class UsageJsonWriter {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    /**
     * usage.json with {@code bindingsHeld} per subject: the bindings it holds in the reviewed RBAC.
     * Subjects are written one at a time, so a ledger of a million subjects is never a JSON tree.
     */
    public void writeUsage(UsageReport report, HeldBindings held, OutputStream out) throws IOException {
        try (JsonGenerator generator = JSON.getFactory().createGenerator(out)) {
            generator.useDefaultPrettyPrinter();
            generator.writeStartObject();
            for (Map.Entry<String, JsonNode> field : header(report).properties()) {
                generator.writeFieldName(field.getKey());
                JSON.writeTree(generator, field.getValue());
            }
            generator.writeArrayFieldStart("subjects");
            for (Map.Entry<String, SubjectUsage> entry :
                    report.ledger().subjects().entrySet()) {
                ObjectNode subject = subject(entry.getKey(), entry.getValue());
                ArrayNode bindings = subject.putArray("bindingsHeld");
                held.of(entry.getKey(), entry.getValue()).forEach(ref -> bindings.add(ref(ref)));
                JSON.writeTree(generator, subject);
            }
            generator.writeEndArray();
            generator.writeEndObject();
        }
    }

    /** usage.json as a tree, without bindingsHeld. */
    public ObjectNode usage(UsageReport report) {
        ObjectNode root = header(report);
        ArrayNode subjects = root.putArray("subjects");
        report.ledger().subjects().forEach((username, usage) -> subjects.add(subject(username, usage)));
        return root;
    }

    private static ObjectNode header(UsageReport report) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode window = root.putObject("window");
        if (report.counters().hasWindow()) {
            window.put("from", Timestamps.format(report.counters().fromMicros()));
            window.put("to", Timestamps.format(report.counters().toMicros()));
            Coverage coverage = report.counters().coverage();
            if (!coverage.isEmpty()) {
                window.put(
                        "coveredSeconds",
                        coverage.coveredSeconds(
                                report.counters().fromMicros(),
                                report.counters().toMicros()));
                ArrayNode gaps = window.putArray("gaps");
                for (Coverage.Gap gap : coverage.gaps()) {
                    gaps.addObject()
                            .put("source", gap.source() == null ? "all sources" : gap.source())
                            .put("from", Timestamps.format(gap.fromMicros()))
                            .put("to", Timestamps.format(gap.toMicros()))
                            .put("seconds", gap.seconds());
                }
            }
        } else {
            window.putNull("from");
            window.putNull("to");
        }
        ObjectNode counters = root.putObject("counters");
        report.counters().all().forEach(counters::put);
        ArrayNode partial = root.putArray("partiallyKnownRbacObjects");
        report.partiallyKnown().forEach(ref -> partial.add(ref(ref)));
        ArrayNode mismatches = root.putArray("reasonMismatchExamples");
        report.reasonMismatchExamples().forEach(mismatches::add);
        return root;
    }

    private static ObjectNode subject(String username, SubjectUsage usage) {
        ObjectNode node = JSON.createObjectNode();
        UserInfo.ServiceAccountName account = UserInfo.ServiceAccountName.parse(username);
        node.put("kind", account != null ? "ServiceAccount" : "User");
        node.put("name", account != null ? account.name() : username);
        node.put("namespace", account != null ? account.namespace() : "");
        node.put("username", username);
        Map<RequestShape, List<GrantKey>> grantsByShape = new TreeMap<>();
        Map<RequestShape, ShapeUsage> usageByShape = new TreeMap<>();
        usage.used()
                .forEach((grant, shapes) -> shapes.forEach((shape, shapeUsage) -> {
                    grantsByShape.computeIfAbsent(shape, s -> new ArrayList<>()).add(grant);
                    usageByShape.merge(shape, shapeUsage, ShapeUsage::sameRequests);
                }));
        ArrayNode used = node.putArray("used");
        grantsByShape.forEach((shape, grants) -> {
            ObjectNode entry = shape(shape);
            counts(entry, usageByShape.get(shape));
            entry.put("authorizedBy", AuthorizedBy.RBAC.label());
            ArrayNode grantArray = entry.putArray("grants");
            for (GrantKey grant : grants) {
                ObjectNode g = grantArray.addObject();
                g.set("binding", ref(grant.binding()));
                g.set("role", ref(grant.role()));
                g.put("ruleIndex", grant.ruleIndex());
                g.putObject("subject")
                        .put("kind", grant.subject().kind())
                        .put("name", grant.subject().name())
                        .put("namespace", grant.subject().namespace());
            }
            used.add(entry);
        });
        usage.outsideRbac()
                .forEach((by, shapes) -> shapes.forEach((shape, shapeUsage) -> {
                    ObjectNode entry = shape(shape);
                    counts(entry, shapeUsage);
                    entry.put("authorizedBy", by.label());
                    entry.putArray("grants");
                    used.add(entry);
                }));
        ArrayNode denied = node.putArray("denied");
        usage.denied().forEach((shape, shapeUsage) -> {
            ObjectNode entry = shape(shape);
            counts(entry, shapeUsage);
            denied.add(entry);
        });
        return node;
    }

    private static ObjectNode shape(RequestShape shape) {
        ObjectNode node = JSON.createObjectNode();
        node.put("verb", shape.verb());
        node.put("apiGroup", shape.apiGroup());
        node.put("resource", shape.resource());
        node.put("subresource", shape.subresource());
        node.put("namespace", shape.namespace());
        node.put("resourceName", shape.resourceName());
        if (shape.isNonResource()) {
            node.put("nonResourceURL", shape.nonResourceURL());
        }
        return node;
    }

    private static void counts(ObjectNode node, ShapeUsage usage) {
        node.put("count", usage.count());
        node.put("firstSeen", Timestamps.format(usage.firstSeenMicros()));
        node.put("lastSeen", Timestamps.format(usage.lastSeenMicros()));
        ArrayNode samples = node.putArray("sampleAuditIDs");
        usage.sampleAuditIDs().forEach(samples::add);
    }

    private static ObjectNode ref(ObjectRef ref) {
        return JSON.createObjectNode()
                .put("kind", ref.kind())
                .put("name", ref.name())
                .put("namespace", ref.namespace());
    }

    /** One JSON object per line: location, reason, detail. */
    public void writeDeadLetters(List<UsageReport.DeadLetter> deadLetters, Writer out) throws IOException {
        ObjectMapper compact = new ObjectMapper();
        for (UsageReport.DeadLetter deadLetter : deadLetters) {
            out.write(compact.writeValueAsString(compact.createObjectNode()
                    .put("location", deadLetter.location())
                    .put("reason", deadLetter.reason())
                    .put("detail", deadLetter.detail())));
            out.write('\n');
        }
    }
}
