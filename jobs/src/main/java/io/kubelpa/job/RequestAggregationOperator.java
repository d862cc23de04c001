package io.kubelpa.job;

import io.kubelpa.audit.AuditEvent;
import io.kubelpa.audit.RequestDeduplicator;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.accumulators.ListAccumulator;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedMultiInput;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The bounded job's request stage, on the events of one auditID partition (input 1) and every RBAC
 * write of the log (input 2, broadcast). It keeps, per auditID, the record that carries the
 * request's outcome and the stages seen (redeliveries counted); when both inputs have ended it
 * builds the RBAC timeline, attributes every request to the grants in force at its time, and emits
 * the usage summed per subject, grant and request shape, so only those sums leave the operator.
 * Input order does not matter, so no sort and no per-request timer is needed.
 */
final class RequestAggregationOperator extends AbstractStreamOperator<UsageFact>
        implements TwoInputStreamOperator<EventRecord, EventRecord, UsageFact>, BoundedMultiInput {
    static final String MISMATCH_EXAMPLES = "lpa-reason-mismatch-examples";

    private final String initialRbacJson;
    private final BuiltinMode mode;
    private transient RequestDeduplicator<EventRecord> requests;
    private transient RequestDeduplicator<EventRecord> rbacWrites;
    private transient int endedInputs;
    private transient JobCounters counters;

    /** {@code initialRbacJson}: the starting RBAC objects as a JSON List (see {@link RbacJson}). */
    RequestAggregationOperator(String initialRbacJson, BuiltinMode mode) {
        this.initialRbacJson = initialRbacJson;
        this.mode = mode;
    }

    @Override
    public void open() throws Exception {
        super.open();
        requests = new RequestDeduplicator<>(EventRecord::stage);
        rbacWrites = new RequestDeduplicator<>(EventRecord::stage);
        counters = new JobCounters(getRuntimeContext());
    }

    @Override
    public void processElement1(StreamRecord<EventRecord> element) {
        EventRecord record = element.getValue();
        if (!requests.accept(record.auditID, record)) {
            counters.increment(UsageCounters.DUPLICATES);
        }
    }

    @Override
    public void processElement2(StreamRecord<EventRecord> element) {
        EventRecord write = element.getValue();
        rbacWrites.accept(write.auditID, write);
    }

    @Override
    public void endInput(int inputId) throws Exception {
        if (++endedInputs == 2) {
            attributeAll();
        }
    }

    private void attributeAll() throws Exception {
        RbacObjects initial = new ManifestReader().readString("initial RBAC", initialRbacJson).objects();
        List<RbacChange> changes = new ArrayList<>();
        for (EventRecord write : rbacWrites.requests()) {
            RbacChange.of(write.event()).ifPresent(changes::add);
        }
        RbacTimeline timeline = new RbacTimeline(initial, mode, changes);
        ListAccumulator<String> mismatchExamples = new ListAccumulator<>();
        getRuntimeContext().addAccumulator(MISMATCH_EXAMPLES, mismatchExamples);
        List<String> examples = new ArrayList<>();
        UsageCounters totals = new UsageCounters();
        Map<String, UsageFact> sums = new HashMap<>();
        for (EventRecord record : requests.requests()) {
            if (record.rbacWrite) {
                totals.increment(UsageCounters.RBAC_CHANGES);
            }
            AuditEvent event = record.event();
            Attribution attribution = UsageAttributor.attribute(event, timeline.authorizerAt(event.timeMicros()));
            AttributionCounting.count(event, attribution, totals, examples);
            counters.observe(event.timeMicros());
            for (UsageRecord usage : attribution.records()) {
                UsageFact fact = UsageFact.of(usage);
                sums.merge(fact.username + "\u0000" + fact.key(), fact, UsageFact::plus);
            }
        }
        totals.all().forEach(counters::add);
        examples.forEach(mismatchExamples::add);
        requests.clear();
        rbacWrites.clear();
        for (UsageFact fact : sums.values()) {
            output.collect(new StreamRecord<>(fact));
        }
    }
}
