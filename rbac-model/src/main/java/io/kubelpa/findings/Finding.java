package io.kubelpa.findings;

import io.kubelpa.authz.SubjectRef;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.risk.Severity;
import java.util.Map;

/**
 * One finding: its type and severity, the catalog id for escalation-prone grants, what it is
 * attached to (subject, binding, role, rule; any may be absent), a one-sentence message and
 * remediation, the evidence behind it and how far it can be trusted.
 */
public record Finding(
        FindingType type,
        Severity severity,
        String catalogId,
        SubjectRef subject,
        ObjectRef binding,
        ObjectRef role,
        Integer ruleIndex,
        String message,
        String remediation,
        Map<String, Object> evidence,
        Confidence confidence) {

    public Finding {
        evidence = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evidence));
    }

    /** Identity across runs: the same grant and type give the same key (the streaming job upserts by it). */
    public String key() {
        return String.join(
                "|", type.name(), part(catalogId), part(subject), part(binding), part(role), part(ruleIndex));
    }

    /** A part of the key with {@code |} and {@code \\} escaped, so a subject's name cannot make two keys meet. */
    private static String part(Object value) {
        return value == null ? "" : value.toString().replace("\\", "\\\\").replace("|", "\\|");
    }
}
