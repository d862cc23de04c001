package io.kubelpa.job;

import io.kubelpa.audit.AuditEvent;
import io.kubelpa.audit.AuditRecordDecoder;
import io.kubelpa.audit.DecodeResult;
import io.kubelpa.audit.InputFormat;
import io.kubelpa.audit.RawRecord;
import io.kubelpa.audit.RecordDecoding;
import io.kubelpa.usage.RbacChange;
import io.kubelpa.usage.TimeRange;
import io.kubelpa.usage.UsageCounters;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Decodes raw records into events; what cannot be used goes to the dead-letter side output, counted. */
public final class DecodeFunction extends ProcessFunction<RawRecord, EventRecord> {
    public static final OutputTag<DeadLetterRecord> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private final InputFormat format;
    private final String payloadField;
    private final TimeRange range;
    private transient RecordDecoding decoding;
    private transient JobCounters counters;

    public DecodeFunction(InputFormat format, String payloadField, TimeRange range) {
        this.format = format;
        this.payloadField = payloadField;
        this.range = range;
    }

    @Override
    public void open(OpenContext context) {
        decoding = new RecordDecoding(new AuditRecordDecoder(format, payloadField));
        counters = new JobCounters(getRuntimeContext());
    }

    @Override
    public void processElement(RawRecord record, Context context, Collector<EventRecord> out) {
        if (record.kind == RawRecord.END_OF_PART) {
            counters.partDone();
            return;
        }
        DecodeResult result = decoding.decode(record);
        counters.increment(UsageCounters.RECORDS);
        for (DecodeResult.Outcome skipped : result.skipped()) {
            counters.increment(UsageCounters.SKIPPED);
            counters.increment(UsageCounters.SKIPPED + "." + skipped.reason());
        }
        for (DecodeResult.Outcome rejected : result.deadLetters()) {
            counters.increment(UsageCounters.DEAD_LETTERED);
            counters.increment(UsageCounters.DEAD_LETTERED + "." + rejected.reason());
            context.output(DEAD_LETTERS, new DeadLetterRecord(record.location, rejected.reason(), rejected.detail()));
        }
        for (AuditEvent event : result.events()) {
            counters.increment(UsageCounters.EVENTS);
            if (!range.contains(event.timeMicros())) {
                counters.increment(UsageCounters.OUTSIDE_RANGE);
                continue;
            }
            // A RequestReceived record only matters when no later stage arrives; it travels small.
            AuditEvent travelling = event.stage().carriesOutcome() ? event : event.withoutDetails();
            out.collect(EventRecord.of(travelling, RbacChange.isRbacWrite(event)));
        }
    }
}
