package io.kubelpa.usage;

import io.kubelpa.audit.AuditEvent;
import io.kubelpa.authz.UserInfo;
import java.util.Locale;

/**
 * Which authorizer allowed a request the RBAC given does not explain, as far as the log says: the
 * API server allows {@code system:masters} before any authorizer is asked (superuser); a reason
 * annotation that starts with "RBAC: allowed by" was RBAC's (a binding the RBAC given lacks). The Node
 * authorizer, AlwaysAllow and most webhooks leave the reason empty, so those are unknown: it is
 * never guessed.
 */
public enum AuthorizedBy {
    RBAC,
    SUPERUSER,
    UNKNOWN;

    public static final String MASTERS = "system:masters";
    private static final String RBAC_REASON = "RBAC: allowed by ";

    /** Whether an {@code authorization.k8s.io/reason} is RBAC's own (it names the allowing binding). */
    public static boolean isRbacReason(String reason) {
        return reason != null && reason.startsWith(RBAC_REASON);
    }

    public static AuthorizedBy of(AuditEvent event, UserInfo user) {
        if (user.groups().contains(MASTERS)) {
            return SUPERUSER;
        }
        return isRbacReason(event.reason()) ? RBAC : UNKNOWN;
    }

    /** As usage.json writes it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static AuthorizedBy ofLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
