package io.kubelpa.stream;

import io.kubelpa.audit.AuditEvent;
import io.kubelpa.audit.AuditLogReader;
import io.kubelpa.audit.AuditRecordDecoder;
import io.kubelpa.audit.AuditRecordCursor;
import io.kubelpa.audit.RawRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The sample cluster's audit records, one Kafka message each, in the order a live pipeline would
 * send them: by the time of their first event (the files hold different days and shapes).
 */
final class SampleMessages {
    static final Path SAMPLES = Path.of("../sample-audit-logs");

    private SampleMessages() {}

    static List<byte[]> all() throws Exception {
        AuditRecordDecoder decoder = new AuditRecordDecoder();
        List<Timed> timed = new ArrayList<>();
        for (Path file : AuditLogReader.files(List.of(SAMPLES.resolve("audit")))) {
            try (AuditRecordCursor cursor = new AuditRecordCursor(file.toString(), Files.newInputStream(file))) {
                for (RawRecord record = cursor.next(); record != null; record = cursor.next()) {
                    byte[] bytes = record.bytes == null ? new byte[0] : record.bytes;
                    long first = decoder.decode(bytes).events().stream().mapToLong(AuditEvent::timeMicros).min().orElse(Long.MIN_VALUE);
                    timed.add(new Timed(first, timed.size(), bytes));
                }
            }
        }
        timed.sort(Comparator.comparingLong(Timed::time).thenComparingInt(Timed::index));
        return timed.stream().map(Timed::bytes).toList();
    }

    private record Timed(long time, int index, byte[] bytes) {}
}
