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

    private static List<String> ids(List<EventRecord> records) {
        return records.stream().map(r -> r.auditID + "/" + r.stage).toList();
    }

    @Test
    void requestsComeDueInTheirOrderNotTheOrderTheyArrived() {
        HeldRequests held = new HeldRequests(10);
        held.hold(record("c", 2), 300);
        held.hold(record("a", 2), 100);
        held.hold(record("b", 2), 200);

        assertThat(ids(held.takeDue(99))).isEmpty();
        assertThat(ids(held.takeDue(200))).containsExactly("a/2", "b/2");
        assertThat(held.size()).isEqualTo(1);
        assertThat(ids(held.takeDue(Long.MAX_VALUE))).containsExactly("c/2");
    }

    @Test
    void aBetterStageReplacesTheHeldOneAndComesDueAtItsOwnTime() {
        HeldRequests held = new HeldRequests(1);
        held.hold(record("a", 0), 600);
        held.hold(record("a", 2), 100);

        assertThat(held.size()).isEqualTo(1);
        assertThat(held.get("a").stage).isEqualTo(2);
        assertThat(ids(held.takeDue(100))).containsExactly("a/2");
        assertThat(ids(held.takeDue(Long.MAX_VALUE))).as("the replaced stage never comes due").isEmpty();
    }

    @Test
    void itHoldsNoMoreThanItsCapacity() {
        HeldRequests held = new HeldRequests(2);
        held.hold(record("a", 2), 1);
        held.hold(record("b", 2), 2);

        assertThat(held.hasRoom()).isFalse();
        assertThatThrownBy(() -> held.hold(record("c", 2), 3)).isInstanceOf(IllegalStateException.class);
        assertThat(held.get("c")).isNull();
        held.remove("a");
        assertThat(held.hasRoom()).isTrue();
        assertThat(ids(held.takeDue(Long.MAX_VALUE))).containsExactly("b/2");
    }

    @Test
    void replacingOverAndOverKeepsTheQueueBounded() {
        HeldRequests held = new HeldRequests(1);
        for (int i = 0; i < 10_000; i++) {
            held.hold(record("a", i % 3), 1_000_000 - i);
        }
        assertThat(held.records()).hasSize(1);
        assertThat(ids(held.takeDue(Long.MAX_VALUE))).containsExactly("a/0");
    }
}
