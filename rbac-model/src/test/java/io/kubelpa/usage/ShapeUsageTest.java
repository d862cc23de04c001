package io.kubelpa.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ShapeUsageTest {
    /** The rule written the obvious way: the smallest distinct auditIDs of both, at most three, in order. */
    private static List<String> expected(List<String> some, List<String> others) {
        return Stream.concat(some.stream(), others.stream())
                .distinct()
                .sorted()
                .limit(ShapeUsage.MAX_SAMPLES)
                .toList();
    }

    @Test
    void mergedSamplesAreTheSmallestDistinctOnesOfBothWhateverTheOrder() {
        Random random = new Random(7);
        for (int round = 0; round < 20_000; round++) {
            List<String> some = samples(random);
            List<String> others = samples(random);
            assertThat(ShapeUsage.mergedSamples(some, others))
                    .as("%s + %s", some, others)
                    .isEqualTo(expected(some, others))
                    .isEqualTo(ShapeUsage.mergedSamples(others, some));
        }
    }

    @Test
    void sumsDoNotDependOnTheOrderTheyAreAddedIn() {
        ShapeUsage a = ShapeUsage.first(30, "c");
        ShapeUsage b = ShapeUsage.first(10, "a");
        ShapeUsage c = ShapeUsage.first(20, "d");
        ShapeUsage d = ShapeUsage.first(40, "b");

        ShapeUsage one = a.plus(b).plus(c).plus(d);
        ShapeUsage other = d.plus(c.plus(a)).plus(b);

        assertThat(one).isEqualTo(other).isEqualTo(new ShapeUsage(4, 10, 40, List.of("a", "b", "c")));
    }

    private static List<String> samples(Random random) {
        List<String> samples = new ArrayList<>();
        int size = random.nextInt(ShapeUsage.MAX_SAMPLES + 2);
        for (int i = 0; i < size; i++) {
            samples.add("id-" + random.nextInt(6));
        }
        return samples;
    }
}
