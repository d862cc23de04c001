package io.kubelpa.stream;

import io.kubelpa.audit.Stage;
import io.kubelpa.job.EventRecord;
import io.kubelpa.job.RbacJson;
import io.kubelpa.job.RequestOutcome;
import io.kubelpa.job.UsageFact;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.usage.UsageCounters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by auditID: each request once, decided by its best stage (Panic or ResponseComplete, then
 * ResponseStarted), as in the bounded job. The stage is held until event time reaches it (plus
 * {@code stageWait} for ResponseStarted and RequestReceived, so a later stage can still replace it),
 * which also means every RBAC write up to that moment has been broadcast; then it is attributed
 * against the RBAC of its time. Other stages and redeliveries are dropped (the auditID is remembered
 * for a TTL); a request seen only as RequestReceived counts as incomplete.
 */
final class RequestFunction extends KeyedBroadcastProcessFunction<String, EventRecord, RbacUpdate, UsageFact> {
    static final MapStateDescriptor<String, RbacUpdate> RBAC_UPDATES =
            new MapStateDescriptor<>("rbac-updates", Types.STRING, Types.POJO(RbacUpdate.class));

    private final String initialRbacJson;
    private final BuiltinMode mode;
    private final Duration deduplicationTtl;
    private final long stageWaitMillis;
    private transient ValueState<Boolean> decided;
    private transient ValueState<EventRecord> pending;
    private transient RbacTimelineCache timelines;
    private transient StreamCounters counters;
    /** The stream counts reason mismatches as a metric and keeps no examples; this list stops at its cap, never grows. */
    private transient List<String> mismatchExamples;

    RequestFunction(String initialRbacJson, BuiltinMode mode, Duration deduplicationTtl, Duration stageWait) {
        this.initialRbacJson = initialRbacJson;
        this.mode = mode;
        this.deduplicationTtl = deduplicationTtl;
        this.stageWaitMillis = stageWait.toMillis();
    }

    @Override
    public void open(OpenContext context) throws Exception {
        StateTtlConfig ttl = StateTtlConfig.newBuilder(deduplicationTtl).build();
        ValueStateDescriptor<Boolean> decidedDescriptor = new ValueStateDescriptor<>("decided", Types.BOOLEAN);
        decidedDescriptor.enableTimeToLive(ttl);
        decided = getRuntimeContext().getState(decidedDescriptor);
        pending = getRuntimeContext().getState(new ValueStateDescriptor<>("pending", Types.POJO(EventRecord.class)));
        timelines = new RbacTimelineCache(RbacJson.read(initialRbacJson), mode);
        counters = new StreamCounters(getRuntimeContext().getMetricGroup());
        mismatchExamples = new ArrayList<>();
    }

    @Override
    public void processElement(EventRecord record, ReadOnlyContext context, Collector<UsageFact> out) throws Exception {
        // A held stage means undecided (deciding clears it), so only a request without one needs the TTL'd flag.
        EventRecord waiting = pending.value();
        if (waiting == null && Boolean.TRUE.equals(decided.value())) {
            counters.increment(UsageCounters.DUPLICATES);
            return;
        }
        if (waiting != null && waiting.stage().rank() >= record.stage().rank()) {
            counters.increment(UsageCounters.DUPLICATES);
            return;
        }
        if (waiting != null) {
            counters.increment(UsageCounters.DUPLICATES);
        }
        if (dueMillis(record) <= context.timerService().currentWatermark()) {
            // Late: event time has passed it, so every RBAC write before it has arrived; no timer would
            // fire for it again (after the final watermark, none does).
            decide(record, context.getBroadcastState(RBAC_UPDATES).immutableEntries(), out);
            return;
        }
        pending.update(record);
        context.timerService().registerEventTimeTimer(dueMillis(record));
    }

    /**
     * When a stage is acted on: a final stage at its own time; ResponseStarted (a watch) and
     * RequestReceived once later stages had time to arrive, so the best stage decides, as in the
     * bounded job.
     */
    private long dueMillis(EventRecord record) {
        long at = record.timeMicros / 1000;
        return record.stage().rank() >= Stage.RESPONSE_COMPLETE.rank() ? at : at + stageWaitMillis;
    }

    @Override
    public void processBroadcastElement(RbacUpdate update, Context context, Collector<UsageFact> out) throws Exception {
        BroadcastState<String, RbacUpdate> updates = context.getBroadcastState(RBAC_UPDATES);
        updates.put(update.id, update);
        timelines.invalidate();
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<UsageFact> out) throws Exception {
        EventRecord record = pending.value();
        if (record == null || timestamp < dueMillis(record)) {
            return;
        }
        decide(record, context.getBroadcastState(RBAC_UPDATES).immutableEntries(), out);
    }

    /** The request's outcome, once: attributed against the RBAC of its time (incomplete when it never got past RequestReceived). */
    private void decide(EventRecord record, Iterable<java.util.Map.Entry<String, RbacUpdate>> updates, Collector<UsageFact> out)
            throws Exception {
        pending.clear();
        decided.update(true);
        UsageCounters counted = new UsageCounters();
        long timeMicros = RequestOutcome.decide(record, timelines.timeline(updates), counted, mismatchExamples, out);
        counted.all().forEach(counters::add);
        counters.observe(timeMicros);
    }
}
