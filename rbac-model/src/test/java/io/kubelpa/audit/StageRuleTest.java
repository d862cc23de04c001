package io.kubelpa.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StageRuleTest {
    private record Seen(Stage stage, long micros) {}

    private static final StageRule ONE_SECOND = new StageRule(1_000);

    /** Times that share a millisecond, sit on either side of one, and on either side of the wait. */
    private static final long[] TIMES = {0, 400, 999, 1_000, 1_000_000, 1_000_999, 1_001_000};

    @Test
    void everyOrderOfARequestsStagesIsDecidedAlike() {
        int requests = 0;
        Set<Stage> deciders = new HashSet<>();
        Stage[] stages = Stage.values();
        for (int subset = 1; subset < 1 << stages.length; subset++) {
            List<Stage> present = new ArrayList<>();
            for (int i = 0; i < stages.length; i++) {
                if ((subset & 1 << i) != 0) {
                    present.add(stages[i]);
                }
            }
            for (List<Seen> request : timed(present, 0, new ArrayList<>())) {
                Seen decided = decide(request);
                for (List<Seen> order : permutations(request)) {
                    assertThat(decide(order))
                            .as("%s decided from %s", request, order)
                            .isEqualTo(decided);
                }
                deciders.add(decided.stage());
                requests++;
            }
        }
        assertThat(requests)
                .as("each stage absent or at one of the times")
                .isEqualTo((int) Math.pow(TIMES.length + 1, stages.length) - 1);
        assertThat(deciders).as("every stage decides some request").containsExactlyInAnyOrder(Stage.values());
    }

    @Test
    void ofAResponseCompleteAndAPanicInOneMillisecondTheResponseCompleteDecides() {
        Seen complete = new Seen(Stage.RESPONSE_COMPLETE, 5_100);
        Seen panic = new Seen(Stage.PANIC, 5_900);
        assertThat(decide(List.of(panic, complete))).isEqualTo(complete);
        assertThat(decide(List.of(complete, panic))).isEqualTo(complete);
        Seen earlierPanic = new Seen(Stage.PANIC, 4_999);
        assertThat(decide(List.of(complete, earlierPanic)))
                .as("in an earlier millisecond the panic came first and stays")
                .isEqualTo(earlierPanic);
    }

    private static Seen decide(List<Seen> stages) {
        return ONE_SECOND.decide(stages, Seen::stage, Seen::micros);
    }

    private static List<List<Seen>> timed(List<Stage> stages, int from, List<Seen> prefix) {
        if (from == stages.size()) {
            return List.of(List.copyOf(prefix));
        }
        List<List<Seen>> all = new ArrayList<>();
        for (long micros : TIMES) {
            prefix.add(new Seen(stages.get(from), micros));
            all.addAll(timed(stages, from + 1, prefix));
            prefix.remove(prefix.size() - 1);
        }
        return all;
    }

    private static List<List<Seen>> permutations(List<Seen> items) {
        if (items.size() <= 1) {
            return List.of(items);
        }
        List<List<Seen>> all = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<Seen> rest = new ArrayList<>(items);
            Seen first = rest.remove(i);
            for (List<Seen> tail : permutations(rest)) {
                List<Seen> order = new ArrayList<>();
                order.add(first);
                order.addAll(tail);
                all.add(order);
            }
        }
        return all;
    }
}
