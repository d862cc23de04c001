package io.kubelpa.usage;

import io.kubelpa.audit.Outcome;
import java.util.List;

/**
 * What one request contributes: its outcome, the ledger records (one per allowing grant, plus the
 * impersonator's own {@code impersonate} use), and the cross-checks against the audit reason.
 *
 * @param reasonMismatch when the audit reason names a grant the snapshot does not have (a stale
 *     snapshot): the reason text; otherwise null
 * @param allowedOutsideRbac the request was allowed but no RBAC grant of the snapshot explains it
 *     (system:masters, the Node authorizer, a webhook)
 * @param objectRefMismatch the request URI and the event's objectRef disagree on group, resource,
 *     subresource or namespace (the URI is what the authorizer saw; the log was edited or is odd)
 */
public record Attribution(
        Outcome outcome,
        List<UsageRecord> records,
        String reasonMismatch,
        boolean allowedOutsideRbac,
        boolean objectRefMismatch) {
    public Attribution {
        records = List.copyOf(records);
    }
}
