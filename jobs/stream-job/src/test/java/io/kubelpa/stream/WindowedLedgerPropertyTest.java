package io.kubelpa.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelpa.authz.SubjectRef;
import io.kubelpa.job.UsageFact;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.usage.GrantKey;
import io.kubelpa.usage.RequestShape;
import io.kubelpa.usage.UsageRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The ledger on RocksDB against a reference computed from the same facts: random subjects, shapes
 * and times, delivered in random order and batches but each before event time passes it (what the
 * request operator guarantees), random watermarks, and in half the runs the end of a bounded input.
 * Every review must hand over, per subject, grant and shape, exactly the uses of the periods in its
 * window, for every review boundary event time reached (at the end of input: up to the one holding
 * the last event), and nothing else.
 */
class WindowedLedgerPropertyTest {
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long T0 = 20_000 * DAY;
    private static final GrantKey GRANT = new GrantKey(
            ObjectRef.roleBinding("team", "app"), ObjectRef.clusterRole("view"), 0, new SubjectRef("Group", "all", ""));
    private static final List<String> VERBS = List.of("get", "list", "watch");

    private record Use(String subject, String verb, long atMillis) {}

    @Test
    void everyReviewHoldsExactlyTheUsesOfItsWindow() throws Exception {
        for (long seed = 1; seed <= 40; seed++) {
            check(new Random(seed), seed);
        }
    }

    private static void check(Random random, long seed) throws Exception {
        int windowDays = 1 + random.nextInt(3);
        int days = 2 + random.nextInt(6);
        List<Use> uses = new ArrayList<>();
        for (int i = random.nextInt(40); i >= 0; i--) {
            uses.add(new Use(
                    "user-" + random.nextInt(4),
                    VERBS.get(random.nextInt(VERBS.size())),
                    T0 + (long) (random.nextDouble() * days * DAY)));
        }
        // Watermarks rise in random steps; each use arrives after some watermark below its time.
        List<Long> watermarks = new ArrayList<>();
        long mark = T0 - 1;
        while (mark < T0 + days * DAY) {
            mark += 1 + (long) (random.nextDouble() * DAY * (random.nextBoolean() ? 0.3 : 2.5));
            watermarks.add(mark);
        }
        boolean ends = random.nextBoolean();
        List<List<Use>> batches = new ArrayList<>();
        for (int i = 0; i <= watermarks.size(); i++) {
            batches.add(new ArrayList<>());
        }
        for (Use use : uses) {
            int latestBatch = 0; // before the first watermark at or past its time
            while (latestBatch < watermarks.size() && watermarks.get(latestBatch) < use.atMillis()) {
                latestBatch++;
            }
            batches.get(random.nextInt(latestBatch + 1)).add(use);
        }
        long lastWatermark = watermarks.get(watermarks.size() - 1);

        Map<String, Long> actual = new TreeMap<>();
        try (KeyedBroadcastOperatorTestHarness<String, UsageFact, EventExtent, ReviewFact> ledger =
                new KeyedBroadcastOperatorTestHarness<>(
                        new CoBroadcastWithKeyedOperator<>(
                                new WindowedLedgerFunction(windowDays * DAY, DAY),
                                List.of(WindowedLedgerFunction.EXTENT)),
                        UsageFact::username,
                        Types.STRING,
                        128,
                        1,
                        0)) {
            ledger.setStateBackend(new EmbeddedRocksDBStateBackend());
            ledger.open();
            EventExtent extent = new EventExtent();
            for (int i = 0; i < batches.size(); i++) {
                List<Use> batch = batches.get(i);
                Collections.shuffle(batch, random);
                for (Use use : batch) {
                    ledger.processElement(fact(use), use.atMillis());
                    extent.include(use.atMillis() * 1000);
                }
                if (i < watermarks.size()) {
                    ledger.processWatermark(watermarks.get(i));
                    ledger.processBroadcastWatermark(watermarks.get(i));
                }
            }
            if (ends) {
                ledger.processBroadcastElement(extent, Long.MAX_VALUE - 1);
                ledger.processWatermark(Long.MAX_VALUE);
                ledger.processBroadcastWatermark(Long.MAX_VALUE);
            }
            for (ReviewFact fact : ledger.extractOutputValues()) {
                actual.merge(
                        line(
                                fact.reviewMicros / 1000,
                                fact.fact.username(),
                                fact.fact.shape().verb()),
                        fact.fact.count(),
                        Long::sum);
            }
        }
        Map<String, Long> expected = new TreeMap<>();
        long finalReview = uses.isEmpty()
                ? Long.MIN_VALUE
                : (Math.floorDiv(uses.stream().mapToLong(Use::atMillis).max().orElseThrow(), DAY) + 1) * DAY;
        for (long review = T0 + DAY; review <= T0 + (days + windowDays + 1) * DAY; review += DAY) {
            // Reviews the watermark reached, and at the end of input those up to the one holding the last use.
            boolean reached = review <= lastWatermark || ends && review <= finalReview;
            if (!reached) {
                continue;
            }
            for (Use use : uses) {
                long period = Math.floorDiv(use.atMillis(), DAY) * DAY;
                if (period < review && period >= review - windowDays * DAY) {
                    expected.merge(line(review, use.subject(), use.verb()), 1L, Long::sum);
                }
            }
        }
        assertThat(actual)
                .as(
                        "seed %d: window %d days, %d days of uses, %s",
                        seed, windowDays, days, ends ? "the input ends" : "live, event time at " + lastWatermark)
                .isEqualTo(expected);
    }

    private static String line(long reviewMillis, String subject, String verb) {
        return "day " + (reviewMillis - T0) / DAY + " " + subject + " " + verb;
    }

    private static UsageFact fact(Use use) {
        return UsageFact.of(new UsageRecord(
                use.subject(),
                GRANT,
                new RequestShape(use.verb(), "", "pods", "", "team", "", ""),
                use.atMillis() * 1000,
                use.subject() + "@" + use.atMillis()));
    }
}
