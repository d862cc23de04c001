package io.kubelpa.bench;

import io.kubelpa.analyze.AnalyzeOptions;
import io.kubelpa.analyze.AnalyzeRunner;
import io.kubelpa.analyze.AuditLogSplits;
import io.kubelpa.analyze.RequestStages;
import io.kubelpa.analyze.runtime.BoundedJobTypeInfo;
import io.kubelpa.analyze.runtime.StageCombiner;
import io.kubelpa.audit.format.AuditLogReader;
import io.kubelpa.audit.format.InputFormat;
import io.kubelpa.audit.format.RawRecord;
import io.kubelpa.job.DecodeFunction;
import io.kubelpa.job.EventRecord;
import io.kubelpa.job.JobCounters;
import io.kubelpa.job.JobOptions;
import io.kubelpa.usage.UsageCounters;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

/**
 * For {@code lpa bench}: what the analysis job costs before it analyses anything. The same local
 * cluster, configuration, source and parallelism as {@link AnalyzeRunner}, with everything after
 * reading the records ({@link Depth#READ}), after decoding them ({@link Depth#DECODE}) or after sorting them
 * by auditID ({@link Depth#KEYED}) left out, so
 * a run can tell the framework's share of the end-to-end time from the analysis's.
 */
public final class AnalyzeFloor {
    /** Where the job stops. */
    public enum Depth {
        READ,
        DECODE,
        /**
         * Decoded, a request's stages gathered in the reading task, then keyed by auditID as the analysis keys
         * them (BATCH: sorted), and dropped: the analysis job without its analysis.
         */
        KEYED;

        public String description() {
            return switch (this) {
                case READ -> "records read and dropped";
                case DECODE -> "events decoded and dropped";
                case KEYED -> "events decoded, stages gathered, sorted by auditID across the exchange, dropped";
            };
        }
    }

    /** Records read (READ) or events decoded (DECODE), the wall time including cluster start-up, and the job's own time. */
    public record Result(long count, double seconds, double jobSeconds) {}

    private static final String RECORDS = "lpa-floor.records";
    private static final String SORTED = "lpa-floor.sorted";

    private AnalyzeFloor() {}

    public static Result run(Configuration configuration, List<Path> auditLogs, Depth depth) throws Exception {
        long start = System.nanoTime();
        List<Path> files = AuditLogReader.files(auditLogs);
        AnalyzeRunner runner = new AnalyzeRunner(configuration);
        StreamExecutionEnvironment env = runner.environment();
        DataStream<RawRecord> records = env.fromSource(
                AnalyzeRunner.source(
                        files,
                        AuditLogSplits.parts(
                                files,
                                configuration.get(AnalyzeOptions.RANGE_SIZE).getBytes())),
                WatermarkStrategy.noWatermarks(),
                "audit records");
        if (depth == Depth.READ) {
            records.flatMap(new CountRecords())
                    .returns(Types.LONG)
                    .name("count records")
                    .sinkTo(new DiscardingSink<>());
        } else {
            DataStream<EventRecord> events = records.process(new DecodeFunction(
                            InputFormat.parse(configuration.get(AnalyzeOptions.INPUT_FORMAT)),
                            configuration
                                    .getOptional(AnalyzeOptions.PAYLOAD_FIELD)
                                    .orElse(null),
                            JobOptions.eventTimeBounds(configuration)))
                    .returns(BoundedJobTypeInfo.EVENT_RECORDS)
                    .name("decode audit records");
            if (depth == Depth.KEYED) {
                events.transform(
                                "stages of a request gathered where they were read",
                                BoundedJobTypeInfo.REQUEST_STAGES,
                                new StageCombiner(StageCombiner.DEFAULT_MAX_OPEN, JobOptions.stageRule(configuration)))
                        .keyBy(RequestStages::auditID, Types.STRING)
                        .process(new FirstOfKey())
                        .returns(BoundedJobTypeInfo.REQUEST_STAGES)
                        .name("first part of each auditID")
                        .sinkTo(new DiscardingSink<>());
            } else {
                events.sinkTo(new DiscardingSink<>());
            }
        }
        JobExecutionResult result =
                env.execute("kube-lpa bench floor (" + depth.name().toLowerCase() + ")");
        long count =
                switch (depth) {
                    case READ -> counter(result, RECORDS);
                    case DECODE -> counter(result, JobCounters.PREFIX + UsageCounters.EVENTS);
                    // The events the sort handed on, and the duplicates gathering dropped before it.
                    case KEYED ->
                        counter(result, SORTED) + counter(result, JobCounters.PREFIX + UsageCounters.DUPLICATES);
                };
        return new Result(count, (System.nanoTime() - start) / 1e9, result.getNetRuntime() / 1000.0);
    }

    private static long counter(JobExecutionResult result, String name) {
        return result.getAllAccumulatorResults().get(name) instanceof Long n ? n : 0;
    }

    /** Drops every part after the first of its auditID, counting the events the sort hands it: the least a keyed stage can do. */
    private static final class FirstOfKey extends KeyedProcessFunction<String, RequestStages, RequestStages> {
        private transient ValueState<Boolean> seen;
        private transient LongCounter sorted;

        @Override
        public void open(OpenContext context) {
            seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Types.BOOLEAN));
            sorted = new LongCounter();
            getRuntimeContext().addAccumulator(SORTED, sorted);
        }

        @Override
        public void processElement(RequestStages part, Context context, Collector<RequestStages> out) throws Exception {
            sorted.add(part.records().size());
            if (seen.value() == null) {
                seen.update(true);
            }
        }
    }

    /** Counts the records read and passes nothing on. */
    private static final class CountRecords extends RichFlatMapFunction<RawRecord, Long> {
        private transient LongCounter records;

        @Override
        public void open(OpenContext context) {
            records = new LongCounter();
            getRuntimeContext().addAccumulator(RECORDS, records);
        }

        @Override
        public void flatMap(RawRecord record, Collector<Long> out) {
            if (record.kind != RawRecord.END_OF_PART) {
                records.add(1);
            }
        }
    }
}
