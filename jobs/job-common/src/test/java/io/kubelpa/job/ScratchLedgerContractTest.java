package io.kubelpa.job;

import io.kubelpa.usage.SubjectLedger;
import io.kubelpa.usage.SubjectLedgerContract;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** The scratch ledger keeps the promises of an in-memory one, every part its own entry on disk. */
class ScratchLedgerContractTest extends SubjectLedgerContract {
    @TempDir
    Path scratch;

    @Override
    protected SubjectLedger fill(List<Part> parts) throws Exception {
        ScratchLedger ledger = new ScratchLedger(scratch);
        for (Part part : parts) {
            ledger.add(UsageFact.of(part.username(), part.grant(), part.shape(), part.usage()));
        }
        return ledger;
    }
}
