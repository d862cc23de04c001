package io.kubelpa.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestDeduplicatorTest {
    private record Seen(String label, Stage stage, long micros) {
        Seen(String label, Stage stage) {
            this(label, stage, 1_000_000);
        }

        byte[] bytes() {
            return label.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static final StageRule TEN_MINUTES = StageRule.of(StageRule.DEFAULT_STAGE_WAIT);

    @Test
    void keepsTheStageWithTheOutcomeAndRecognisesRedeliveries() {
        RequestDeduplicator<Seen> requests =
                new RequestDeduplicator<>(Seen::stage, Seen::micros, Seen::bytes, TEN_MINUTES);
        assertThat(requests.accept("a", new Seen("a-received", Stage.REQUEST_RECEIVED)))
                .isTrue();
        assertThat(requests.accept("a", new Seen("a-complete", Stage.RESPONSE_COMPLETE)))
                .isTrue();
        assertThat(requests.accept("a", new Seen("a-started", Stage.RESPONSE_STARTED)))
                .as("a lower stage is still new")
                .isTrue();
        assertThat(requests.accept("a", new Seen("a-complete-again", Stage.RESPONSE_COMPLETE)))
                .isFalse();
        assertThat(requests.accept("b", new Seen("b-received", Stage.REQUEST_RECEIVED)))
                .isTrue();
        assertThat(requests.requests()).extracting(Seen::label).containsExactlyInAnyOrder("a-complete", "b-received");
        requests.clear();
        assertThat(requests.requests()).isEmpty();
    }

    @Test
    void aReusedAuditIdKeepsTheSameRecordWhateverTheOrder() {
        List<Seen> reused = List.of(
                new Seen("get-later", Stage.RESPONSE_COMPLETE, 9_000_000),
                new Seen("update-first", Stage.RESPONSE_COMPLETE, 2_000_000),
                new Seen("get-same-time-b", Stage.RESPONSE_COMPLETE, 2_000_000),
                new Seen("list-after", Stage.RESPONSE_COMPLETE, 5_000_000));
        for (int rotation = 0; rotation < reused.size(); rotation++) {
            List<Seen> order = new java.util.ArrayList<>(reused);
            java.util.Collections.rotate(order, rotation);
            List<Seen> reversed = new java.util.ArrayList<>(order);
            java.util.Collections.reverse(reversed);
            for (List<Seen> arrival : List.of(order, reversed)) {
                RequestDeduplicator<Seen> requests =
                        new RequestDeduplicator<>(Seen::stage, Seen::micros, Seen::bytes, TEN_MINUTES);
                arrival.forEach(seen -> requests.accept("abcde12345", seen));
                assertThat(requests.requests()).extracting(Seen::label).containsExactly("get-same-time-b");
            }
        }
    }

    @Test
    void ofAResponseCompleteAndAPanicInOneMillisecondTheResponseCompleteDecidesWhicheverCameFirst() {
        Seen complete = new Seen("complete", Stage.RESPONSE_COMPLETE, 7_000_100);
        Seen panic = new Seen("panic", Stage.PANIC, 7_000_900);
        for (List<Seen> arrival : List.of(List.of(complete, panic), List.of(panic, complete))) {
            RequestDeduplicator<Seen> requests =
                    new RequestDeduplicator<>(Seen::stage, Seen::micros, Seen::bytes, TEN_MINUTES);
            arrival.forEach(seen -> requests.accept("p", seen));
            assertThat(requests.requests()).extracting(Seen::label).containsExactly("complete");
        }
    }

    @Test
    void aWatchThatOutlivesTheStageWaitIsDecidedByItsStartWhateverOrderItsStagesCameIn() {
        long minute = 60_000_000L;
        RequestDeduplicator<Seen> requests =
                new RequestDeduplicator<>(Seen::stage, Seen::micros, Seen::bytes, TEN_MINUTES);
        requests.accept("w", new Seen("w-complete", Stage.RESPONSE_COMPLETE, 31 * minute));
        requests.accept("w", new Seen("w-started", Stage.RESPONSE_STARTED, 3_000));
        requests.accept("w", new Seen("w-received", Stage.REQUEST_RECEIVED, 0));
        requests.accept("s", new Seen("s-received", Stage.REQUEST_RECEIVED, 0));
        requests.accept("s", new Seen("s-complete", Stage.RESPONSE_COMPLETE, 10 * minute));
        requests.accept("l", new Seen("l-received", Stage.REQUEST_RECEIVED, 0));
        requests.accept("l", new Seen("l-complete", Stage.RESPONSE_COMPLETE, 10 * minute + 1000));
        requests.accept("c", new Seen("c-received", Stage.REQUEST_RECEIVED, 0));
        requests.accept("c", new Seen("c-started", Stage.RESPONSE_STARTED, 9 * minute));
        requests.accept("c", new Seen("c-complete", Stage.RESPONSE_COMPLETE, 18 * minute));
        assertThat(requests.requests())
                .extracting(Seen::label)
                .as("each stage due extends the wait: c chains to its end")
                .containsExactlyInAnyOrder("w-started", "s-complete", "l-received", "c-complete");
    }
}
