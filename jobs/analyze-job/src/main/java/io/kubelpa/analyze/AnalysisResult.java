package io.kubelpa.analyze;

import io.kubelpa.job.ScratchLedger;
import io.kubelpa.usage.UsageReport;
import java.io.IOException;

/**
 * What a bounded analysis found: its usage report, whose ledger and dead letters are scratch stores on
 * local disk. Read the report before closing; closing deletes the stores.
 */
public final class AnalysisResult implements AutoCloseable {
    private final UsageReport report;
    private final ScratchLedger ledger;
    private final DeadLetterSpool deadLetters;

    AnalysisResult(UsageReport report, ScratchLedger ledger, DeadLetterSpool deadLetters) {
        this.report = report;
        this.ledger = ledger;
        this.deadLetters = deadLetters;
    }

    public UsageReport report() {
        return report;
    }

    @Override
    public void close() throws IOException {
        try (deadLetters) {
            ledger.close();
        }
    }
}
