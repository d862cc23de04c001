package io.kubelpa.audit.format;

/**
 * One record as read from a log, before decoding: where it came from, its bytes, and how to read
 * them. Public fields with a no-argument constructor, so distributed jobs can pass it without a
 * general-purpose serializer.
 */
public final class RawRecord {
    /** JSON, text or base64 record. */
    public static final int DATA = 0;
    /** A row of the CSV projection. */
    public static final int CSV_ROW = 1;
    /** Over the size limit: no bytes kept. */
    public static final int OVERSIZED = 2;
    /** Not a record: the end of one file or byte range of a bounded read, for progress; no bytes. */
    public static final int END_OF_PART = 3;
    /** Not a record: the file could not be read (on), the reason as the bytes ({@link ReadFault}). */
    public static final int UNREADABLE = 4;
    /** {@link #writtenMillis} when the source does not tell. */
    public static final long UNKNOWN_TIME = Long.MIN_VALUE;

    public String location;
    public byte[] bytes;
    public int kind;
    /** When the record was written (a message's broker timestamp, a file's modification time), epoch ms. */
    public long writtenMillis = UNKNOWN_TIME;

    public RawRecord() {}

    public RawRecord(String location, byte[] bytes, int kind) {
        this.location = location;
        this.bytes = bytes;
        this.kind = kind;
    }

    /** This record, known to have been written at {@code millis}. */
    public RawRecord writtenAt(long millis) {
        this.writtenMillis = millis;
        return this;
    }
}
