package io.kubelpa.authz;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The RBAC authorizer's answer with attribution. {@code reason} is what the API server would write
 * into the audit annotation; {@code grants} lists every grant that allows the request, the first in
 * the API server's evaluation order first; {@code errors} are problems met on the way (bindings to
 * missing roles), which the API server reports in the deny reason.
 */
public record AuthorizationDecision(boolean allowed, String reason, List<Grant> grants, List<String> errors) {

    public AuthorizationDecision {
        grants = List.copyOf(grants);
        errors = List.copyOf(errors);
    }

    static AuthorizationDecision of(List<Grant> grants, List<String> errors) {
        if (!grants.isEmpty()) {
            return new AuthorizationDecision(true, grants.get(0).reason(), grants, errors);
        }
        return new AuthorizationDecision(false, denyReason(errors), grants, errors);
    }

    public Optional<Grant> firstGrant() {
        return grants.isEmpty() ? Optional.empty() : Optional.of(grants.get(0));
    }

    /** {@code ""}, or {@code RBAC: <error>} / {@code RBAC: [<e1>, <e2>]} with duplicates folded, as Go's error aggregate prints. */
    private static String denyReason(List<String> errors) {
        if (errors.isEmpty()) {
            return "";
        }
        if (errors.size() == 1) {
            return "RBAC: " + errors.get(0);
        }
        LinkedHashSet<String> distinct = new LinkedHashSet<>(errors);
        String joined = String.join(", ", distinct);
        return "RBAC: " + (distinct.size() == 1 ? joined : "[" + joined + "]");
    }
}
