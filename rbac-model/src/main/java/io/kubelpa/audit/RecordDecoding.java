package io.kubelpa.audit;

/** Decodes a {@link RawRecord} with the decoder its kind needs. */
public final class RecordDecoding {
    private final AuditRecordDecoder decoder;
    private final CsvProjectionDecoder csv = new CsvProjectionDecoder();

    public RecordDecoding(AuditRecordDecoder decoder) {
        this.decoder = decoder;
    }

    public DecodeResult decode(RawRecord record) {
        return switch (record.kind) {
            case RawRecord.CSV_ROW -> csv.decode(new String(record.bytes, java.nio.charset.StandardCharsets.UTF_8));
            case RawRecord.OVERSIZED -> {
                DecodeResult result = new DecodeResult();
                result.reject("oversized", "record over the size limit; its bytes were not kept");
                yield result;
            }
            default -> decoder.decode(record.bytes);
        };
    }
}
