package io.kubelpa.analyze;

import io.kubelpa.audit.Stage;
import io.kubelpa.audit.StageRule;
import io.kubelpa.job.EventRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of one request (auditID) met so far, one per stage. When a stage comes again (a
 * redelivery, or a reused auditID) the record that {@link EventRecord#precedes precedes} stays, so
 * which one stays depends neither on the order the records come in nor on how they were grouped:
 * parts of a request gathered in different tasks merge into what one task would have gathered.
 */
public final class RequestStages {
    private static final int STAGES = Stage.values().length;
    private static final byte[] NO_EVENT = new byte[0];

    private final String auditID;
    private final EventRecord[] byStage = new EventRecord[STAGES];

    public RequestStages(String auditID) {
        this.auditID = auditID;
    }

    public String auditID() {
        return auditID;
    }

    /** Adds a record of this request; true when its stage had been met already (a duplicate). */
    public boolean add(EventRecord record) {
        if (!auditID.equals(record.auditID)) {
            throw new IllegalArgumentException("a record of request " + record.auditID + " added to " + auditID);
        }
        EventRecord known = byStage[record.stage];
        if (known == null) {
            byStage[record.stage] = record;
            return false;
        }
        if (record.precedes(known)) {
            byStage[record.stage] = record;
        }
        return true;
    }

    /** Adds the records of another part of this request; how many of them were duplicates. */
    public int addAll(RequestStages other) {
        int duplicates = 0;
        for (EventRecord record : other.byStage) {
            if (record != null && add(record)) {
                duplicates++;
            }
        }
        return duplicates;
    }

    /**
     * These stages with the event dropped from each record that can no longer decide the request (see
     * {@link StageRule#outranked}): its stage and time still take part in deciding, its event never would.
     * Most requests then cross the exchange with one event instead of two or three.
     */
    public RequestStages withoutOutrankedEvents(StageRule rule) {
        RequestStages lean = new RequestStages(auditID);
        for (int stage = 0; stage < STAGES; stage++) {
            EventRecord record = byStage[stage];
            lean.byStage[stage] = record != null && outranked(record, rule) ? withoutEvent(record) : record;
        }
        return lean;
    }

    private boolean outranked(EventRecord record, StageRule rule) {
        for (EventRecord other : byStage) {
            if (other != null
                    && other.stage().isFinal()
                    && rule.outranked(record.stage(), record.timeMicros, other.timeMicros)) {
                return true;
            }
        }
        return false;
    }

    private static EventRecord withoutEvent(EventRecord record) {
        EventRecord lean = new EventRecord();
        lean.auditID = record.auditID;
        lean.stage = record.stage;
        lean.rbacWrite = record.rbacWrite;
        lean.timeMicros = record.timeMicros;
        lean.event = NO_EVENT;
        return lean;
    }

    /** Whether {@code record} is one whose event was dropped: it must never decide a request. */
    public static boolean eventDropped(EventRecord record) {
        return record.event.length == 0;
    }

    /** The records kept, in stage order. */
    public List<EventRecord> records() {
        List<EventRecord> records = new ArrayList<>(STAGES);
        for (EventRecord record : byStage) {
            if (record != null) {
                records.add(record);
            }
        }
        return records;
    }
}
