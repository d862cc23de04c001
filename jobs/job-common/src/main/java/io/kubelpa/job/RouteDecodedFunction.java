package io.kubelpa.job;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** For records decoded in the source: counts them, their events go on, dead letters to {@link DecodeFunction#DEAD_LETTERS}. */
public final class RouteDecodedFunction extends ProcessFunction<DecodedRecord, EventRecord> {
    private transient DecodedRouting routing;

    @Override
    public void open(OpenContext context) {
        routing = new DecodedRouting(new JobCounters(getRuntimeContext()));
    }

    @Override
    public void processElement(DecodedRecord record, Context context, Collector<EventRecord> out) {
        routing.route(record, letter -> context.output(DecodeFunction.DEAD_LETTERS, letter), out);
    }
}
