package io.kubelpa.stream;

import io.kubelpa.job.DecodeFunction;
import io.kubelpa.job.DecodedRecord;
import io.kubelpa.job.EventRecord;
import io.kubelpa.job.RouteDecodedFunction;
import io.kubelpa.job.UsageFact;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.stream.runtime.KeyedTwoInput;
import io.kubelpa.stream.runtime.RequestOperator;
import io.kubelpa.usage.UsageReport.DeadLetter;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The streaming topology: audit records, decoded in the source with event time per partition →
 * counted (dead letters to a side output) →
 * keyed by auditID, each request once, attributed against the broadcast RBAC of its time → keyed by
 * subject, the windowed ledger in RocksDB → the periodic review (once), which writes the review
 * files and emits findings. The decode and attribution code is the bounded job's.
 */
public final class StreamJob {
    private final String initialRbacJson;
    private final BuiltinMode mode;
    private final Configuration config;
    private final ReviewSettings review;

    StreamJob(String initialRbacJson, BuiltinMode mode, Configuration config, ReviewSettings review) {
        this.initialRbacJson = initialRbacJson;
        this.mode = mode;
        this.config = config;
        this.review = review;
    }

    /** What the topology produces, for sinks or tests to take. */
    public record Outputs(DataStream<FindingRecord> findings, DataStream<DeadLetter> deadLetters) {}

    public Outputs build(
            StreamExecutionEnvironment env, Source<DecodedRecord, ?, ?> audit, DataStream<RbacUpdate> rbacTopic) {
        WatermarkStrategy<DecodedRecord> eventTime =
                LatestEventWatermarks.strategy(config.get(RequestOptions.MAX_OUT_OF_ORDERNESS));
        if (!config.get(KafkaOptions.STOP_AT_LATEST)) {
            // Only a live stream has partitions that go quiet; a bounded read ends with each source's final watermark,
            // and an idle partition then would let that watermark overtake its records.
            eventTime = eventTime.withIdleness(config.get(RequestOptions.IDLENESS));
        }
        // Given to the source, event time is tracked per Kafka partition (a partition behind holds it back).
        SingleOutputStreamOperator<EventRecord> events = env.fromSource(
                        audit, eventTime, "audit records (decoded; event time per partition)")
                .uid("audit-source")
                .process(new RouteDecodedFunction())
                .uid("decode")
                .name("count records, dead letters aside");
        DataStream<RbacUpdate> updates = events.filter(e -> e.rbacWrite)
                .uid("rbac-writes")
                .name("RBAC writes")
                .map(RbacUpdate::ofWrite)
                .returns(Types.POJO(RbacUpdate.class))
                .uid("rbac-updates")
                .name("RBAC updates");
        DataStream<DeadLetter> deadLetters = events.getSideOutput(DecodeFunction.DEAD_LETTERS);
        if (rbacTopic != null) {
            SingleOutputStreamOperator<RbacUpdate> checked = rbacTopic
                    .process(new RbacTopicCheck())
                    .returns(Types.POJO(RbacUpdate.class))
                    .uid("rbac-topic-check")
                    .name("RBAC topic: manifests checked");
            updates = updates.union(checked);
            deadLetters = deadLetters.union(checked.getSideOutput(DecodeFunction.DEAD_LETTERS));
        }
        BroadcastStream<RbacUpdate> rbac = updates.broadcast(RbacUpdate.BROADCAST_STATE);
        SingleOutputStreamOperator<UsageFact> facts =
                requests(env, events.keyBy(e -> e.auditID, Types.STRING), updates.broadcast());
        DataStream<EventExtent> extents = facts.getSideOutput(EventExtent.SIDE_OUTPUT);
        DataStream<ReviewFact> ledger = facts.keyBy(UsageFact::username, Types.STRING)
                .connect(extents.broadcast(WindowedLedgerFunction.EXTENT))
                .process(new WindowedLedgerFunction(
                        config.get(StreamReviewOptions.WINDOW).toMillis(),
                        config.get(StreamReviewOptions.REVIEW_EVERY).toMillis()))
                .returns(Types.POJO(ReviewFact.class))
                .uid("ledger")
                .name("usage ledger per subject (windowed)");
        DataStream<ReviewFact> rbacChanged = updates.map(u -> ReviewFact.rbacChanged(u.timeMicros))
                .returns(Types.POJO(ReviewFact.class))
                .uid("rbac-change-markers")
                .name("RBAC changes (review markers)");
        DataStream<ReviewFact> extentMarks = extents.map(ReviewFact::of)
                .returns(Types.POJO(ReviewFact.class))
                .uid("event-extents")
                .name("event extents (review markers)");
        DataStream<FindingRecord> findings = ledger.union(rbacChanged, extentMarks)
                .keyBy(f -> 0, Types.INT)
                .connect(rbac)
                .process(new ReviewFunction(initialRbacJson, mode, review))
                .returns(Types.POJO(FindingRecord.class))
                .setParallelism(1)
                .setMaxParallelism(1)
                .uid("review")
                .name("periodic least-privilege review");
        return new Outputs(findings, deadLetters);
    }

    /** The request operator: keyed events and every RBAC update. */
    private SingleOutputStreamOperator<UsageFact> requests(
            StreamExecutionEnvironment env,
            KeyedStream<EventRecord, String> events,
            DataStream<RbacUpdate> everyUpdate) {
        RequestOperator operator = new RequestOperator(
                initialRbacJson,
                mode,
                config.get(RequestOptions.DEDUPLICATION_TTL),
                config.get(RequestOptions.STAGE_WAIT),
                config.get(StreamReviewOptions.REVIEW_EVERY),
                config.get(RequestOptions.HELD_IN_MEMORY));
        return KeyedTwoInput.apply(
                env,
                events,
                Types.STRING,
                everyUpdate,
                operator,
                Types.POJO(UsageFact.class),
                "requests: once each, attributed at their event time",
                "requests");
    }
}
