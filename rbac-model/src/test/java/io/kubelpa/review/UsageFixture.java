package io.kubelpa.review;

import io.kubelpa.authz.AuthorizationDecision;
import io.kubelpa.authz.RbacAuthorizer;
import io.kubelpa.authz.RequestAttributes;
import io.kubelpa.authz.UserInfo;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.rbac.SnapshotAssembler;
import io.kubelpa.usage.InMemoryUsageLedger;
import io.kubelpa.usage.RequestShape;
import io.kubelpa.usage.UsageAttributor;
import io.kubelpa.usage.UsageCounters;
import io.kubelpa.usage.UsageRecord;
import io.kubelpa.usage.UsageReport;
import java.util.List;

/** Builds a usage report the way the analysis does, from requests authorized against real RBAC. */
final class UsageFixture {
    static final long DAY_MICROS = 86_400_000_000L;
    static final long T0 = 1_746_057_600_000_000L;

    private final RbacAuthorizer authorizer;
    private final InMemoryUsageLedger ledger = new InMemoryUsageLedger();
    private final UsageCounters counters = new UsageCounters();
    private int next;

    UsageFixture(RbacObjects rbac) {
        this.authorizer = new RbacAuthorizer(SnapshotAssembler.assemble(rbac, BuiltinMode.REFERENCED_ROLES));
        counters.observe(T0);
    }

    /** The window runs from T0 to T0 plus {@code days}. */
    UsageFixture window(long days) {
        counters.observe(T0 + days * DAY_MICROS);
        return this;
    }

    boolean request(RequestAttributes request) {
        String auditID = "a" + (next++);
        AuthorizationDecision decision = authorizer.authorize(request);
        if (decision.allowed()) {
            UsageAttributor.credit(request, decision, T0 + next, auditID, authorizer.snapshot())
                    .forEach(ledger::add);
        } else {
            ledger.add(
                    new UsageRecord(request.user().name(), null, RequestShape.of(request, false), T0 + next, auditID));
        }
        return decision.allowed();
    }

    boolean request(String user, String verb, String namespace, String group, String resource, String name) {
        int slash = resource.indexOf('/');
        return request(RequestAttributes.resource(
                UserInfo.withDefaultGroups(user, List.of()),
                verb,
                namespace,
                group,
                slash < 0 ? resource : resource.substring(0, slash),
                slash < 0 ? "" : resource.substring(slash + 1),
                name));
    }

    /** The log holds an event every hour from {@code fromDay} to {@code toDay} after T0, and nothing else there. */
    UsageFixture logged(long fromDay, long toDay) {
        for (long t = T0 + fromDay * DAY_MICROS; t < T0 + toDay * DAY_MICROS; t += DAY_MICROS / 24) {
            counters.coverage().add("audit.log", t);
        }
        return this;
    }

    /** Adds to one of the log's counters (degraded records, reason mismatches, ...). */
    UsageFixture counted(String counter, long amount) {
        counters.add(counter, amount);
        return this;
    }

    UsageReport report() {
        return new UsageReport(ledger, counters, List.of(), List.of(), List.of());
    }
}
