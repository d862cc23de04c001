package io.kubelpa.job;

import io.kubelpa.audit.AuditEvent;
import io.kubelpa.audit.Stage;
import io.kubelpa.audit.StageMerger;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.ManifestReader;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.usage.Attribution;
import io.kubelpa.usage.AttributionCounting;
import io.kubelpa.usage.RbacChange;
import io.kubelpa.usage.RbacTimeline;
import io.kubelpa.usage.UsageAttributor;
import io.kubelpa.usage.UsageCounters;
import io.kubelpa.usage.UsageRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.accumulators.ListAccumulator;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by auditID: keeps the record of a request that carries its outcome (Panic or
 * ResponseComplete, then ResponseStarted; RequestReceived alone means incomplete), counts
 * redeliveries of a stage already seen, and when the request's input is complete attributes it to
 * the grants of the RBAC snapshot in force at its time. RBAC writes arrive on the broadcast side (in
 * BATCH execution the broadcast side is read before the keyed side), deduplicated by auditID there,
 * and form the timeline together with the initial manifests.
 */
final class RequestFunction extends KeyedBroadcastProcessFunction<String, EventRecord, EventRecord, UsageFact> {
    static final MapStateDescriptor<String, EventRecord> RBAC_WRITES =
            new MapStateDescriptor<>("rbac-writes", String.class, EventRecord.class);
    static final String MISMATCH_EXAMPLES = "lpa-reason-mismatch-examples";

    private final String initialRbacJson;
    private final BuiltinMode mode;
    private transient RbacObjects initial;
    private transient RbacTimeline timeline;
    private transient int timelineWrites = -1;
    private transient ValueState<EventRecord> best;
    private transient ValueState<Integer> seenStages;
    private transient JobCounters counters;
    private transient ListAccumulator<String> mismatchExamples;
    private transient List<String> localExamples;

    /** {@code initialRbacJson}: the starting RBAC objects as a JSON List (see {@link RbacJson}). */
    RequestFunction(String initialRbacJson, BuiltinMode mode) {
        this.initialRbacJson = initialRbacJson;
        this.mode = mode;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        initial = new ManifestReader().readString("initial RBAC", initialRbacJson).objects();
        best = getRuntimeContext().getState(new ValueStateDescriptor<>("best-stage", EventRecord.class));
        seenStages = getRuntimeContext().getState(new ValueStateDescriptor<>("seen-stages", Integer.class));
        counters = new JobCounters(getRuntimeContext());
        mismatchExamples = new ListAccumulator<>();
        getRuntimeContext().addAccumulator(MISMATCH_EXAMPLES, mismatchExamples);
        localExamples = new ArrayList<>();
    }

    @Override
    public void processBroadcastElement(EventRecord write, Context context, Collector<UsageFact> out) throws Exception {
        EventRecord known = context.getBroadcastState(RBAC_WRITES).get(write.auditID);
        if (known == null || Stage.values()[write.stage].rank() > Stage.values()[known.stage].rank()) {
            context.getBroadcastState(RBAC_WRITES).put(write.auditID, write);
        }
    }

    @Override
    public void processElement(EventRecord record, ReadOnlyContext context, Collector<UsageFact> out) throws Exception {
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
        } else if (stage.rank() > Stage.values()[kept.stage].rank()) {
            best.update(record);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<UsageFact> out) throws Exception {
        EventRecord kept = best.value();
        best.clear();
        seenStages.clear();
        if (kept == null) {
            return;
        }
        if (kept.rbacWrite) {
            counters.increment(UsageCounters.RBAC_CHANGES);
        }
        AuditEvent event = kept.event();
        Attribution attribution = UsageAttributor.attribute(event, timeline(context).authorizerAt(event.timeMicros()));
        UsageCounters delta = new UsageCounters();
        int examplesBefore = localExamples.size();
        AttributionCounting.count(event, attribution, delta, localExamples);
        delta.all().forEach(counters::add);
        counters.observe(event.timeMicros());
        localExamples.subList(examplesBefore, localExamples.size()).forEach(mismatchExamples::add);
        for (UsageRecord usage : attribution.records()) {
            out.collect(UsageFact.of(usage));
        }
    }

    /** The timeline over the RBAC writes received; rebuilt only when more have arrived. */
    private RbacTimeline timeline(ReadOnlyContext context) throws Exception {
        int received = 0;
        for (Map.Entry<String, EventRecord> ignored : context.getBroadcastState(RBAC_WRITES).immutableEntries()) {
            received++;
        }
        if (timeline == null || received != timelineWrites) {
            List<RbacChange> changes = new ArrayList<>();
            for (Map.Entry<String, EventRecord> entry : context.getBroadcastState(RBAC_WRITES).immutableEntries()) {
                RbacChange.of(entry.getValue().event()).ifPresent(changes::add);
            }
            timeline = new RbacTimeline(initial, mode, changes);
            timelineWrites = received;
        }
        return timeline;
    }
}
