package io.kubelpa.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubelpa.authz.AuthorizationDecision;
import io.kubelpa.authz.Grant;
import io.kubelpa.authz.SubjectRef;
import io.kubelpa.policy.RiskTriage;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.report.ReviewJsonWriter;
import io.kubelpa.risk.Risk;
import io.kubelpa.risk.Scope;

/** The JSON shapes of the command-line contract (documented in README.md). */
final class JsonViews {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonViews() {}

    static ObjectNode ref(ObjectRef ref) {
        return identity(ref.kind(), ref.name(), ref.namespace());
    }

    static ObjectNode subject(SubjectRef subject) {
        return identity(subject.kind(), subject.name(), subject.namespace());
    }

    private static ObjectNode identity(String kind, String name, String namespace) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("kind", kind);
        node.put("name", name);
        node.put("namespace", namespace);
        return node;
    }

    static ObjectNode grant(Grant grant) {
        ObjectNode node = MAPPER.createObjectNode();
        node.set("binding", ref(grant.binding()));
        node.set("role", ref(grant.role()));
        node.put("ruleIndex", grant.ruleIndex());
        node.set("subject", subject(grant.subject()));
        return node;
    }

    static ObjectNode decision(AuthorizationDecision decision) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("allowed", decision.allowed());
        node.put("reason", decision.reason());
        ArrayNode grants = node.putArray("grants");
        decision.grants().forEach(g -> grants.add(grant(g)));
        if (!decision.errors().isEmpty()) {
            ArrayNode errors = node.putArray("errors");
            decision.errors().forEach(errors::add);
        }
        return node;
    }

    static ObjectNode risk(RiskTriage.TriagedRisk triaged) {
        ObjectNode node = risk(triaged.risk());
        node.set("owner", ReviewJsonWriter.owner(triaged.owner()));
        node.set("suppressed", ReviewJsonWriter.suppressed(triaged.suppression()));
        return node;
    }

    static ObjectNode risk(Risk risk) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", risk.id());
        node.put("title", risk.pattern().title());
        node.put("severity", risk.severity().label());
        node.set("role", ref(risk.role()));
        if (risk.ruleIndex() == null) {
            node.putNull("ruleIndex");
        } else {
            node.put("ruleIndex", risk.ruleIndex());
        }
        if (!risk.relatedRuleIndexes().isEmpty()) {
            ArrayNode related = node.putArray("relatedRuleIndexes");
            risk.relatedRuleIndexes().forEach(related::add);
        }
        if (!risk.includes().isEmpty()) {
            ArrayNode includes = node.putArray("includes");
            risk.includes().forEach(includes::add);
        }
        if (risk.binding() != null) {
            node.set("binding", ref(risk.binding()));
        }
        ArrayNode scopes = node.putArray("scopes");
        risk.scopes().stream().map(Scope::toString).forEach(scopes::add);
        node.put("potential", risk.potential());
        ArrayNode subjects = node.putArray("subjects");
        for (Risk.Holder holder : risk.subjects()) {
            ObjectNode subject = identity(holder.kind(), holder.name(), holder.namespace());
            subject.set("via", ref(holder.via()));
            subjects.add(subject);
        }
        node.put("remediation", risk.pattern().remediation());
        return node;
    }
}
