package io.kubelpa.job;

import io.kubelpa.usage.UsageReport;
import java.io.IOException;

/**
 * What a bounded analysis found: its usage report, whose ledger is a scratch store on local disk.
 * Read the report before closing; closing deletes the store.
 */
public final class AnalysisResult implements AutoCloseable {
    private final UsageReport report;
    private final ScratchLedger ledger;

    AnalysisResult(UsageReport report, ScratchLedger ledger) {
        this.report = report;
        this.ledger = ledger;
    }

    public UsageReport report() {
        return report;
    }

    @Override
    public void close() throws IOException {
        ledger.close();
    }
}
