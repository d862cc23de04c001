package io.kubelpa.audit.format;

import java.util.function.LongSupplier;

/**
 * Decodes a {@link RawRecord} with the decoder its kind needs; events at an implausible time
 * ({@link EventTimeBounds}) become dead letters.
 */
public final class RecordDecoding {
    private final AuditRecordDecoder decoder;
    private final CsvProjectionDecoder csv = new CsvProjectionDecoder();
    private final EventTimeBounds bounds;
    private final LongSupplier clock;

    public RecordDecoding(AuditRecordDecoder decoder) {
        this(decoder, EventTimeBounds.DEFAULT, System::currentTimeMillis);
    }

    public RecordDecoding(AuditRecordDecoder decoder, EventTimeBounds bounds, LongSupplier clock) {
        this.decoder = decoder;
        this.bounds = bounds;
        this.clock = clock;
    }

    public DecodeResult decode(RawRecord record) {
        DecodeResult result = decodeAll(record);
        if (!result.events().isEmpty()) {
            bounds.screen(result, record.writtenMillis, clock.getAsLong());
        }
        return result;
    }

    private DecodeResult decodeAll(RawRecord record) {
        return switch (record.kind) {
            case RawRecord.CSV_ROW -> csv.decode(new String(record.bytes, java.nio.charset.StandardCharsets.UTF_8));
            case RawRecord.UNREADABLE -> {
                DecodeResult result = new DecodeResult();
                result.reject(ReadFault.REASON, new String(record.bytes, java.nio.charset.StandardCharsets.UTF_8));
                yield result;
            }
            case RawRecord.OVERSIZED -> {
                DecodeResult result = new DecodeResult();
                result.reject("oversized", "record over the size limit; its bytes were not kept");
                yield result;
            }
            default -> decoder.decode(record.bytes);
        };
    }
}
