package io.kubelpa.analyze;

import io.kubelpa.analyze.runtime.BoundedJobTypeInfo;
import io.kubelpa.analyze.runtime.StageCombiner;
import io.kubelpa.analyze.runtime.UsageSumOperator;
import io.kubelpa.audit.StageRule;
import io.kubelpa.audit.format.EventTimeBounds;
import io.kubelpa.audit.format.InputFormat;
import io.kubelpa.audit.format.RawRecord;
import io.kubelpa.job.DecodeFunction;
import io.kubelpa.job.EventRecord;
import io.kubelpa.job.RbacJson;
import io.kubelpa.job.UsageFact;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.usage.TimeRange;
import io.kubelpa.usage.UsageReport.DeadLetter;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The bounded usage-ledger topology: records → decode (dead letters to a side output) → a request's
 * stages gathered in the reading task → keyed by auditID, with the log's RBAC writes broadcast (read
 * first): the parts of a request merged into one record per request, attributed to
 * grants, summed per subject, grant and shape in the same task (the collector adds up the tasks' sums).
 * BATCH execution sorts the keyed input, spilling to disk, so no stage holds the log in memory however
 * large it is.
 */
public final class AnalyzeJob {
    private final RbacObjects rbac;
    private final BuiltinMode mode;
    private final InputFormat format;
    private final String payloadField;
    private final TimeRange range;
    private final EventTimeBounds bounds;
    private final StageRule stageRule;
    private final int partialSums;

    public AnalyzeJob(
            RbacObjects rbac,
            BuiltinMode mode,
            InputFormat format,
            String payloadField,
            TimeRange range,
            EventTimeBounds bounds,
            StageRule stageRule,
            int partialSums) {
        this.partialSums = partialSums;
        this.bounds = bounds;
        this.stageRule = stageRule;
        this.rbac = rbac;
        this.mode = mode;
        this.format = format;
        this.payloadField = payloadField;
        this.range = range;
    }

    /**
     * The ledger entries, dead letters, and RBAC writes of the job, wired onto {@code env}.
     */
    public record Outputs(
            DataStream<UsageFact> ledger, DataStream<DeadLetter> deadLetters, DataStream<EventRecord> rbacWrites) {}

    public Outputs build(StreamExecutionEnvironment env, Source<RawRecord, ?, ?> source) {
        SingleOutputStreamOperator<EventRecord> events = env.fromSource(
                        source, WatermarkStrategy.noWatermarks(), "audit records")
                .uid("audit-records")
                .process(new DecodeFunction(format, payloadField, bounds))
                .returns(BoundedJobTypeInfo.EVENT_RECORDS)
                .uid("decode")
                .name("decode audit records");
        DataStream<DeadLetter> deadLetters = events.getSideOutput(DecodeFunction.DEAD_LETTERS);
        DataStream<EventRecord> rbacWrites =
                events.filter(r -> r.rbacWrite).uid("rbac-writes").name("RBAC writes");
        DataStream<RequestStages> requests = events.transform(
                        "stages of a request gathered where they were read",
                        BoundedJobTypeInfo.REQUEST_STAGES,
                        new StageCombiner(StageCombiner.DEFAULT_MAX_OPEN, stageRule))
                .uid("gather-stages");
        DataStream<UsageFact> facts = requests.keyBy(RequestStages::auditID, Types.STRING)
                .connect(rbacWrites.broadcast(BatchRequestFunction.RBAC_WRITES))
                .process(new BatchRequestFunction(RbacJson.write(rbac), mode, range, stageRule))
                .returns(BoundedJobTypeInfo.USAGE_FACTS)
                .uid("requests")
                .name("requests: once each, attributed");
        DataStream<UsageFact> ledger = facts.transform(
                        "usage summed per subject, grant and shape",
                        BoundedJobTypeInfo.USAGE_FACTS,
                        new UsageSumOperator(partialSums))
                .uid("ledger");
        return new Outputs(ledger, deadLetters, rbacWrites);
    }
}
