package io.kubelpa.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelpa.audit.Timestamps;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CoverageTest {
    private static final long MINUTE = 60_000_000L;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final long T0 = Timestamps.parseMicros("2017-09-05T00:00:00Z");

    @Test
    void threeDaysAndOneEventYearsLaterCoverThreeDaysWithOneGapOfTheWholeLog() {
        Coverage coverage = new Coverage();
        for (long t = T0; t < T0 + 3 * DAY; t += 5 * MINUTE) {
            coverage.add("old.log", t);
        }
        long late = Timestamps.parseMicros("2025-10-07T12:00:00Z");
        coverage.add("new.log", late);

        List<Coverage.Gap> whole =
                coverage.gaps().stream().filter(g -> g.source() == null).toList();
        assertThat(whole).singleElement().satisfies(gap -> {
            assertThat(gap.fromMicros()).isEqualTo(T0 + 3 * DAY);
            assertThat(gap.toMicros()).isEqualTo(late - late % HOUR);
        });
        long covered = coverage.coveredSeconds(T0, late);
        assertThat(covered).isBetween(3 * 86_400L, 3 * 86_400L + 3_600L);
    }

    @Test
    void aSourcesOwnSilenceIsItsGapButNotTheLogsWhenAnotherSourceCoversIt() {
        Coverage coverage = new Coverage();
        for (long t = T0; t < T0 + 2 * DAY; t += 10 * MINUTE) {
            coverage.add("apiserver-a.log", t);
            if (t < T0 + 10 * HOUR || t >= T0 + 22 * HOUR) {
                coverage.add("apiserver-b.log", t);
            }
        }
        assertThat(coverage.gaps()).singleElement().satisfies(gap -> {
            assertThat(gap.source()).isEqualTo("apiserver-b.log");
            assertThat(gap.seconds()).isEqualTo(12 * 3600);
        });
        assertThat(coverage.coveredSeconds(T0, T0 + 2 * DAY)).isEqualTo(2 * 86_400L);
    }

    @Test
    void quietHoursShorterThanTheThresholdAreNoGap() {
        Coverage coverage = new Coverage();
        for (long t = T0; t < T0 + 2 * DAY; t += HOUR) {
            if (t % DAY < 20 * HOUR) {
                coverage.add("a.log", t); // four quiet hours each night
            }
        }
        assertThat(coverage.gaps()).isEmpty();
    }

    @Test
    void mergingPartsGivesTheSameGapsAsOneCoverageOfEverything() {
        Random random = new Random(17);
        for (int round = 0; round < 50; round++) {
            Coverage whole = new Coverage();
            Coverage left = new Coverage();
            Coverage right = new Coverage();
            int events = 1 + random.nextInt(400);
            for (int i = 0; i < events; i++) {
                String source = "s" + random.nextInt(3);
                long t = T0 + (long) (random.nextDouble() * (random.nextBoolean() ? 5 : 400) * DAY);
                whole.add(source, t);
                (random.nextBoolean() ? left : right).add(source, t);
            }
            left.merge(right);
            assertThat(left.gaps()).isEqualTo(whole.gaps());
            assertThat(left.coveredSeconds(T0, T0 + 400 * DAY)).isEqualTo(whole.coveredSeconds(T0, T0 + 400 * DAY));
        }
    }

    @Test
    void itStaysBoundedAndStillFindsALongHole() {
        Coverage coverage = new Coverage();
        for (int source = 0; source < 30; source++) {
            for (long t = T0; t < T0 + 200 * DAY; t += HOUR) {
                coverage.add("f" + source, t);
            }
            for (long t = T0 + 400 * DAY; t < T0 + 600 * DAY; t += HOUR) {
                coverage.add("f" + source, t);
            }
        }
        List<Coverage.Gap> whole =
                coverage.gaps().stream().filter(g -> g.source() == null).toList();
        assertThat(whole).singleElement().satisfies(gap -> assertThat(gap.seconds())
                .isBetween(190 * 86_400L, 200 * 86_400L));
    }

    @Test
    void aLocationsSourceIsItsFileOrPartition() {
        assertThat(Coverage.sourceOf("/var/log/audit.log:1234")).isEqualTo("/var/log/audit.log");
        assertThat(Coverage.sourceOf("audit-0@99")).isEqualTo("audit-0");
        assertThat(Coverage.sourceOf("/logs/audit.log@1048576")).isEqualTo("/logs/audit.log");
        assertThat(Coverage.sourceOf("dump.yaml#3")).isEqualTo("dump.yaml");
        assertThat(Coverage.sourceOf("C:\\logs\\a.log")).isEqualTo("C:\\logs\\a.log");
    }

    @Test
    @org.junit.jupiter.api.Timeout(120) // a bucket limit that sources alone exceed once made adding loop for ever
    void countlessSourcesAreFoldedIntoOne() {
        Coverage coverage = new Coverage();
        for (int i = 0; i < 300_000; i++) {
            coverage.add("record-" + i, T0 + (i % 1000) * DAY);
        }
        assertThat(coverage.sources()).hasSize(Coverage.MAX_SOURCES + 1).contains(Coverage.OTHER_SOURCES);
        assertThat(coverage.coveredSeconds(T0, T0 + 1000 * DAY)).isEqualTo(1000 * 86_400L);
    }

    @Test
    void withinARangeOnlyItsTimesRemain() {
        Coverage coverage = new Coverage();
        for (long t = T0; t < T0 + 10 * DAY; t += HOUR) {
            if (t < T0 + 2 * DAY || t >= T0 + 5 * DAY) {
                coverage.add("a.log", t);
            }
        }
        assertThat(coverage.gaps()).hasSize(2);
        assertThat(coverage.within(new TimeRange(T0 + 5 * DAY, T0 + 10 * DAY)).gaps())
                .isEmpty();
    }

    @Test
    void theWholeLogIsCutByEventTimeSoAStreamThatKeepsOnlyItAgreesWithTheBoundedCut() {
        Coverage read = new Coverage();
        read.add("a.log", T0);
        read.add("a.log", T0 + 20 * HOUR + 50 * MINUTE); // after the range's end, inside its last hour
        Coverage streamed = new Coverage();
        streamed.addToWholeLog(T0);
        TimeRange range = new TimeRange(T0, T0 + 20 * HOUR + 30 * MINUTE);

        assertThat(read.within(range).coveredSeconds(T0, range.untilMicros()))
                .isEqualTo(streamed.within(range).coveredSeconds(T0, range.untilMicros()))
                .isEqualTo(3_600L);
        streamed.addToWholeLog(T0 + 20 * HOUR + 10 * MINUTE); // inside the range: the last hour is held
        assertThat(streamed.within(range).coveredSeconds(T0, range.untilMicros()))
                .isEqualTo(20 * 3_600L + 30 * 60L);
    }

    @Test
    void theWholeLogStaysBoundedOverDecades() {
        Coverage coverage = new Coverage();
        for (long t = T0; t < T0 + 20 * 365 * DAY; t += HOUR) {
            coverage.addToWholeLog(t);
        }
        assertThat(coverage.coveredSeconds(T0, T0 + 20 * 365 * DAY)).isEqualTo(20 * 365 * 86_400L);
    }
}
