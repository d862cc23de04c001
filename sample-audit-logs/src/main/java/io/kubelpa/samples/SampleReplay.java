package io.kubelpa.samples;

import io.kubelpa.audit.AuditEvent;
import io.kubelpa.audit.format.AuditLogReader;
import io.kubelpa.audit.format.AuditRecordCursor;
import io.kubelpa.audit.format.AuditRecordDecoder;
import io.kubelpa.audit.format.RawRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Audit log files as the messages a live pipeline would have sent: one per record (a line, an
 * EventList, a shipper envelope), in the order of their first event's time, whatever file they are in.
 */
public final class SampleReplay {
    private SampleReplay() {}

    /** A message and the event time it carries (of its first event; none for an unreadable record). */
    public record Message(long timeMicros, byte[] bytes) {}

    public static List<Message> messages(Path auditDirectory) throws IOException {
        AuditRecordDecoder decoder = new AuditRecordDecoder();
        List<Message> messages = new ArrayList<>();
        for (Path file : AuditLogReader.files(List.of(auditDirectory))) {
            try (AuditRecordCursor cursor = new AuditRecordCursor(file.toString(), Files.newInputStream(file))) {
                for (RawRecord record = cursor.next(); record != null; record = cursor.next()) {
                    byte[] bytes = record.bytes == null ? new byte[0] : record.bytes;
                    long first = decoder.decode(bytes).events().stream()
                            .mapToLong(AuditEvent::timeMicros)
                            .min()
                            .orElse(Long.MIN_VALUE);
                    messages.add(new Message(first, bytes));
                }
            }
        }
        messages.sort(Comparator.comparingLong(Message::timeMicros));
        return messages;
    }
}
