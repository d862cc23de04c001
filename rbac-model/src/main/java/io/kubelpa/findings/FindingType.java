package io.kubelpa.findings;

import io.kubelpa.risk.Severity;

/** The kinds of finding, each with its default severity. Names are the stable identifiers in every output. */
public enum FindingType {
    ESCALATION_PRONE(Severity.HIGH),
    UNUSED_BINDING(Severity.MEDIUM),
    UNUSED_RULE(Severity.MEDIUM),
    OVERBROAD_WILDCARD(Severity.MEDIUM),
    CLUSTER_SCOPE_NARROWABLE(Severity.MEDIUM),
    DANGLING_BINDING(Severity.MEDIUM),
    PARTIALLY_USED_RULE(Severity.LOW),
    INEFFECTIVE_RULE(Severity.LOW),
    DORMANT_SUBJECT(Severity.LOW),
    DENIED_REQUESTS(Severity.LOW),
    UNOBSERVABLE(Severity.LOW);

    private final Severity defaultSeverity;

    FindingType(Severity defaultSeverity) {
        this.defaultSeverity = defaultSeverity;
    }

    public Severity defaultSeverity() {
        return defaultSeverity;
    }
}
