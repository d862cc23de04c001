package io.kubelpa.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestDeduplicatorTest {
    private record Seen(String label, Stage stage) {}

    @Test
    void keepsTheStageWithTheOutcomeAndRecognisesRedeliveries() {
        RequestDeduplicator<Seen> requests = new RequestDeduplicator<>(Seen::stage);
        assertThat(requests.accept("a", new Seen("a-received", Stage.REQUEST_RECEIVED))).isTrue();
        assertThat(requests.accept("a", new Seen("a-complete", Stage.RESPONSE_COMPLETE))).isTrue();
        assertThat(requests.accept("a", new Seen("a-started", Stage.RESPONSE_STARTED))).as("a lower stage is still new").isTrue();
        assertThat(requests.accept("a", new Seen("a-complete-again", Stage.RESPONSE_COMPLETE))).isFalse();
        assertThat(requests.accept("b", new Seen("b-received", Stage.REQUEST_RECEIVED))).isTrue();
        assertThat(requests.requests()).extracting(Seen::label).containsExactlyInAnyOrder("a-complete", "b-received");
        requests.clear();
        assertThat(requests.requests()).isEmpty();
    }
}
