package io.kubelpa.audit;

/** What the authorizer decided for a request, as far as its audit record tells. */
public enum Outcome {
    /** Authorized (also when the request then failed, e.g. 404 or 409): evidence of use. */
    ALLOWED,
    /** Forbidden by authorization: needed but not granted, never use. */
    DENIED,
    /** Ended before authorization (401, priority-and-fairness 429). */
    NOT_AUTHORIZED,
    /** Only the RequestReceived stage was seen: no decision is known. */
    INCOMPLETE;

    public static Outcome of(AuditEvent event) {
        if (!event.stage().carriesOutcome()) {
            return INCOMPLETE;
        }
        if ("allow".equals(event.decision())) {
            return ALLOWED;
        }
        if ("forbid".equals(event.decision())) {
            return DENIED;
        }
        int code = event.responseCode();
        if (code == 401 || code == 429) {
            return NOT_AUTHORIZED;
        }
        // Logs without decision annotations (before 1.11, some exports): the status code is all there is.
        return code == 403 ? DENIED : ALLOWED;
    }
}
