package io.kubelpa.usage;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which stretches of time each source (a log file, a Kafka partition) holds events for, kept as the
 * set of hours with at least one event, so a window's gaps can be told from its first-to-last span:
 * a source's gap is a silence much longer than its usual spacing (at least 6 hours, at most a day);
 * a gap of the whole log is a stretch no source holds, and only those are taken off the covered time. Bounded: past
 * {@value #MAX_BUCKETS} buckets in all, every bucket widens to a day, then to ever longer spans.
 */
public final class Coverage implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int MAX_BUCKETS = 100_000;
    /** Past this many sources, the rest are counted as one. */
    static final int MAX_SOURCES = 10_000;

    static final String OTHER_SOURCES = "(other sources)";
    private static final long HOUR_MICROS = 3_600_000_000L;
    /** Shorter silences are never gaps: quiet nights happen. */
    static final int MIN_GAP_HOURS = 6;
    /** A silence this many times a source's usual spacing is a gap. */
    static final int GAP_FACTOR = 10;

    private long bucketMicros = HOUR_MICROS;
    private final Map<String, TreeSet<Long>> buckets = new HashMap<>();
    private int size;

    /** A stretch of time without events, of one source or ({@code source} null) of the whole log. */
    public record Gap(String source, long fromMicros, long toMicros) {
        public long seconds() {
            return (toMicros - fromMicros) / 1_000_000;
        }
    }

    /**
     * The source of a record's location, without its position: {@code file:line}, {@code file@offset},
     * {@code file#document} and {@code topic-partition@offset} name the file or the partition.
     */
    public static String sourceOf(String location) {
        int mark = Math.max(location.lastIndexOf(':'), Math.max(location.lastIndexOf('@'), location.lastIndexOf('#')));
        return mark > 0
                        && mark < location.length() - 1
                        && location.substring(mark + 1).chars().allMatch(Character::isDigit)
                ? location.substring(0, mark)
                : location;
    }

    public void add(String source, long timeMicros) {
        if (timeMicros < 0) {
            return;
        }
        String kept = buckets.containsKey(source) || buckets.size() < MAX_SOURCES ? source : OTHER_SOURCES;
        if (buckets.computeIfAbsent(kept, s -> new TreeSet<>()).add(Math.floorDiv(timeMicros, bucketMicros))) {
            size++;
            // Widening stops helping once every source holds a single bucket; the sources are bounded too.
            while (size > MAX_BUCKETS && size > buckets.size()) {
                widen();
            }
        }
    }

    public void merge(Coverage other) {
        while (bucketMicros < other.bucketMicros) {
            widen();
        }
        other.buckets.forEach((source, set) -> set.forEach(b -> add(source, b * other.bucketMicros)));
    }

    java.util.Set<String> sources() {
        return buckets.keySet();
    }

    public boolean isEmpty() {
        return buckets.isEmpty();
    }

    /** Only what lies in {@code range}. */
    public Coverage within(TimeRange range) {
        Coverage cut = new Coverage();
        cut.bucketMicros = bucketMicros;
        buckets.forEach((source, set) -> set.forEach(b -> {
            long start = b * bucketMicros;
            if (start + bucketMicros > range.fromMicros() && start < range.untilMicros()) {
                cut.buckets.computeIfAbsent(source, s -> new TreeSet<>()).add(b);
                cut.size++;
            }
        }));
        return cut;
    }

    /**
     * The gaps of the whole log first (stretches of more than {@value #MIN_GAP_HOURS} hours no
     * source holds), then each source's, in time order.
     */
    public List<Gap> gaps() {
        List<long[]> held = new ArrayList<>();
        new TreeMap<>(buckets).forEach((source, set) -> held.addAll(intervals(set)));
        held.sort(java.util.Comparator.comparingLong(interval -> interval[0]));
        List<Gap> gaps = new ArrayList<>();
        long minimum = Math.max(1, MIN_GAP_HOURS * HOUR_MICROS / bucketMicros);
        long end = Long.MIN_VALUE;
        for (long[] interval : held) {
            if (end != Long.MIN_VALUE && interval[0] - end >= minimum) {
                gaps.add(new Gap(null, end * bucketMicros, interval[0] * bucketMicros));
            }
            end = Math.max(end, interval[1]);
        }
        new TreeMap<>(buckets).forEach((source, set) -> {
            List<long[]> intervals = intervals(set);
            for (int i = 1; i < intervals.size(); i++) {
                gaps.add(new Gap(
                        source,
                        intervals.get(i - 1)[1] * bucketMicros,
                        intervals.get(i)[0] * bucketMicros));
            }
        });
        return gaps;
    }

    /** The time from {@code fromMicros} to {@code toMicros} less the gaps of the whole log, in seconds. */
    public long coveredSeconds(long fromMicros, long toMicros) {
        long gapSeconds = gaps().stream()
                .filter(g -> g.source() == null)
                .mapToLong(g -> (Math.min(toMicros, g.toMicros()) - Math.max(fromMicros, g.fromMicros())) / 1_000_000)
                .filter(s -> s > 0)
                .sum();
        return Math.max(0, (toMicros - fromMicros) / 1_000_000 - gapSeconds);
    }

    /**
     * The stretches a source holds, as [first bucket, bucket after the last): its hours with events,
     * joined across silences no longer than its usual spacing allows ({@link #silenceAllowed}).
     */
    private List<long[]> intervals(TreeSet<Long> set) {
        long allowed = silenceAllowed(set);
        List<long[]> intervals = new ArrayList<>();
        long[] current = null;
        for (long b : set) {
            if (current != null && b - current[1] < allowed) {
                current[1] = b + 1;
            } else {
                current = new long[] {b, b + 1};
                intervals.add(current);
            }
        }
        return intervals;
    }

    /**
     * The longest silence, in buckets, that is still no gap for this source: {@value #GAP_FACTOR}
     * times its usual spacing, but at least {@value #MIN_GAP_HOURS} hours (quiet nights happen) and at
     * most a day (a live API server is never silent that long; a sparse test file's spacing says nothing).
     */
    private long silenceAllowed(TreeSet<Long> set) {
        List<Long> spacings = new ArrayList<>();
        Long previous = null;
        for (long b : set) {
            if (previous != null) {
                spacings.add(b - previous);
            }
            previous = b;
        }
        spacings.sort(null);
        long usual = spacings.isEmpty() ? 1 : spacings.get(spacings.size() / 2);
        long minimum = Math.max(1, MIN_GAP_HOURS * HOUR_MICROS / bucketMicros);
        long maximum = Math.max(minimum, 24 * HOUR_MICROS / bucketMicros);
        return Math.min(maximum, Math.max(minimum, GAP_FACTOR * usual));
    }

    private void widen() {
        long factor = bucketMicros == HOUR_MICROS ? 24 : 7;
        bucketMicros *= factor;
        size = 0;
        buckets.replaceAll((source, set) -> {
            TreeSet<Long> wider = new TreeSet<>();
            set.forEach(b -> wider.add(Math.floorDiv(b, factor)));
            size += wider.size();
            return wider;
        });
    }
}
