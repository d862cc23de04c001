package io.kubelpa.stream;

/** A finding for the compacted findings topic: its identity, and its JSON, or null when it cleared (a tombstone). */
public final class FindingRecord {
    public String key;
    public String json;

    public FindingRecord() {}

    FindingRecord(String key, String json) {
        this.key = key;
        this.json = json;
    }
}
