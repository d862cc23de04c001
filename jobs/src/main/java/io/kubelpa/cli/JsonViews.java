package io.kubelpa.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubelpa.authz.AuthorizationDecision;
import io.kubelpa.authz.Grant;
import io.kubelpa.authz.SubjectRef;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.risk.Risk;
import io.kubelpa.risk.Scope;

/** The JSON shapes of the command-line contract (documented in README.md). */
final class JsonViews {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonViews() {}

    static ObjectNode ref(ObjectRef ref) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("kind", ref.kind());
        node.put("name", ref.name());
        node.put("namespace", ref.namespace());
        return node;
    }

    static ObjectNode subject(SubjectRef subject) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("kind", subject.kind());
        node.put("name", subject.name());
        node.put("namespace", subject.namespace());
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
            ObjectNode subject = subjects.addObject();
            subject.put("kind", holder.kind());
            subject.put("name", holder.name());
            subject.put("namespace", holder.namespace());
            subject.set("via", ref(holder.via()));
        }
        node.put("remediation", risk.pattern().remediation());
        return node;
    }
}
