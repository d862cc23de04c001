package io.kubelpa.policy;

import io.kubelpa.findings.FindingType;
import io.kubelpa.findings.Suppression;
import io.kubelpa.rbac.ObjectPattern;
import io.kubelpa.rbac.ObjectRef;
import java.time.LocalDate;

/**
 * "This finding is accepted, because …": by finding type or catalog id, on the objects a pattern
 * names (everywhere when none), until the end of {@code expires} (UTC) when given.
 */
public record SuppressionRule(String finding, ObjectPattern object, String reason, LocalDate expires, String source) {

    /** Whether it accepts a finding of this type or catalog id on this binding or role (either may be null). */
    public boolean matches(FindingType type, String catalogId, ObjectRef binding, ObjectRef role) {
        boolean sameFinding = finding.equals(type.name()) || finding.equals(catalogId);
        return sameFinding && (object == null || object.matches(binding) || object.matches(role));
    }

    public boolean expiredOn(LocalDate today) {
        return expires != null && today.isAfter(expires);
    }

    public Suppression suppression() {
        return new Suppression(reason, expires, source);
    }
}
