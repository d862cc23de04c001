package io.kubelpa.audit;

import io.kubelpa.authz.UserInfo;
import java.util.List;
import java.util.Objects;

/**
 * The parts of one audit event kube-lpa needs. Request and response bodies are never kept, except
 * the RBAC object of an RBAC write ({@code rbacObjectJson}), which the snapshot needs.
 *
 * @param auditID the request's id, the same for every stage
 * @param user the authenticated user
 * @param impersonatedUser the effective user when the request was impersonated, else null
 * @param objectRef what the request was about, or null for non-resource requests
 * @param responseCode the HTTP status, 0 when unknown
 * @param decision the {@code authorization.k8s.io/decision} annotation, or null when absent
 * @param reason the {@code authorization.k8s.io/reason} annotation, or null when absent
 * @param timeMicros stage time in microseconds since the epoch
 * @param degraded true when the source lost information authorization depends on (GKE: no groups)
 */
public record AuditEvent(
        String auditID,
        Stage stage,
        String level,
        String verb,
        String requestURI,
        UserInfo user,
        UserInfo impersonatedUser,
        ObjectReference objectRef,
        int responseCode,
        String decision,
        String reason,
        long timeMicros,
        boolean degraded,
        String rbacObjectJson) {

    public AuditEvent {
        Objects.requireNonNull(auditID, "auditID");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(user, "user");
        verb = verb == null ? "" : verb;
        requestURI = requestURI == null ? "" : requestURI;
        level = level == null ? "" : level;
    }

    /**
     * What a RequestReceived record contributes once it is known to carry no decision: identity
     * of the request, time and fidelity; the rest is dropped to keep it small in transit.
     */
    public AuditEvent withoutDetails() {
        return new AuditEvent(
                auditID,
                stage,
                level,
                "",
                "",
                new UserInfo(user.name(), List.of()),
                null,
                null,
                0,
                null,
                null,
                timeMicros,
                degraded,
                null);
    }

    /** The identity the request ran as: the impersonated user if any, else the authenticated one. */
    public UserInfo effectiveUser() {
        return impersonatedUser != null ? impersonatedUser : user;
    }
}
