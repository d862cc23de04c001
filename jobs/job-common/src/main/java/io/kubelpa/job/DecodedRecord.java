package io.kubelpa.job;

import io.kubelpa.audit.AuditEvent;
import io.kubelpa.audit.format.DecodeResult;
import io.kubelpa.usage.RbacChange;
import io.kubelpa.usage.UsageReport.DeadLetter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * One raw record after decoding: its events, ready to travel, and what could not be used (dead
 * letters, skips), with the record's location. The streaming job decodes in its Kafka source, so that
 * event time is tracked per partition from these.
 */
public final class DecodedRecord {
    public static final TypeInformation<DecodedRecord> TYPE = Types.POJO(
            DecodedRecord.class,
            Map.of(
                    "location", Types.STRING,
                    "events", Types.LIST(Types.POJO(EventRecord.class)),
                    "deadLetters", Types.LIST(Types.POJO(DeadLetter.class)),
                    "skipReasons", Types.LIST(Types.STRING)));

    public String location;
    public List<EventRecord> events;
    public List<DeadLetter> deadLetters;
    public List<String> skipReasons;

    public DecodedRecord() {}

    public static DecodedRecord of(String location, DecodeResult result) {
        DecodedRecord decoded = new DecodedRecord();
        decoded.location = location;
        decoded.events = new ArrayList<>(result.events().size());
        for (AuditEvent event : result.events()) {
            // A RequestReceived record only matters when no later stage arrives; it travels small.
            AuditEvent travelling = event.stage().carriesOutcome() ? event : event.withoutDetails();
            decoded.events.add(EventRecord.of(travelling, RbacChange.isRbacWrite(event)));
        }
        decoded.deadLetters = new ArrayList<>(result.deadLetters().size());
        for (DecodeResult.Outcome rejected : result.deadLetters()) {
            decoded.deadLetters.add(new DeadLetter(location, rejected.reason(), rejected.detail()));
        }
        decoded.skipReasons = new ArrayList<>(result.skipped().size());
        for (DecodeResult.Outcome skipped : result.skipped()) {
            decoded.skipReasons.add(skipped.reason());
        }
        return decoded;
    }

    /** Event time of the earliest event, milliseconds; {@link TimestampAssigner#NO_TIMESTAMP} when there is none. */
    public long earliestEventMillis() {
        long earliest = Long.MAX_VALUE;
        for (EventRecord event : events) {
            earliest = Math.min(earliest, event.timeMicros / 1000);
        }
        return events.isEmpty() ? TimestampAssigner.NO_TIMESTAMP : earliest;
    }

    /** Event time of the latest event, milliseconds; {@link TimestampAssigner#NO_TIMESTAMP} when there is none. */
    public long latestEventMillis() {
        long latest = TimestampAssigner.NO_TIMESTAMP;
        for (EventRecord event : events) {
            latest = Math.max(latest, event.timeMicros / 1000);
        }
        return latest;
    }
}
