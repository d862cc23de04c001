package io.kubelpa.findings;

import io.kubelpa.usage.UsageCounters;
import java.time.Duration;

/** What a review's window holds as evidence: its span, the time the logs really cover, and how degraded they are. */
public record WindowEvidence(ObservationWindow window, Duration covered, EvidenceQuality quality) {
    public static WindowEvidence of(UsageCounters counters) {
        ObservationWindow window = ObservationWindow.of(counters);
        Duration covered = window.isEmpty()
                ? Duration.ZERO
                : Duration.ofSeconds(counters.coverage().coveredSeconds(window.fromMicros(), window.toMicros()));
        return new WindowEvidence(window, covered, EvidenceQuality.of(counters));
    }
}
