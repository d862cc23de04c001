package io.kubelpa.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelpa.audit.Stage;
import io.kubelpa.job.DecodedRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Kafka messages decoded in the source: events, dead letters and skips, each located by topic, partition and offset. */
class AuditMessageDeserializerTest {
    private final AuditMessageDeserializer deserializer =
            new AuditMessageDeserializer(4096, io.kubelpa.audit.format.EventTimeBounds.DEFAULT);

    @BeforeEach
    void open() {
        deserializer.open(null);
    }

    static String event(String auditID, String stage, String time) {
        return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Request\",\"auditID\":\"" + auditID
                + "\",\"stage\":\"" + stage + "\",\"requestURI\":\"/api/v1/namespaces/a/pods\",\"verb\":\"list\","
                + "\"user\":{\"username\":\"alice\"},\"objectRef\":{\"resource\":\"pods\",\"namespace\":\"a\",\"apiVersion\":\"v1\"},"
                + "\"responseStatus\":{\"code\":200},\"requestReceivedTimestamp\":\"" + time
                + "\",\"stageTimestamp\":\"" + time + "\"}";
    }

    private DecodedRecord decode(int partition, long offset, byte[] value) {
        List<DecodedRecord> out = new ArrayList<>();
        deserializer.deserialize(new ConsumerRecord<>("audit", partition, offset, null, value), new Collector<>() {
            @Override
            public void collect(DecodedRecord record) {
                out.add(record);
            }

            @Override
            public void close() {}
        });
        assertThat(out).as("one decoded record per message").hasSize(1);
        return out.get(0);
    }

    @Test
    void anEventListGivesEachOfItsEventsAndTheirTimeSpan() {
        String list = "{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"items\":["
                + event("a1", "ResponseComplete", "2025-05-01T10:00:00Z") + ","
                + event("a2", "RequestReceived", "2025-05-01T09:00:00Z") + "]}";
        DecodedRecord record = decode(3, 17, list.getBytes(StandardCharsets.UTF_8));
        assertThat(record.location).isEqualTo("audit-3@17");
        assertThat(record.events).extracting(e -> e.auditID).containsExactly("a1", "a2");
        assertThat(record.events.get(1).stage()).isEqualTo(Stage.REQUEST_RECEIVED);
        assertThat(record.earliestEventMillis())
                .isEqualTo(java.time.Instant.parse("2025-05-01T09:00:00Z").toEpochMilli());
        assertThat(record.latestEventMillis())
                .isEqualTo(java.time.Instant.parse("2025-05-01T10:00:00Z").toEpochMilli());
        assertThat(record.deadLetters).isEmpty();
    }

    @Test
    void aNewlineDelimitedBatchGivesEveryEvent() {
        String batch = event("n1", "ResponseComplete", "2025-05-01T10:00:00Z") + "\n"
                + event("n2", "ResponseComplete", "2025-05-01T10:00:01Z") + "\n";
        DecodedRecord record = decode(1, 4, batch.getBytes(StandardCharsets.UTF_8));
        assertThat(record.events).extracting(e -> e.auditID).containsExactly("n1", "n2");
        assertThat(record.deadLetters).isEmpty();
    }

    @Test
    void oversizedMalformedAndEmptyMessagesAreAccountedForWithoutEventTime() {
        DecodedRecord oversized = decode(
                0,
                1,
                event("big", "ResponseComplete", "2025-05-01T10:00:00Z")
                        .repeat(20)
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(oversized.deadLetters)
                .extracting(d -> d.reason() + "@" + d.location())
                .containsExactly("oversized@audit-0@1");
        DecodedRecord notUtf8 =
                decode(0, 2, new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xc3, (byte) 0x28, '"', '}'});
        assertThat(notUtf8.deadLetters).hasSize(1);
        DecodedRecord tombstone = decode(0, 3, null);
        assertThat(tombstone.skipReasons).containsExactly("empty");
        for (DecodedRecord record : List.of(oversized, notUtf8, tombstone)) {
            assertThat(record.events).isEmpty();
            assertThat(record.earliestEventMillis()).isEqualTo(Long.MIN_VALUE);
            assertThat(record.latestEventMillis()).isEqualTo(Long.MIN_VALUE);
        }
    }
}
