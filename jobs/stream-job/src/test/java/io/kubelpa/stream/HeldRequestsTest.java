package io.kubelpa.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubelpa.job.EventRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeldRequestsTest {
    private static EventRecord record(String auditID, int stage) {
        EventRecord record = new EventRecord();
        record.auditID = auditID;
        record.stage = stage;
        return record;
    }

    /** Each request taken, as its stages "id/stage+stage". */
    private static List<String> ids(List<List<EventRecord>> requests) {
        return requests.stream()
                .map(stages -> stages.get(0).auditID + "/"
                        + String.join(
                                "+",
                                stages.stream()
                                        .map(r -> String.valueOf(r.stage))
                                        .toList()))
                .toList();
    }

    private static void hold(HeldRequests held, long dueMillis, EventRecord... stages) {
        held.hold(stages[0].auditID, List.of(stages), dueMillis);
    }

    @Test
    void requestsComeDueInTheirOrderNotTheOrderTheyArrived() {
        HeldRequests held = new HeldRequests(10);
        hold(held, 300, record("c", 2));
        hold(held, 100, record("a", 2));
        hold(held, 200, record("b", 2));

        assertThat(ids(held.takeDue(99))).isEmpty();
        assertThat(ids(held.takeDue(200))).containsExactly("a/2", "b/2");
        assertThat(held.size()).isEqualTo(1);
        assertThat(ids(held.takeDue(Long.MAX_VALUE))).containsExactly("c/2");
    }

    @Test
    void aRequestHeldAgainWithMoreStagesComesDueOnceAtItsNewTime() {
        HeldRequests held = new HeldRequests(1);
        hold(held, 600, record("a", 0));
        hold(held, 100, record("a", 0), record("a", 2));

        assertThat(held.size()).isEqualTo(1);
        assertThat(held.get("a")).extracting(r -> r.stage).containsExactly(0, 2);
        assertThat(ids(held.takeDue(100))).containsExactly("a/0+2");
        assertThat(ids(held.takeDue(Long.MAX_VALUE)))
                .as("what it replaced never comes due")
                .isEmpty();
    }

    @Test
    void itHoldsNoMoreThanItsCapacity() {
        HeldRequests held = new HeldRequests(2);
        hold(held, 1, record("a", 2));
        hold(held, 2, record("b", 2));

        assertThat(held.hasRoom()).isFalse();
        assertThatThrownBy(() -> hold(held, 3, record("c", 2))).isInstanceOf(IllegalStateException.class);
        assertThat(held.get("c")).isNull();
        held.remove("a");
        assertThat(held.hasRoom()).isTrue();
        assertThat(ids(held.takeDue(Long.MAX_VALUE))).containsExactly("b/2");
    }

    @Test
    void replacingOverAndOverKeepsTheQueueBounded() {
        HeldRequests held = new HeldRequests(1);
        for (int i = 0; i < 10_000; i++) {
            hold(held, 1_000_000 - i, record("a", i % 3));
        }
        assertThat(held.records()).hasSize(1);
        assertThat(ids(held.takeDue(Long.MAX_VALUE))).containsExactly("a/0");
    }
}
