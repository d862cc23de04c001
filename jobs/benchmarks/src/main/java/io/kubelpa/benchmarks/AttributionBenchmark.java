package io.kubelpa.benchmarks;

import io.kubelpa.audit.AuditEvent;
import io.kubelpa.authz.RbacAuthorizer;
import io.kubelpa.rbac.RbacSnapshot;
import io.kubelpa.usage.Attribution;
import io.kubelpa.usage.UsageAttributor;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * One event attributed to the grants that allow it: request info, the authorizer, the audit reason's
 * cross-check, the ledger records. Against the sample cluster's RBAC with the built-in policy, and with
 * 1,000 or 10,000 bindings more that no event's subject matches: the cost must not grow with them.
 * {@code decisions}: with the authorizer's decision cache, or deciding every request afresh.
 */
public class AttributionBenchmark extends PerEventBenchmark {
    @Param({"0", "1000", "10000"})
    public int extraBindings;

    @Param({"cached", "uncached"})
    public String decisions;

    private List<AuditEvent> events;
    private RbacAuthorizer authorizer;

    @Setup
    public void setUp() {
        events = SampleData.events();
        RbacSnapshot snapshot = SampleData.rbac(extraBindings);
        authorizer = switch (decisions) {
            case "cached" -> new RbacAuthorizer(snapshot);
            case "uncached" -> RbacAuthorizer.withoutDecisionCache(snapshot);
            default -> throw new IllegalArgumentException("decisions: cached or uncached, not " + decisions);
        };
    }

    @Benchmark
    public Attribution attribute() {
        return UsageAttributor.attribute(next(events), authorizer);
    }
}
