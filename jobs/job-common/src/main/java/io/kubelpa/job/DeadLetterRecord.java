package io.kubelpa.job;

/** A record that could not be used: where it was, why, and a one-line detail. Never the record's content. */
public final class DeadLetterRecord {
    public String location;
    public String reason;
    public String detail;

    public DeadLetterRecord() {}

    public DeadLetterRecord(String location, String reason, String detail) {
        this.location = location;
        this.reason = reason;
        this.detail = detail;
    }
}
