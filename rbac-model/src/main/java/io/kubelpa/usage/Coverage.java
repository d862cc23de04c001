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
 * a source's gap is a stretch without events much longer than its usual spacing; a gap of the whole
 * log is one no source has events in, and only those are taken off the covered time. Bounded: past
 * {@value #MAX_BUCKETS} buckets in all, every bucket widens to a day, then to ever longer spans.
 */
public final class Coverage implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int MAX_BUCKETS = 100_000;
    private static final long HOUR_MICROS = 3_600_000_000L;
    /** Shorter silences are never gaps: quiet nights happen. */
    static final int MIN_GAP_BUCKETS_AT_HOURS = 6;
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

    /** The source of a record's location: {@code file:line} or {@code topic-partition:offset} without the position. */
    public static String sourceOf(String location) {
        int colon = location.lastIndexOf(':');
        return colon > 0 && location.substring(colon + 1).chars().allMatch(Character::isDigit)
                ? location.substring(0, colon)
                : location;
    }

    public void add(String source, long timeMicros) {
        if (timeMicros < 0) {
            return;
        }
        if (buckets.computeIfAbsent(source, s -> new TreeSet<>()).add(Math.floorDiv(timeMicros, bucketMicros))) {
            size++;
            while (size > MAX_BUCKETS) {
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

    /** The gaps of the whole log first, then each source's, in time order. */
    public List<Gap> gaps() {
        TreeSet<Long> all = new TreeSet<>();
        buckets.values().forEach(all::addAll);
        List<Gap> gaps = new ArrayList<>(gaps(null, all));
        new TreeMap<>(buckets).forEach((source, set) -> gaps.addAll(gaps(source, set)));
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

    private List<Gap> gaps(String source, TreeSet<Long> set) {
        List<Long> spacings = new ArrayList<>();
        Long previous = null;
        for (long b : set) {
            if (previous != null) {
                spacings.add(b - previous);
            }
            previous = b;
        }
        if (spacings.isEmpty()) {
            return List.of();
        }
        List<Long> sorted = new ArrayList<>(spacings);
        sorted.sort(null);
        long usual = sorted.get(sorted.size() / 2);
        long minimum = Math.max(1, MIN_GAP_BUCKETS_AT_HOURS * HOUR_MICROS / bucketMicros);
        long threshold = Math.max(minimum, GAP_FACTOR * usual);
        List<Gap> gaps = new ArrayList<>();
        previous = null;
        for (long b : set) {
            if (previous != null && b - previous > threshold) {
                gaps.add(new Gap(source, (previous + 1) * bucketMicros, b * bucketMicros));
            }
            previous = b;
        }
        return gaps;
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
