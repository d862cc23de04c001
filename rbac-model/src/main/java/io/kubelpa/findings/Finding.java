package io.kubelpa.findings;

import io.kubelpa.authz.SubjectRef;
import io.kubelpa.ownership.Ownership;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.risk.Severity;
import java.util.Map;

/**
 * One finding: its type and severity, the catalog id for escalation-prone grants, what it is
 * attached to (subject, binding, role, rule; any may be absent), a one-sentence message and
 * remediation, the evidence behind it and how far it can be trusted; who answers for it
 * ({@code owner}) and, when accepted by a policy, why ({@code suppression}, else null).
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
        Confidence confidence,
        Ownership owner,
        Suppression suppression) {

    public Finding {
        evidence = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evidence));
        owner = owner == null ? Ownership.YOURS : owner;
    }

    /** A finding as computed, before its owner and any suppression are known. */
    public Finding(
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
        this(
                type,
                severity,
                catalogId,
                subject,
                binding,
                role,
                ruleIndex,
                message,
                remediation,
                evidence,
                confidence,
                Ownership.YOURS,
                null);
    }

    /** The same finding with one more piece of evidence, first in its evidence. */
    public Finding withEvidence(String key, Object value) {
        Map<String, Object> more = new java.util.LinkedHashMap<>();
        more.put(key, value);
        evidence.forEach(more::putIfAbsent);
        return with(more, owner, suppression);
    }

    public Finding withOwner(Ownership owner) {
        return with(evidence, owner, suppression);
    }

    public Finding suppressedBy(Suppression suppression) {
        return with(evidence, owner, suppression);
    }

    private Finding with(Map<String, Object> evidence, Ownership owner, Suppression suppression) {
        return new Finding(
                type,
                severity,
                catalogId,
                subject,
                binding,
                role,
                ruleIndex,
                message,
                remediation,
                evidence,
                confidence,
                owner,
                suppression);
    }

    public boolean suppressed() {
        return suppression != null;
    }

    /** Whether a --fail-on gate counts it: not suppressed, and not the platform's unless asked. */
    public boolean counts(boolean includePlatform) {
        return !suppressed() && (includePlatform || !owner.isPlatform());
    }

    /** The object it is about: the binding, else the role, else none (a subject's finding). */
    public ObjectRef object() {
        return binding != null ? binding : role;
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
