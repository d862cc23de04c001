package io.kubelpa.audit.format;

import io.kubelpa.audit.AuditEvent;
import io.kubelpa.audit.Outcome;
import java.util.ArrayList;
import java.util.List;

/**
 * What one input record held: audit events, records skipped on purpose (with the reason), and
 * dead letters (malformed input, with reason and detail). Every record ends up in exactly these.
 */
public final class DecodeResult {
    private final List<AuditEvent> events = new ArrayList<>();
    private final List<Outcome> skipped = new ArrayList<>();
    private final List<Outcome> deadLetters = new ArrayList<>();
    private String format;

    public List<AuditEvent> events() {
        return events;
    }

    public List<Outcome> skipped() {
        return skipped;
    }

    public List<Outcome> deadLetters() {
        return deadLetters;
    }

    /** The shape of the record's outermost layer (event, event-list, gke, ...); null when none was recognised. */
    public String format() {
        return format;
    }

    /** Notes the shape of a layer; the first noted, the outermost, is the record's. */
    void format(String shape) {
        if (format == null) {
            format = shape;
        }
    }

    void event(AuditEvent event) {
        events.add(event);
    }

    void skip(String reason, String detail) {
        skipped.add(new Outcome(reason, detail));
    }

    void reject(String reason, String detail) {
        deadLetters.add(new Outcome(reason, detail));
    }

    /** A reason code (stable, for counters) and a human-readable detail. */
    public record Outcome(String reason, String detail) {}
}
