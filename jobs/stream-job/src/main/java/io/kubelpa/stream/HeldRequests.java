package io.kubelpa.stream;

import io.kubelpa.job.EventRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Undecided requests waiting for event time to reach them, at most {@code capacity}: per auditID the
 * stages received so far (the first of each), taken in the order they fall due. What does not fit
 * waits in keyed state instead, so the heap it takes is bounded whatever the stream's rate.
 */
public final class HeldRequests {
    private record Held(String auditID, List<EventRecord> stages, long dueMillis) {}

    private final int capacity;
    private final Map<String, Held> byAuditID = new HashMap<>();
    /** Entries replaced or removed stay here until they reach the head, where they are skipped. */
    private final PriorityQueue<Held> byDue = new PriorityQueue<>((a, b) -> Long.compare(a.dueMillis, b.dueMillis));

    public HeldRequests(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
        this.capacity = capacity;
    }

    /** The stages held of a request, or null when none is. */
    public List<EventRecord> get(String auditID) {
        Held held = byAuditID.get(auditID);
        return held == null ? null : held.stages;
    }

    /** Whether a request not held yet would fit. */
    public boolean hasRoom() {
        return byAuditID.size() < capacity;
    }

    /** Holds a request's stages until {@code dueMillis}, in place of what was held of it. */
    public void hold(String auditID, List<EventRecord> stages, long dueMillis) {
        Held held = new Held(auditID, List.copyOf(stages), dueMillis);
        Held replaced = byAuditID.put(auditID, held);
        if (replaced == null && byAuditID.size() > capacity) {
            byAuditID.remove(auditID);
            throw new IllegalStateException("no room to hold another request (capacity " + capacity + ")");
        }
        byDue.add(held);
        compactIfMostlyStale();
    }

    public void remove(String auditID) {
        byAuditID.remove(auditID);
        compactIfMostlyStale();
    }

    /** Removes and returns the stages of the requests due at or before {@code watermarkMillis}, earliest first. */
    public List<List<EventRecord>> takeDue(long watermarkMillis) {
        List<List<EventRecord>> due = new ArrayList<>();
        while (!byDue.isEmpty() && byDue.peek().dueMillis <= watermarkMillis) {
            Held held = byDue.poll();
            if (byAuditID.get(held.auditID) == held) {
                byAuditID.remove(held.auditID);
                due.add(held.stages);
            }
        }
        return due;
    }

    /** Every stage held, of every request. */
    public List<EventRecord> records() {
        return byAuditID.values().stream().flatMap(h -> h.stages.stream()).toList();
    }

    public int size() {
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
