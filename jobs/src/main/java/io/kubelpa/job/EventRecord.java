package io.kubelpa.job;

import io.kubelpa.audit.AuditEvent;
import io.kubelpa.audit.AuditEventCodec;

/** An audit event between operators: the keys operators need, and the event in its compact form. */
public final class EventRecord {
    public String auditID;
    public String username;
    /** The {@link io.kubelpa.audit.Stage} ordinal. */
    public int stage;
    public long timeMicros;
    public boolean rbacWrite;
    public byte[] event;

    public EventRecord() {}

    static EventRecord of(AuditEvent event, boolean rbacWrite) {
        EventRecord record = new EventRecord();
        record.auditID = event.auditID();
        record.username = event.effectiveUser().name();
        record.stage = event.stage().ordinal();
        record.timeMicros = event.timeMicros();
        record.rbacWrite = rbacWrite;
        record.event = AuditEventCodec.encode(event);
        return record;
    }

    public AuditEvent event() {
        return AuditEventCodec.decode(event);
    }
}
