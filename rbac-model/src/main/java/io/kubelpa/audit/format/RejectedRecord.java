package io.kubelpa.audit.format;

/** Signals, inside the decoder, that a record is malformed; it becomes a dead letter, never a crash. */
final class RejectedRecord extends Exception {
    private final String reason;

    RejectedRecord(String reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }
}
