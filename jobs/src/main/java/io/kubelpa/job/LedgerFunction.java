package io.kubelpa.job;

import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by subject: sums usage facts per grant and request shape in keyed map state, and emits the
 * subject's ledger when its input is complete.
 */
final class LedgerFunction extends KeyedProcessFunction<String, UsageFact, UsageFact> {
    private transient MapState<String, UsageFact> ledger;

    @Override
    public void open(OpenContext context) {
        ledger = getRuntimeContext().getMapState(new MapStateDescriptor<>("ledger", String.class, UsageFact.class));
    }

    @Override
    public void processElement(UsageFact fact, Context context, Collector<UsageFact> out) throws Exception {
        String key = fact.key();
        UsageFact known = ledger.get(key);
        if (known == null) {
            context.timerService().registerEventTimeTimer(Long.MAX_VALUE);
            ledger.put(key, fact);
        } else {
            ledger.put(key, known.plus(fact));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<UsageFact> out) throws Exception {
        for (Map.Entry<String, UsageFact> entry : ledger.entries()) {
            out.collect(entry.getValue());
        }
        ledger.clear();
    }
}
