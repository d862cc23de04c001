package io.kubelpa.analyze.runtime;

import io.kubelpa.analyze.RequestStages;
import io.kubelpa.audit.StageRule;
import io.kubelpa.job.EventRecord;
import io.kubelpa.job.JobCounters;
import io.kubelpa.usage.UsageCounters;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Gathers a request's stages in the task that read them, before the exchange: within a log the
 * stages of a request sit close together, so most requests cross the exchange, and its sort, as one
 * record instead of two or three events. A request is handed on at its final stage, when
 * {@code maxOpen} others have opened since it (the oldest first), or when the input ends. A request
 * whose records are also elsewhere (another file, a redelivery) crosses in parts that the keyed stage
 * merges, so the result is the same however the records were grouped; duplicates met here are
 * counted here. A record that can no longer decide its request crosses without its event.
 */
public final class StageCombiner extends AbstractStreamOperator<RequestStages>
        implements OneInputStreamOperator<EventRecord, RequestStages>, BoundedOneInput {
    /** Requests held open per task: about 1 KiB each, and far more than the requests in flight at once. */
    public static final int DEFAULT_MAX_OPEN = 16_384;

    private final int maxOpen;
    private final StageRule stageRule;
    private transient Map<String, RequestStages> open;
    private transient JobCounters counters;

    public StageCombiner(int maxOpen, StageRule stageRule) {
        if (maxOpen < 0) {
            throw new IllegalArgumentException("maxOpen must not be negative: " + maxOpen);
        }
        this.maxOpen = maxOpen;
        this.stageRule = stageRule;
    }

    @Override
    public void open() throws Exception {
        super.open();
        open = new LinkedHashMap<>();
        counters = new JobCounters(getRuntimeContext());
    }

    @Override
    public void processElement(StreamRecord<EventRecord> element) {
        EventRecord record = element.getValue();
        RequestStages stages = open.get(record.auditID);
        if (stages == null) {
            stages = new RequestStages(record.auditID);
        }
        if (stages.add(record)) {
            counters.increment(UsageCounters.DUPLICATES);
        }
        if (record.stage().isFinal() || maxOpen == 0) {
            open.remove(record.auditID);
            handOn(stages);
            return;
        }
        open.put(record.auditID, stages);
        if (open.size() > maxOpen) {
            Iterator<RequestStages> oldest = open.values().iterator();
            handOn(oldest.next());
            oldest.remove();
        }
    }

    @Override
    public void endInput() {
        open.values().forEach(this::handOn);
        open.clear();
    }

    private void handOn(RequestStages stages) {
        output.collect(new StreamRecord<>(stages.withoutOutrankedEvents(stageRule)));
    }
}
