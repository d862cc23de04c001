package io.kubelpa.analyze;

import io.kubelpa.analyze.runtime.BoundedJobTypeInfo;
import io.kubelpa.audit.StageRule;
import io.kubelpa.job.EventRecord;
import io.kubelpa.job.JobCounters;
import io.kubelpa.job.RbacJson;
import io.kubelpa.job.RequestOutcome;
import io.kubelpa.job.UsageFact;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.usage.RbacChange;
import io.kubelpa.usage.RbacTimeline;
import io.kubelpa.usage.TimeRange;
import io.kubelpa.usage.UsageCounters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.accumulators.ListAccumulator;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The bounded job's request stage, keyed by auditID. BATCH execution hands it every RBAC write of the
 * log first (the broadcast side), then each auditID's records together (sorted by key, spilling to
 * disk rather than holding the log in memory). Per auditID it merges the parts gathered where they
 * were read into one record of each stage ({@link RequestStages}: a stage seen again is a redelivery,
 * counted; which one stays does not depend on order), and when the key is complete decides the request by the
 * {@link StageRule}, as the streaming job does, and attributes it to the grants in force at its time.
 */
final class BatchRequestFunction extends KeyedBroadcastProcessFunction<String, RequestStages, EventRecord, UsageFact> {
    static final MapStateDescriptor<String, EventRecord> RBAC_WRITES =
            new MapStateDescriptor<>("rbac-writes", Types.STRING, Types.POJO(EventRecord.class));
    static final String MISMATCH_EXAMPLES = "lpa-reason-mismatch-examples";

    private final String initialRbacJson;
    private final BuiltinMode mode;
    private final TimeRange range;
    private final StageRule stageRule;
    private transient ValueState<RequestStages> stages;
    private transient RbacTimeline timeline;
    private transient JobCounters counters;
    private transient ListAccumulator<String> mismatchExamples;
    private transient List<String> examples;

    /** {@code initialRbacJson}: the starting RBAC objects as a JSON List (see {@link RbacJson}). */
    BatchRequestFunction(String initialRbacJson, BuiltinMode mode, TimeRange range, StageRule stageRule) {
        this.initialRbacJson = initialRbacJson;
        this.mode = mode;
        this.range = range;
        this.stageRule = stageRule;
    }

    @Override
    public void open(OpenContext context) {
        stages = getRuntimeContext().getState(new ValueStateDescriptor<>("stages", BoundedJobTypeInfo.REQUEST_STAGES));
        counters = new JobCounters(getRuntimeContext());
        mismatchExamples = new ListAccumulator<>();
        getRuntimeContext().addAccumulator(MISMATCH_EXAMPLES, mismatchExamples);
        examples = new ArrayList<>();
    }

    @Override
    public void processBroadcastElement(EventRecord write, Context context, Collector<UsageFact> out) throws Exception {
        BroadcastState<String, EventRecord> writes = context.getBroadcastState(RBAC_WRITES);
        EventRecord kept = writes.get(write.auditID);
        if (kept == null || write.stage().rank() > kept.stage().rank()) {
            writes.put(write.auditID, write);
        }
    }

    @Override
    public void processElement(RequestStages part, ReadOnlyContext context, Collector<UsageFact> out) throws Exception {
        RequestStages known = stages.value();
        if (known == null) {
            // The key's records end before the final watermark: the request is decided then.
            context.timerService().registerEventTimeTimer(Long.MAX_VALUE);
            stages.update(part);
            return;
        }
        RequestStages merged = new RequestStages(known.auditID());
        merged.addAll(known);
        counters.add(UsageCounters.DUPLICATES, merged.addAll(part));
        stages.update(merged);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<UsageFact> out) throws Exception {
        EventRecord record = stageRule.decide(stages.value().records(), EventRecord::stage, r -> r.timeMicros);
        if (RequestStages.eventDropped(record)) {
            throw new IllegalStateException(
                    "request " + record.auditID + " decided by a record whose event was dropped");
        }
        stages.clear();
        if (!range.contains(record.timeMicros)) {
            // A request is in the range when its deciding stage is, as the streaming job dates it: a watch that
            // started before --until and ended after it is a request of the later window.
            counters.increment(UsageCounters.OUTSIDE_RANGE);
            return;
        }
        if (record.rbacWrite) {
            counters.increment(UsageCounters.RBAC_CHANGES);
        }
        UsageCounters counted = new UsageCounters();
        int examplesBefore = examples.size();
        RequestOutcome.decide(record, timeline(context), counted, examples, out);
        examples.subList(examplesBefore, examples.size()).forEach(mismatchExamples::add);
        counted.all().forEach(counters::add);
    }

    /** Built on the first decision: by then the broadcast side, every RBAC write of the log, has been read. */
    private RbacTimeline timeline(OnTimerContext context) throws Exception {
        if (timeline == null) {
            List<RbacChange> changes = new ArrayList<>();
            for (Map.Entry<String, EventRecord> write :
                    context.getBroadcastState(RBAC_WRITES).immutableEntries()) {
                RbacChange.of(write.getValue().event()).ifPresent(changes::add);
            }
            timeline = new RbacTimeline(RbacJson.read(initialRbacJson), mode, changes);
        }
        return timeline;
    }
}
