package io.kubelpa.usage;

import java.util.List;

class InMemoryUsageLedgerTest extends SubjectLedgerContract {
    @Override
    protected SubjectLedger fill(List<Part> parts) {
        InMemoryUsageLedger ledger = new InMemoryUsageLedger();
        parts.forEach(part -> ledger.add(part.username(), part.grant(), part.shape(), part.usage()));
        return ledger;
    }
}
