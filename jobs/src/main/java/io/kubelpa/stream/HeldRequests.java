package io.kubelpa.stream;

import io.kubelpa.job.EventRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Undecided requests waiting for event time to reach them, at most {@code capacity}: one record per
 * auditID (a better stage replaces the one held), taken in the order they fall due. What does not
 * fit waits in keyed state instead, so the heap it takes is bounded whatever the stream's rate.
 */
final class HeldRequests {
    private record Held(EventRecord record, long dueMillis) {}

    private final int capacity;
    private final Map<String, Held> byAuditID = new HashMap<>();
    /** Entries replaced or removed stay here until they reach the head, where they are skipped. */
    private final PriorityQueue<Held> byDue = new PriorityQueue<>((a, b) -> Long.compare(a.dueMillis, b.dueMillis));

    HeldRequests(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
        this.capacity = capacity;
    }

    EventRecord get(String auditID) {
        Held held = byAuditID.get(auditID);
        return held == null ? null : held.record;
    }

    /** Whether a request not held yet would fit. */
    boolean hasRoom() {
        return byAuditID.size() < capacity;
    }

    /** Holds the record until {@code dueMillis}, in place of any record of the same request. */
    void hold(EventRecord record, long dueMillis) {
        Held held = new Held(record, dueMillis);
        Held replaced = byAuditID.put(record.auditID, held);
        if (replaced == null && byAuditID.size() > capacity) {
            byAuditID.remove(record.auditID);
            throw new IllegalStateException("no room to hold another request (capacity " + capacity + ")");
        }
        byDue.add(held);
        compactIfMostlyStale();
    }

    void remove(String auditID) {
        byAuditID.remove(auditID);
        compactIfMostlyStale();
    }

    /** Removes and returns the records due at or before {@code watermarkMillis}, earliest first. */
    List<EventRecord> takeDue(long watermarkMillis) {
        List<EventRecord> due = new ArrayList<>();
        while (!byDue.isEmpty() && byDue.peek().dueMillis <= watermarkMillis) {
            Held held = byDue.poll();
            if (byAuditID.get(held.record.auditID) == held) {
                byAuditID.remove(held.record.auditID);
                due.add(held.record);
            }
        }
        return due;
    }

    List<EventRecord> records() {
        return byAuditID.values().stream().map(Held::record).toList();
    }

    int size() {
        return byAuditID.size();
    }

    /** Keeps the queue within twice the live entries, so replacements cannot grow it without bound. */
    private void compactIfMostlyStale() {
        if (byDue.size() > 2 * byAuditID.size() + 16) {
            byDue.clear();
            byDue.addAll(byAuditID.values());
        }
    }
}
