package io.kubelpa.benchmarks;

import io.kubelpa.audit.AuditEvent;
import io.kubelpa.authz.RbacAuthorizer;
import io.kubelpa.job.UsageFact;
import io.kubelpa.job.UsageSums;
import io.kubelpa.usage.UsageAttributor;
import io.kubelpa.usage.UsageRecord;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/** The ledger's per-fact work: one usage fact of the sample events added to the sums per subject, grant and shape. */
public class LedgerBenchmark extends PerEventBenchmark {
    private List<UsageFact> facts;
    private UsageSums sums;

    @Setup
    public void setUp() {
        RbacAuthorizer authorizer = new RbacAuthorizer(SampleData.rbac(0));
        facts = new ArrayList<>();
        for (AuditEvent event : SampleData.events()) {
            for (UsageRecord record :
                    UsageAttributor.attribute(event, authorizer).records()) {
                facts.add(UsageFact.of(record));
            }
        }
        sums = new UsageSums(100_000);
    }

    @Benchmark
    public boolean addFact() {
        if (sums.add(next(facts))) {
            sums.clear();
            return true;
        }
        return false;
    }
}
