package io.kubelpa.job;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Sums one task's usage facts per subject, grant and request shape, and hands the sums on when its
 * input ends. What it holds grows with the distinct shapes of use, not with the requests; the
 * partial sums of the tasks add up wherever the ledger is assembled.
 */
final class UsageSumOperator extends AbstractStreamOperator<UsageFact>
        implements OneInputStreamOperator<UsageFact, UsageFact>, BoundedOneInput {
    private transient Map<String, UsageFact> sums;

    @Override
    public void open() throws Exception {
        super.open();
        sums = new HashMap<>();
    }

    @Override
    public void processElement(StreamRecord<UsageFact> element) {
        UsageFact fact = element.getValue();
        sums.merge(fact.username + "\u0000" + fact.key(), fact, UsageFact::plus);
    }

    @Override
    public void endInput() {
        for (UsageFact sum : sums.values()) {
            output.collect(new StreamRecord<>(sum));
        }
        sums.clear();
    }
}
