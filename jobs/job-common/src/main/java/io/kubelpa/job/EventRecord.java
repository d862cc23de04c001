package io.kubelpa.job;

import io.kubelpa.audit.AuditEvent;
import io.kubelpa.audit.Redeliveries;
import io.kubelpa.audit.Stage;
import io.kubelpa.audit.format.AuditEventCodec;

/** An audit event between operators: the keys operators need, and the event in its compact form. */
public final class EventRecord {
    public String auditID;
    /** The {@link io.kubelpa.audit.Stage} ordinal. */
    public int stage;

    public boolean rbacWrite;
    /** Event time (stageTimestamp), microseconds since the epoch. */
    public long timeMicros;

    public byte[] event;

    public EventRecord() {}

    static EventRecord of(AuditEvent event, boolean rbacWrite) {
        EventRecord record = new EventRecord();
        record.auditID = event.auditID();
        record.stage = event.stage().ordinal();
        record.rbacWrite = rbacWrite;
        record.timeMicros = event.timeMicros();
        record.event = AuditEventCodec.encode(event);
        return record;
    }

    /** Whether this record stays rather than {@code other} of the same auditID and stage ({@link Redeliveries}). */
    public boolean precedes(EventRecord other) {
        return Redeliveries.precedes(timeMicros, event, other.timeMicros, other.event);
    }

    /** The stage, for deduplication. */
    public Stage stage() {
        return Stage.values()[stage];
    }

    public AuditEvent event() {
        return AuditEventCodec.decode(event);
    }
}
