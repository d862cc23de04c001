package io.kubelpa.analyze.runtime;

import io.kubelpa.job.UsageFact;
import io.kubelpa.job.UsageSums;
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
    private transient UsageSums sums;

    public UsageSumOperator(int maxSums) {
        this.maxSums = maxSums;
    }

    @Override
    public void open() throws Exception {
        super.open();
        sums = new UsageSums(maxSums);
    }

    @Override
    public void processElement(StreamRecord<UsageFact> element) {
        if (sums.add(element.getValue())) {
            handOn();
        }
    }

    @Override
    public void endInput() {
        handOn();
    }

    private void handOn() {
        for (UsageFact sum : sums.sums()) {
            output.collect(new StreamRecord<>(sum));
        }
        sums.clear();
    }
}
