package io.kubelpa.job;

import io.kubelpa.audit.format.AuditRecordDecoder;
import io.kubelpa.audit.format.EventTimeBounds;
import io.kubelpa.audit.format.InputFormat;
import io.kubelpa.audit.format.RawRecord;
import io.kubelpa.audit.format.RecordDecoding;
import io.kubelpa.usage.UsageReport.DeadLetter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Decodes raw records into events; what cannot be used goes to the dead-letter side output, counted. */
public final class DecodeFunction extends ProcessFunction<RawRecord, EventRecord> {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private final InputFormat format;
    private final String payloadField;
    private transient RecordDecoding decoding;
    private final EventTimeBounds bounds;
    private transient JobCounters counters;
    private transient DecodedRouting routing;

    public DecodeFunction(InputFormat format, String payloadField, EventTimeBounds bounds) {
        this.format = format;
        this.payloadField = payloadField;
        this.bounds = bounds;
    }

    @Override
    public void open(OpenContext context) {
        decoding = new RecordDecoding(new AuditRecordDecoder(format, payloadField), bounds, System::currentTimeMillis);
        counters = new JobCounters(getRuntimeContext());
        routing = new DecodedRouting(counters);
    }

    @Override
    public void processElement(RawRecord record, Context context, Collector<EventRecord> out) {
        if (record.kind == RawRecord.END_OF_PART) {
            counters.partDone();
            return;
        }
        routing.route(
                DecodedRecord.of(record.location, decoding.decode(record)),
                letter -> context.output(DEAD_LETTERS, letter),
                out);
    }
}
