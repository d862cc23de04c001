package io.kubelpa.job;

import io.kubelpa.audit.Stage;
import io.kubelpa.audit.StageMerger;
import io.kubelpa.usage.UsageCounters;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by auditID: keeps the record of a request that carries its outcome (Panic or
 * ResponseComplete, then ResponseStarted, never RequestReceived alone), counts redeliveries of a
 * stage already seen (deduplication is on auditID and stage), and
 * emits the request once when its input is complete.
 */
final class BestStageFunction extends KeyedProcessFunction<String, EventRecord, EventRecord> {
    private transient ValueState<EventRecord> best;
    private transient ValueState<Integer> seenStages;
    private transient JobCounters counters;

    @Override
    public void open(OpenContext context) {
        best = getRuntimeContext().getState(new ValueStateDescriptor<>("best-stage", EventRecord.class));
        seenStages = getRuntimeContext().getState(new ValueStateDescriptor<>("seen-stages", Integer.class));
        counters = new JobCounters(getRuntimeContext());
    }

    @Override
    public void processElement(EventRecord record, Context context, Collector<EventRecord> out) throws Exception {
        int seen = seenStages.value() == null ? 0 : seenStages.value();
        Stage stage = Stage.values()[record.stage];
        if (StageMerger.isDuplicate(seen, stage)) {
            counters.increment(UsageCounters.DUPLICATES);
            return;
        }
        seenStages.update(StageMerger.seen(seen, stage));
        EventRecord kept = best.value();
        if (kept == null) {
            best.update(record);
            context.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        } else if (Stage.values()[record.stage].rank() > Stage.values()[kept.stage].rank()) {
            best.update(record);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<EventRecord> out) throws Exception {
        EventRecord kept = best.value();
        if (kept != null) {
            if (kept.rbacWrite) {
                counters.increment(UsageCounters.RBAC_CHANGES);
            }
            out.collect(kept);
            best.clear();
            seenStages.clear();
        }
    }
}
