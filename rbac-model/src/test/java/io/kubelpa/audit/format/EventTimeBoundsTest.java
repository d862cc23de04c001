package io.kubelpa.audit.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelpa.audit.AuditEvent;
import io.kubelpa.audit.Timestamps;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Events at a time no log can hold are dead letters; the rest pass untouched. */
class EventTimeBoundsTest {
    private static final long NOW = Instant.parse("2026-12-07T00:00:00Z").toEpochMilli();
    private static final long WRITTEN = Instant.parse("2025-05-04T00:00:00Z").toEpochMilli();

    private static long micros(String time) {
        return Timestamps.parseMicros(time);
    }

    @Test
    void anEventBeforeKubernetesOrLaterThanItsRecordPlusTheSkewIsImplausible() {
        EventTimeBounds bounds = EventTimeBounds.DEFAULT;
        assertThat(bounds.implausible(micros("2014-06-05T23:59:59Z"), WRITTEN, NOW))
                .contains("before 2014-06-06T00:00:00Z");
        assertThat(bounds.implausible(micros("2014-06-06T00:00:00Z"), WRITTEN, NOW))
                .isNull();
        assertThat(bounds.implausible(micros("2025-05-04T01:00:00Z"), WRITTEN, NOW))
                .as("exactly the skew")
                .isNull();
        assertThat(bounds.implausible(micros("2025-05-04T01:00:00.000001Z"), WRITTEN, NOW))
                .contains("more than PT1H after its record was written (2025-05-04T00:00:00Z)");
        assertThat(bounds.implausible(micros("2400-01-01T00:00:00Z"), RawRecord.UNKNOWN_TIME, NOW))
                .as("unknown: now")
                .contains("2026-12-07T00:00:00Z");
        assertThat(bounds.implausible(micros("2027-01-01T00:00:00Z"), micros("2400-01-01T00:00:00Z") / 1000, NOW))
                .as("a record stamped in the future is held to now")
                .isNotNull();
        assertThat(new EventTimeBounds(EventTimeBounds.KUBERNETES_BEGAN_MICROS, Duration.ofSeconds(Long.MAX_VALUE / 2))
                        .implausible(Long.MAX_VALUE, WRITTEN, NOW))
                .as("a skew too large to add saturates")
                .isNull();
    }

    @Test
    void decodingMovesImplausibleEventsToDeadLettersAndKeepsTheRest() {
        String list = "{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"items\":["
                + event("a", "2025-05-03T10:00:00Z") + "," + event("b", "2400-01-01T00:00:00Z") + "]}";
        RecordDecoding decoding =
                new RecordDecoding(new AuditRecordDecoder(InputFormat.AUTO, null), EventTimeBounds.DEFAULT, () -> NOW);
        DecodeResult result = decoding.decode(
                new RawRecord("log:1", list.getBytes(StandardCharsets.UTF_8), RawRecord.DATA).writtenAt(WRITTEN));
        assertThat(result.events()).extracting(AuditEvent::auditID).containsExactly("a");
        assertThat(result.deadLetters())
                .extracting(DecodeResult.Outcome::reason)
                .containsExactly(EventTimeBounds.REASON);
        assertThat(result.deadLetters().get(0).detail())
                .startsWith("event time 2400-01-01T00:00:00Z is more than PT1H after");
    }

    private static String event(String auditID, String time) {
        return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\",\"auditID\":\"" + auditID
                + "\",\"stage\":\"ResponseComplete\",\"requestURI\":\"/api/v1/pods\",\"verb\":\"list\",\"user\":{\"username\":\"alice\"},"
                + "\"objectRef\":{\"resource\":\"pods\",\"apiVersion\":\"v1\"},\"responseStatus\":{\"code\":200},"
                + "\"requestReceivedTimestamp\":\"" + time + "\",\"stageTimestamp\":\"" + time + "\"}";
    }
}
