package io.kubelpa.usage;

/**
 * One fact for the ledger: a subject (by user name) used a grant for a request shape, or was denied
 * a request shape ({@code grant} null).
 */
public record UsageRecord(String username, GrantKey grant, RequestShape shape, long timeMicros, String auditID) {
    public boolean denied() {
        return grant == null;
    }
}
