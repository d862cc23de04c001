package io.kubelpa.job;

import io.kubelpa.audit.AuditEvent;
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
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Attributes each request to the grants of the RBAC snapshot in force at its time. RBAC writes seen
 * in the log arrive on the broadcast side (in BATCH execution the broadcast side is read before the
 * keyed side) and form the timeline together with the initial manifests.
 */
final class AttributeFunction extends KeyedBroadcastProcessFunction<String, EventRecord, EventRecord, UsageFact> {
    static final MapStateDescriptor<String, EventRecord> RBAC_CHANGES =
            new MapStateDescriptor<>("rbac-changes", String.class, EventRecord.class);
    static final String MISMATCH_EXAMPLES = "lpa-reason-mismatch-examples";

    private final String initialRbacJson;
    private final BuiltinMode mode;
    private transient RbacObjects initial;
    private transient RbacTimeline timeline;
    private transient int timelineChanges = -1;
    private transient JobCounters counters;
    private transient ListAccumulator<String> mismatchExamples;
    private transient List<String> localExamples;

    /** {@code initialRbacJson}: the starting RBAC objects as a JSON List (see {@link RbacJson}). */
    AttributeFunction(String initialRbacJson, BuiltinMode mode) {
        this.initialRbacJson = initialRbacJson;
        this.mode = mode;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        initial = new ManifestReader().readString("initial RBAC", initialRbacJson).objects();
        counters = new JobCounters(getRuntimeContext());
        mismatchExamples = new ListAccumulator<>();
        getRuntimeContext().addAccumulator(MISMATCH_EXAMPLES, mismatchExamples);
        localExamples = new ArrayList<>();
    }

    @Override
    public void processBroadcastElement(EventRecord change, Context context, Collector<UsageFact> out) throws Exception {
        context.getBroadcastState(RBAC_CHANGES).put(change.auditID, change);
    }

    @Override
    public void processElement(EventRecord record, ReadOnlyContext context, Collector<UsageFact> out) throws Exception {
        AuditEvent event = record.event();
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

    /** The timeline over the changes received so far; rebuilt only when more have arrived. */
    private RbacTimeline timeline(ReadOnlyContext context) throws Exception {
        int received = 0;
        for (Map.Entry<String, EventRecord> ignored : context.getBroadcastState(RBAC_CHANGES).immutableEntries()) {
            received++;
        }
        if (timeline == null || received != timelineChanges) {
            List<RbacChange> changes = new ArrayList<>();
            for (Map.Entry<String, EventRecord> entry : context.getBroadcastState(RBAC_CHANGES).immutableEntries()) {
                RbacChange.of(entry.getValue().event()).ifPresent(changes::add);
            }
            timeline = new RbacTimeline(initial, mode, changes);
            timelineChanges = received;
        }
        return timeline;
    }
}
