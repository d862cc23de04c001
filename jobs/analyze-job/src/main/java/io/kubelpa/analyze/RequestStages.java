package io.kubelpa.analyze;

import io.kubelpa.audit.Stage;
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
