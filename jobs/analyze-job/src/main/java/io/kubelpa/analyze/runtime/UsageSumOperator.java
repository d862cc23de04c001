package io.kubelpa.analyze.runtime;

import io.kubelpa.job.LedgerKey;
import io.kubelpa.job.UsageFact;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Sums one task's usage facts per subject, grant and request shape, and hands the sums on when its
 * input ends or when it holds {@code maxSums} of them: what it holds is bounded by that setting, not
 * by the requests or subjects. Partial sums of the same entry add up where the ledger is assembled.
 */
public final class UsageSumOperator extends AbstractStreamOperator<UsageFact>
        implements OneInputStreamOperator<UsageFact, UsageFact>, BoundedOneInput {
    private final int maxSums;
    private transient Map<LedgerKey, UsageFact> sums;

    public UsageSumOperator(int maxSums) {
        this.maxSums = maxSums;
    }

    @Override
    public void open() throws Exception {
        super.open();
        sums = new HashMap<>();
    }

    @Override
    public void processElement(StreamRecord<UsageFact> element) {
        UsageFact fact = element.getValue();
        sums.merge(fact.key(LedgerKey.TIMELESS), fact, UsageFact::plus);
        if (sums.size() >= maxSums) {
            handOn();
        }
    }

    @Override
    public void endInput() {
        handOn();
    }

    private void handOn() {
        for (UsageFact sum : sums.values()) {
            output.collect(new StreamRecord<>(sum));
        }
        sums.clear();
    }
}
