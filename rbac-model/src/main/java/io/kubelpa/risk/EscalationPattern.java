package io.kubelpa.risk;

/**
 * One entry of the escalation catalog (see docs/escalation-catalog.md): a stable id, a title, the
 * severity at cluster or privileged-namespace scope and in any other namespace, and a one-line remediation.
 */
public record EscalationPattern(
        String id, String title, Severity clusterSeverity, Severity namespaceSeverity, String remediation) {

    /** Whether the id belongs to the RBAC-ESC family ("any RBAC-ESC pattern" in the catalog). */
    public boolean isEscalation() {
        return id.startsWith("RBAC-ESC-");
    }

    public Severity severityAt(Scope scope, boolean privilegedNamespace) {
        return scope.isCluster() || privilegedNamespace ? clusterSeverity : namespaceSeverity;
    }
}
