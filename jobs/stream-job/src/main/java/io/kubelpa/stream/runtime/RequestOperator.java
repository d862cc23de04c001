package io.kubelpa.stream.runtime;

import io.kubelpa.audit.StageRule;
import io.kubelpa.job.EventRecord;
import io.kubelpa.job.LedgerKey;
import io.kubelpa.job.RbacJson;
import io.kubelpa.job.RequestOutcome;
import io.kubelpa.job.UsageFact;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.stream.EventExtent;
import io.kubelpa.stream.HeldRequests;
import io.kubelpa.stream.RbacTimelineCache;
import io.kubelpa.stream.RbacUpdate;
import io.kubelpa.stream.ReviewPeriod;
import io.kubelpa.stream.StreamCounters;
import io.kubelpa.usage.UsageCounters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.Collector;

/**
 * Keyed by auditID (first input; the second is every RBAC update, broadcast): each request once,
 * decided by the {@link StageRule}, as in the bounded job. Every stage received is held (the first of
 * each; redeliveries are dropped) until event time reaches the deciding stage's due time (its own
 * time, plus {@code stageWait} for ResponseStarted and RequestReceived, so a later stage can still
 * replace it), which also means every RBAC write up to that moment has been broadcast and every
 * earlier stage has arrived, in whatever order; then it is attributed against the RBAC of its time.
 * A decided auditID is remembered for a TTL, so later stages and redeliveries are dropped; a request
 * seen only as RequestReceived counts as incomplete.
 *
 * <p>The watermark it passes on is {@code stageWait} behind the one it receives: a request in time is
 * decided at most that long after its own time, so every fact reaches the ledger before event time
 * passes it downstream, and each review holds every request before it. A stage that comes after event
 * time passed it waits the stage wait from its arrival for the stages behind it, but no longer than the
 * review that should hold it allows; one later than that review counts in {@code lateRequests}. Before each watermark it also sends
 * the span of event time read so far and the requests that came too late for it ({@link EventExtent}).
 *
 * <p>Waiting requests (their stages) are held on the heap up to a bound and decided when the watermark passes
 * them, the facts of one watermark summed per subject, period, grant and shape; checkpoints keep
 * them as union operator state (each task takes back the ones in its key groups). Past the bound a
 * request waits in keyed state with an event-time timer, as much RocksDB work as the heap saves.
 */
public final class RequestOperator extends AbstractStreamOperator<UsageFact>
        implements TwoInputStreamOperator<EventRecord, RbacUpdate, UsageFact>, Triggerable<String, VoidNamespace> {
    private static final ListStateDescriptor<EventRecord> HELD =
            new ListStateDescriptor<>("held-requests", Types.POJO(EventRecord.class));

    private final String initialRbacJson;
    private final BuiltinMode mode;
    private final Duration deduplicationTtl;
    private final long stageWaitMillis;
    private final StageRule stageRule;
    private final long reviewEveryMillis;
    private final int heldCapacity;
    private transient ValueState<Boolean> decided;
    /** The deciding stage so far of a request waiting in RocksDB (its name is kept so older savepoints restore). */
    private transient ValueState<EventRecord> pending;
    /** Every stage received of that request, the deciding one included. */
    private transient ListState<EventRecord> pendingStages;
    /** When that request is decided, when later than its deciding stage's due time (a late request's wait). */
    private transient ValueState<Long> pendingDue;

    private transient InternalTimerService<VoidNamespace> timers;
    private transient BroadcastState<String, RbacUpdate> rbacUpdates;
    private transient ListState<EventRecord> heldState;
    private transient HeldRequests held;
    private transient List<EventRecord> restoredHeld;
    /**
     * Requests of this task waiting in keyed state (counted from the state on a restore): while there are
     * none, a stage needs no RocksDB read to learn whether its request waits there.
     */
    private transient long requestsInState;

    private transient RbacTimelineCache timelines;
    private transient StreamCounters counters;
    /** The stream counts reason mismatches as a metric and keeps no examples; this list stops at its cap, never grows. */
    private transient List<String> mismatchExamples;

    private transient Collector<UsageFact> direct;
    /** What this task read since it last sent an {@link EventExtent}; empty when nothing. */
    private transient EventExtent unsent;

    private transient long forwardedWatermark;

    public RequestOperator(
            String initialRbacJson,
            BuiltinMode mode,
            Duration deduplicationTtl,
            Duration stageWait,
            Duration reviewEvery,
            int heldCapacity) {
        this.initialRbacJson = initialRbacJson;
        this.mode = mode;
        this.deduplicationTtl = deduplicationTtl;
        this.stageWaitMillis = stageWait.toMillis();
        this.stageRule = StageRule.of(stageWait);
        this.reviewEveryMillis = reviewEvery.toMillis();
        this.heldCapacity = heldCapacity;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        heldState = context.getOperatorStateStore().getUnionListState(HELD);
        restoredHeld = new ArrayList<>();
        if (context.isRestored()) {
            TaskInfo task = getRuntimeContext().getTaskInfo();
            int keyGroups = task.getMaxNumberOfParallelSubtasks();
            KeyGroupRange mine = KeyGroupRangeAssignment.computeKeyGroupRangeForOperatorIndex(
                    keyGroups, task.getNumberOfParallelSubtasks(), task.getIndexOfThisSubtask());
            for (EventRecord record : heldState.get()) {
                if (mine.contains(KeyGroupRangeAssignment.assignToKeyGroup(record.auditID, keyGroups))) {
                    restoredHeld.add(record);
                }
            }
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        ValueStateDescriptor<Boolean> decidedDescriptor = new ValueStateDescriptor<>("decided", Types.BOOLEAN);
        decidedDescriptor.enableTimeToLive(
                StateTtlConfig.newBuilder(deduplicationTtl).build());
        decided = getRuntimeContext().getState(decidedDescriptor);
        pending = getRuntimeContext().getState(new ValueStateDescriptor<>("pending", Types.POJO(EventRecord.class)));
        pendingStages = getRuntimeContext()
                .getListState(new ListStateDescriptor<>("pending-stages", Types.POJO(EventRecord.class)));
        pendingDue = getRuntimeContext().getState(new ValueStateDescriptor<>("pending-due", Types.LONG));
        try (Stream<String> waiting = this.<String>getKeyedStateBackend().getKeys("pending", VoidNamespace.INSTANCE)) {
            requestsInState = waiting.count();
        }
        timers = getInternalTimerService("user-timers", VoidNamespaceSerializer.INSTANCE, this);
        rbacUpdates = getOperatorStateBackend().getBroadcastState(RbacUpdate.BROADCAST_STATE);
        held = new HeldRequests(heldCapacity);
        timelines = new RbacTimelineCache(RbacJson.read(initialRbacJson), mode);
        counters = new StreamCounters(getMetricGroup());
        mismatchExamples = new ArrayList<>();
        unsent = new EventExtent();
        forwardedWatermark = Long.MIN_VALUE;
        direct = collector(fact -> output.collect(new StreamRecord<>(fact)));
        Map<String, List<EventRecord>> byRequest = new java.util.LinkedHashMap<>();
        for (EventRecord record : restoredHeld) {
            byRequest.computeIfAbsent(record.auditID, id -> new ArrayList<>()).add(record);
        }
        for (List<EventRecord> stages : byRequest.values()) {
            setCurrentKey(stages.get(0).auditID);
            hold(stages, false, dueMillis(stageRule.decide(stages, EventRecord::stage, r -> r.timeMicros)));
        }
        restoredHeld = null;
    }

    @Override
    public void processElement1(StreamRecord<EventRecord> element) throws Exception {
        EventRecord record = element.getValue();
        unsent.include(record.timeMicros);
        List<EventRecord> waiting = held.get(record.auditID);
        boolean waitingInState = false;
        if (waiting == null && requestsInState > 0) {
            waiting = stagesInState();
            waitingInState = waiting != null;
        }
        // Stages waiting mean undecided (deciding removes them), so only a request without any needs the TTL'd flag.
        if (waiting == null && Boolean.TRUE.equals(decided.value())) {
            counters.increment(UsageCounters.DUPLICATES);
            return;
        }
        List<EventRecord> received = new ArrayList<>(waiting == null ? List.of() : waiting);
        if (received.stream().anyMatch(r -> r.stage == record.stage)) {
            counters.increment(UsageCounters.DUPLICATES); // a redelivery, or a reused auditID: the same one stays
            if (received.stream().noneMatch(r -> r.stage == record.stage && record.precedes(r))) {
                return;
            }
            received.replaceAll(r -> r.stage == record.stage ? record : r);
        } else {
            received.add(record);
        }
        EventRecord deciding = stageRule.decide(received, EventRecord::stage, r -> r.timeMicros);
        long watermark = timers.currentWatermark();
        if (dueMillis(deciding) > watermark) {
            hold(received, waitingInState, dueMillis(deciding));
            return;
        }
        // Late: event time has passed it, so every RBAC write before it has arrived.
        if (!deciding.stage().isFinal() && watermark != Long.MAX_VALUE) {
            // Its later stages may still be on their way, right behind it: they get the stage wait of event time from
            // now, as an early stage gets it from its own time, so the best stage decides it, as in the bounded job;
            // but no longer than the first review that should hold it allows, while that review is still to come.
            long firstReview = firstReviewMillis(deciding);
            long due = watermark + stageWaitMillis;
            if (firstReview > forwardedWatermark) {
                due = Math.min(due, firstReview + stageWaitMillis);
            }
            hold(received, waitingInState, due);
            return;
        }
        // Final, or after the last watermark (none would decide it again): decided now.
        if (waitingInState) {
            pending.clear();
            pendingStages.clear();
            pendingDue.clear();
            requestsInState--;
        } else if (waiting != null) {
            held.remove(record.auditID);
        }
        decide(deciding, direct);
    }

    /** The stages of the current request waiting in RocksDB, or null (a savepoint from before kept the deciding one only). */
    private List<EventRecord> stagesInState() throws Exception {
        EventRecord deciding = pending.value();
        if (deciding == null) {
            return null;
        }
        List<EventRecord> stages = new ArrayList<>();
        Iterable<EventRecord> stored = pendingStages.get();
        if (stored != null) {
            stored.forEach(stages::add);
        }
        return stages.isEmpty() ? List.of(deciding) : stages;
    }

    /** Holds a request's stages until {@code due}: where they wait already, else on the heap while there is room. */
    private void hold(List<EventRecord> stages, boolean inState, long due) throws Exception {
        EventRecord deciding = stageRule.decide(stages, EventRecord::stage, r -> r.timeMicros);
        String auditID = deciding.auditID;
        if (!inState && (held.get(auditID) != null || held.hasRoom())) {
            held.hold(auditID, stages, due);
            return;
        }
        if (!inState) {
            counters.increment("heldInRocksDB");
            requestsInState++;
        }
        pending.update(deciding);
        pendingStages.update(stages);
        pendingDue.update(due);
        timers.registerEventTimeTimer(VoidNamespace.INSTANCE, due);
    }

    /**
     * When a stage is acted on: a final stage at its own time; ResponseStarted (a watch) and
     * RequestReceived once later stages had time to arrive, so the best stage decides, as in the
     * bounded job.
     */
    private long dueMillis(EventRecord record) {
        return stageRule.dueMillis(record.stage(), record.timeMicros);
    }

    @Override
    public void processElement2(StreamRecord<RbacUpdate> element) throws Exception {
        RbacUpdate update = element.getValue();
        rbacUpdates.put(update.id, update);
        timelines.invalidate();
    }

    /**
     * Decides the held requests the watermark reached and fires the timers of those waiting in state,
     * sends the event extent, then passes the watermark on, {@code stageWait} behind.
     */
    @Override
    public void processWatermark(Watermark mark) throws Exception {
        List<List<EventRecord>> due = held.takeDue(mark.getTimestamp());
        if (!due.isEmpty()) {
            // Summed as the ledger keys them, so one watermark's requests reach it as one fact per subject, period,
            // grant and shape.
            Map<LedgerKey, UsageFact> sums = new HashMap<>();
            Collector<UsageFact> summing = collector(
                    fact -> sums.merge(fact.key(ReviewPeriod.startOf(fact, reviewEveryMillis)), fact, UsageFact::plus));
            for (List<EventRecord> stages : due) {
                EventRecord deciding = stageRule.decide(stages, EventRecord::stage, r -> r.timeMicros);
                setCurrentKey(deciding.auditID);
                decide(deciding, summing);
            }
            for (UsageFact sum : sums.values()) {
                output.collect(new StreamRecord<>(sum));
            }
        }
        if (getTimeServiceManager().isPresent()) {
            getTimeServiceManager().get().advanceWatermark(mark);
        }
        sendExtent();
        long delayed = delayedByStageWait(mark.getTimestamp());
        if (delayed > forwardedWatermark) {
            forwardedWatermark = delayed;
            output.emitWatermark(new Watermark(delayed));
        }
    }

    /** What was read since the last watermark goes out before the barrier, so a restore never loses it. */
    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        sendExtent();
    }

    private void sendExtent() {
        if (unsent.hasNews()) {
            output.collect(EventExtent.SIDE_OUTPUT, new StreamRecord<>(unsent.sealed()));
            unsent = new EventExtent();
        }
    }

    /** The watermark downstream: {@code stageWait} behind, the end of input (and the start) as they are. */
    private long delayedByStageWait(long watermark) {
        if (watermark == Long.MAX_VALUE) {
            return watermark;
        }
        return watermark < Long.MIN_VALUE + stageWaitMillis ? Long.MIN_VALUE : watermark - stageWaitMillis;
    }

    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        List<EventRecord> stages = stagesInState();
        if (stages == null) {
            return;
        }
        EventRecord deciding = stageRule.decide(stages, EventRecord::stage, r -> r.timeMicros);
        Long due = pendingDue.value(); // absent in state from before it was kept
        if (timer.getTimestamp() < (due != null ? due : dueMillis(deciding))) {
            return; // an earlier timer of a wait since extended
        }
        pending.clear();
        pendingStages.clear();
        pendingDue.clear();
        requestsInState--;
        decide(deciding, direct);
    }

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) {}

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        heldState.update(held.records());
    }

    /** The request's outcome, once: attributed against the RBAC of its time (incomplete when it never got past RequestReceived). */
    private void decide(EventRecord record, Collector<UsageFact> out) throws Exception {
        decided.update(true);
        if (firstReviewMillis(record) <= forwardedWatermark) {
            // Event time downstream has passed the first review that should hold it: that review is written without it.
            counters.increment("lateRequests");
            unsent.lateRequests++;
        }
        UsageCounters counted = new UsageCounters();
        long timeMicros = RequestOutcome.decide(
                record, timelines.timeline(rbacUpdates.immutableEntries()), counted, mismatchExamples, out);
        counted.all().forEach(counters::add);
        counters.observe(timeMicros);
        unsent.count(ReviewPeriod.startOf(timeMicros, reviewEveryMillis), counted::get);
    }

    /** The event time of the first review that holds a request decided by {@code record}. */
    private long firstReviewMillis(EventRecord record) {
        return (Math.floorDiv(Math.floorDiv(record.timeMicros, 1000L), reviewEveryMillis) + 1) * reviewEveryMillis;
    }

    private static Collector<UsageFact> collector(Consumer<UsageFact> consumer) {
        return new Collector<>() {
            @Override
            public void collect(UsageFact fact) {
                consumer.accept(fact);
            }

            @Override
            public void close() {}
        };
    }
}
