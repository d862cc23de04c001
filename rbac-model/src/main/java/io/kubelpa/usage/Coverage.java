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
 * a source's gap is a silence much longer than its usual spacing (at least 6 hours, at most a day).
 * The whole log is kept apart, as the hours any source holds with the first and last time seen in
 * each, so that it can be cut to a range by event time (the stream keeps only this part, and must
 * agree with {@code lpa analyze} of the same range); its gaps, by the same rule, are what is taken
 * off the covered time. Bounded: past {@value #MAX_BUCKETS} buckets, every bucket widens to a day,
 * then to ever longer spans.
 */
public final class Coverage implements Serializable {
    private static final long serialVersionUID = 2L;
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
    private long wholeBucketMicros = HOUR_MICROS;
    /** Per bucket of the whole log: the first and the last time seen in it. */
    private final TreeMap<Long, long[]> whole = new TreeMap<>();

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
        addToWholeLog(timeMicros);
        addToSource(source, timeMicros);
    }

    private void addToSource(String source, long timeMicros) {
        String kept = buckets.containsKey(source) || buckets.size() < MAX_SOURCES ? source : OTHER_SOURCES;
        if (buckets.computeIfAbsent(kept, s -> new TreeSet<>()).add(Math.floorDiv(timeMicros, bucketMicros))) {
            size++;
            // Widening stops helping once every source holds a single bucket; the sources are bounded too.
            while (size > MAX_BUCKETS && size > buckets.size()) {
                widen();
            }
        }
    }

    /** Notes an event of the whole log whose source is not kept. */
    public void addToWholeLog(long timeMicros) {
        if (timeMicros < 0) {
            return;
        }
        long[] span = whole.computeIfAbsent(
                Math.floorDiv(timeMicros, wholeBucketMicros), b -> new long[] {timeMicros, timeMicros});
        span[0] = Math.min(span[0], timeMicros);
        span[1] = Math.max(span[1], timeMicros);
        while (whole.size() > MAX_BUCKETS) {
            widenWholeLog();
        }
    }

    public void merge(Coverage other) {
        while (bucketMicros < other.bucketMicros) {
            widen();
        }
        other.buckets.forEach((source, set) -> set.forEach(b -> addToSource(source, b * other.bucketMicros)));
        while (wholeBucketMicros < other.wholeBucketMicros) {
            widenWholeLog();
        }
        other.whole.values().forEach(span -> {
            addToWholeLog(span[0]);
            addToWholeLog(span[1]);
        });
    }

    java.util.Set<String> sources() {
        return buckets.keySet();
    }

    public boolean isEmpty() {
        return whole.isEmpty();
    }

    /**
     * Only what lies in {@code range}: of each source, the buckets that overlap it; of the whole log,
     * the buckets with an event in it, as far as their first and last times tell.
     */
    public Coverage within(TimeRange range) {
        Coverage cut = new Coverage();
        cut.bucketMicros = bucketMicros;
        cut.wholeBucketMicros = wholeBucketMicros;
        whole.forEach((b, span) -> {
            long start = b * wholeBucketMicros;
            boolean startsInside = start >= range.fromMicros() || span[1] >= range.fromMicros();
            boolean endsInside = start + wholeBucketMicros <= range.untilMicros() || span[0] < range.untilMicros();
            if (startsInside && endsInside) {
                cut.whole.put(b, span.clone());
            }
        });
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
     * The gaps of the whole log first (its silences, by the same rule as a source's), then each
     * source's, in time order.
     */
    public List<Gap> gaps() {
        List<Gap> gaps = new ArrayList<>(gapsOf(null, new TreeSet<>(whole.keySet()), wholeBucketMicros));
        new TreeMap<>(buckets).forEach((source, set) -> gaps.addAll(gapsOf(source, set, bucketMicros)));
        return gaps;
    }

    private static List<Gap> gapsOf(String source, TreeSet<Long> set, long width) {
        List<long[]> intervals = intervals(set, width);
        List<Gap> gaps = new ArrayList<>();
        for (int i = 1; i < intervals.size(); i++) {
            gaps.add(new Gap(source, intervals.get(i - 1)[1] * width, intervals.get(i)[0] * width));
        }
        return gaps;
    }

    /**
     * The time from {@code fromMicros} to {@code toMicros} less the whole log's silences in it, in
     * seconds: its gaps, and a silence as long at either end (the window says where the log should be).
     * Nothing known of the log (state kept before coverage was) is the whole span.
     */
    public long coveredSeconds(long fromMicros, long toMicros) {
        if (toMicros <= fromMicros) {
            return 0;
        }
        if (whole.isEmpty()) {
            return (toMicros - fromMicros) / 1_000_000;
        }
        TreeSet<Long> held = new TreeSet<>(whole.keySet());
        long allowedMicros = silenceAllowed(held, wholeBucketMicros) * wholeBucketMicros;
        long silent = 0;
        long cursor = fromMicros;
        for (long[] interval : intervals(held, wholeBucketMicros)) {
            long start = Math.min(toMicros, Math.max(cursor, interval[0] * wholeBucketMicros));
            if (start - cursor >= allowedMicros) {
                silent += start - cursor;
            }
            cursor = Math.max(cursor, Math.min(toMicros, interval[1] * wholeBucketMicros));
        }
        if (toMicros - cursor >= allowedMicros) {
            silent += toMicros - cursor;
        }
        return (toMicros - fromMicros - silent) / 1_000_000;
    }

    /**
     * The stretches a source holds, as [first bucket, bucket after the last): its hours with events,
     * joined across silences no longer than its usual spacing allows ({@link #silenceAllowed}).
     */
    private static List<long[]> intervals(TreeSet<Long> set, long width) {
        long allowed = silenceAllowed(set, width);
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
    private static long silenceAllowed(TreeSet<Long> set, long width) {
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
        long minimum = Math.max(1, MIN_GAP_HOURS * HOUR_MICROS / width);
        long maximum = Math.max(minimum, 24 * HOUR_MICROS / width);
        return Math.min(maximum, Math.max(minimum, GAP_FACTOR * usual));
    }

    private void widenWholeLog() {
        long factor = wholeBucketMicros == HOUR_MICROS ? 24 : 7;
        wholeBucketMicros *= factor;
        TreeMap<Long, long[]> wider = new TreeMap<>();
        whole.forEach((b, span) -> wider.merge(
                Math.floorDiv(b, factor), span, (x, y) -> new long[] {Math.min(x[0], y[0]), Math.max(x[1], y[1])}));
        whole.clear();
        whole.putAll(wider);
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
