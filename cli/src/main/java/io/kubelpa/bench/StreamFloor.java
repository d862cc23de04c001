package io.kubelpa.bench;

import io.kubelpa.job.DecodedRecord;
import io.kubelpa.stream.AuditSource;
import io.kubelpa.stream.KafkaOptions;
import io.kubelpa.stream.LatestEventWatermarks;
import io.kubelpa.stream.RequestOptions;
import io.kubelpa.stream.StreamRunner;
import java.time.Duration;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * For {@code lpa bench --stream}: what the streaming job costs before it analyses anything. The same
 * Flink settings (RocksDB, checkpoints), Kafka source and parallelism as {@link StreamRunner}, reading
 * the topic to its end with everything after the source left out: messages only ({@link Depth#READ}),
 * or decoded in the source as the job does ({@link Depth#DECODE}); or, the least state work the job
 * must do ({@link Depth#DEDUPLICATE}): the decoded events keyed by auditID, each auditID looked up in
 * RocksDB and marked when new, with the job's TTL.
 */
public final class StreamFloor {
    /** Where the job stops. */
    public enum Depth {
        READ,
        DECODE,
        DEDUPLICATE
    }

    /** Messages (READ) or events (DECODE, DEDUPLICATE) read, and the wall time including cluster start-up. */
    public record Result(long count, double seconds) {}

    private static final String COUNT = "lpa-floor.count";

    private StreamFloor() {}

    public static Result run(Configuration config, Depth depth) throws Exception {
        long start = System.nanoTime();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                new StreamRunner(config, "bench").flinkConfiguration());
        String group =
                config.get(KafkaOptions.GROUP_ID) + "-floor-" + depth.name().toLowerCase();
        if (depth == Depth.READ) {
            KafkaSource<byte[]> source = AuditSource.of(
                            config, KafkaRecordDeserializationSchema.valueOnly(ByteArrayDeserializer.class))
                    .setGroupId(group)
                    .setStartingOffsets(OffsetsInitializer.earliest())
                    .setBounded(OffsetsInitializer.latest())
                    .build();
            env.fromSource(source, WatermarkStrategy.noWatermarks(), "audit messages")
                    .flatMap(new Count<byte[]>(message -> 1))
                    .returns(Types.LONG)
                    .sinkTo(new DiscardingSink<>());
        } else {
            KafkaSource<DecodedRecord> source = AuditSource.decoded(config)
                    .setGroupId(group)
                    .setStartingOffsets(OffsetsInitializer.earliest())
                    .setBounded(OffsetsInitializer.latest())
                    .build();
            DataStream<DecodedRecord> decoded = env.fromSource(
                    source,
                    LatestEventWatermarks.strategy(config.get(RequestOptions.MAX_OUT_OF_ORDERNESS)),
                    "audit records (decoded)");
            if (depth == Depth.DECODE) {
                decoded.flatMap(new Count<DecodedRecord>(record -> record.events.size()))
                        .returns(Types.LONG)
                        .sinkTo(new DiscardingSink<>());
            } else {
                decoded.flatMap((DecodedRecord record, Collector<String> out) ->
                                record.events.forEach(e -> out.collect(e.auditID)))
                        .returns(Types.STRING)
                        .keyBy(auditID -> auditID, Types.STRING)
                        .process(new FirstOfEachKey(config.get(RequestOptions.DEDUPLICATION_TTL)))
                        .returns(Types.LONG)
                        .sinkTo(new DiscardingSink<>());
            }
        }
        JobExecutionResult result =
                env.execute("kube-lpa bench floor (" + depth.name().toLowerCase() + ")");
        Object count = result.getAllAccumulatorResults().get(COUNT);
        return new Result(count instanceof Long n ? n : 0, (System.nanoTime() - start) / 1e9);
    }

    /** Looks each event's auditID up in keyed state with a TTL and marks it when new, as the job's deduplication does; counts the events. */
    private static final class FirstOfEachKey extends KeyedProcessFunction<String, String, Long> {
        private final Duration ttl;
        private transient ValueState<Boolean> seen;
        private transient LongCounter count;

        FirstOfEachKey(Duration ttl) {
            this.ttl = ttl;
        }

        @Override
        public void open(OpenContext context) {
            ValueStateDescriptor<Boolean> descriptor = new ValueStateDescriptor<>("seen", Types.BOOLEAN);
            descriptor.enableTimeToLive(StateTtlConfig.newBuilder(ttl).build());
            seen = getRuntimeContext().getState(descriptor);
            count = new LongCounter();
            getRuntimeContext().addAccumulator(COUNT, count);
        }

        @Override
        public void processElement(String auditID, Context context, Collector<Long> out) throws Exception {
            if (seen.value() == null) {
                seen.update(true);
            }
            count.add(1);
        }
    }

    /** How many items a record holds. */
    private interface Items<T> extends java.io.Serializable {
        int of(T record);
    }

    /** Counts what it reads and passes nothing on. */
    private static final class Count<T> extends RichFlatMapFunction<T, Long> {
        private final Items<T> items;
        private transient LongCounter count;

        Count(Items<T> items) {
            this.items = items;
        }

        @Override
        public void open(OpenContext context) {
            count = new LongCounter();
            getRuntimeContext().addAccumulator(COUNT, count);
        }

        @Override
        public void flatMap(T record, Collector<Long> out) {
            count.add(items.of(record));
        }
    }
}
