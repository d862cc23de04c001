package io.kubelpa.stream;

import io.kubelpa.findings.EvidenceQuality;
import io.kubelpa.findings.Finding;
import io.kubelpa.job.LedgerKey;
import io.kubelpa.job.RbacJson;
import io.kubelpa.job.ScratchLedger;
import io.kubelpa.job.UsageFact;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.report.AnalysisWriter;
import io.kubelpa.review.LeastPrivilegeReview;
import io.kubelpa.review.Review;
import io.kubelpa.review.ReviewOptions;
import io.kubelpa.stream.runtime.TaskDirectories;
import io.kubelpa.usage.Coverage;
import io.kubelpa.usage.RbacChange;
import io.kubelpa.usage.SubjectLedger;
import io.kubelpa.usage.TimeRange;
import io.kubelpa.usage.UsageCounters;
import io.kubelpa.usage.UsageReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The periodic review, run once (one key): gathers every subject's ledger as of a review time, and
 * when event time reaches it, runs the same review as {@code lpa analyze} against the RBAC of that
 * time and writes the same files into {@code OUT/reviews/<time>/}; then upserts the findings and
 * tombstones the ones that cleared since the last review. An RBAC change between reviews (a marker
 * on the keyed input, the change itself on the broadcast one) re-evaluates the last review's ledger
 * against the RBAC at the end of the change's interval ({@code lpa.review.rbac-change-delay}), so new
 * grants are judged without waiting a whole period. A review reads its ledger from a scratch RocksDB
 * sorted by subject ({@link ScratchLedger}), so its heap does not grow with the subjects.
 */
final class ReviewFunction extends KeyedBroadcastProcessFunction<Integer, ReviewFact, RbacUpdate, FindingRecord> {
    private final String initialRbacJson;
    private final BuiltinMode mode;
    private final ReviewSettings settings;
    private transient MapState<String, UsageFact> gathered;
    private transient ValueState<Long> earliestMicros;
    private transient ValueState<EventExtent> extentState;
    /** Per hour with events: its first and last time, as long as a window can still hold it. */
    private transient MapState<Long, long[]> hourSpans;
    /** Per review period: the counts {@link EvidenceQuality} reads, as long as a window can still hold it. */
    private transient MapState<Long, long[]> periodCounts;

    private transient ValueState<Long> lastReview;
    private transient ValueState<List<String>> openFindings;
    private transient RbacTimelineCache timelines;
    private transient ReviewOptions reviewOptions;
    private transient volatile int openCount;
    private transient ReviewMetrics metrics;
    private transient Long earliest;
    private transient Long lastReviewedMicros;
    private transient long timerSetFor;

    ReviewFunction(String initialRbacJson, BuiltinMode mode, ReviewSettings settings) {
        this.initialRbacJson = initialRbacJson;
        this.mode = mode;
        this.settings = settings;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        gathered = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>("gathered", Types.STRING, Types.POJO(UsageFact.class)));
        earliestMicros = getRuntimeContext().getState(new ValueStateDescriptor<>("earliest", Types.LONG));
        extentState =
                getRuntimeContext().getState(new ValueStateDescriptor<>("event-extent", Types.POJO(EventExtent.class)));
        hourSpans = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>(
                        "hour-spans", Types.LONG, PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        periodCounts = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>(
                        "period-counts", Types.LONG, PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        lastReview = getRuntimeContext().getState(new ValueStateDescriptor<>("last-review", Types.LONG));
        openFindings =
                getRuntimeContext().getState(new ValueStateDescriptor<>("open-findings", Types.LIST(Types.STRING)));
        reviewOptions = settings.reviewOptions();
        timelines = new RbacTimelineCache(RbacJson.read(initialRbacJson), mode);
        getRuntimeContext().getMetricGroup().addGroup("lpa").gauge("openFindings", (Gauge<Integer>) () -> openCount);
        metrics = new ReviewMetrics(getRuntimeContext().getMetricGroup());
        new ReviewDirectories(Path.of(settings.outputDir())).removeLeftovers();
    }

    @Override
    public void processElement(ReviewFact fact, ReadOnlyContext context, Collector<FindingRecord> out)
            throws Exception {
        if (fact.extent != null) {
            keepEvidence(fact.extent);
            EventExtent known = extentState.value();
            extentState.update((known == null ? new EventExtent() : known).merge(fact.extent));
            return;
        }
        if (fact.reviewMicros <= lastReviewed()) {
            // Late for a review already written (its subject's input was idle): the ledger still holds
            // it and hands it to the next review. An RBAC change that early is in that review already.
            return;
        }
        if (fact.fact == null) {
            long delay = settings.rbacChangeDelay().toMillis();
            if (delay > 0 && lastReviewed() != Long.MIN_VALUE) {
                // Changes within the same interval of event time share one re-evaluation.
                context.timerService()
                        .registerEventTimeTimer((Math.floorDiv(fact.reviewMicros / 1000, delay) + 1) * delay);
            }
            return;
        }
        // Each subject hands in one entry per grant and shape per review, so the key is new: a blind
        // write, as a read of a key that is not there costs RocksDB a search through every level.
        gathered.put(fact.fact.key(fact.reviewMicros).encode(), fact.fact);
        if (fact.fact.firstSeenMicros() < earliestSeen()) {
            earliest = fact.fact.firstSeenMicros();
            earliestMicros.update(earliest);
        }
        if (fact.reviewMicros != timerSetFor) {
            context.timerService().registerEventTimeTimer(fact.reviewMicros / 1000);
            timerSetFor = fact.reviewMicros;
        }
    }

    private void keepEvidence(EventExtent extent) throws Exception {
        for (int i = 0; i + 1 < extent.hourSpans.length; i += 2) {
            long first = extent.hourSpans[i];
            long last = extent.hourSpans[i + 1];
            long hour = Math.floorDiv(first, EventExtent.HOUR_MICROS);
            long[] known = hourSpans.get(hour);
            hourSpans.put(
                    hour,
                    known == null
                            ? new long[] {first, last}
                            : new long[] {Math.min(first, known[0]), Math.max(last, known[1])});
        }
        int width = EvidenceQuality.COUNTERS.size() + 1;
        for (int i = 0; i + width <= extent.periodCounts.length; i += width) {
            long period = extent.periodCounts[i];
            long[] known = periodCounts.get(period);
            long[] sums = known == null ? new long[width - 1] : known;
            for (int c = 0; c < sums.length; c++) {
                sums[c] += extent.periodCounts[i + 1 + c];
            }
            periodCounts.put(period, sums);
        }
    }

    /** Drops the hours and periods that end before a window ending at {@code windowEndMicros} or later begins. */
    private void dropEvidenceBefore(long windowEndMicros) throws Exception {
        long windowStart = windowEndMicros - settings.window().toMillis() * 1000;
        Iterator<Map.Entry<Long, long[]>> hours = hourSpans.iterator();
        while (hours.hasNext()) {
            if ((hours.next().getKey() + 1) * EventExtent.HOUR_MICROS <= windowStart) {
                hours.remove();
            }
        }
        Iterator<Map.Entry<Long, long[]>> periods = periodCounts.iterator();
        while (periods.hasNext()) {
            if (periods.next().getKey() * 1000 < windowStart) {
                periods.remove();
            }
        }
    }

    /** When the last review ran; there is one key, so a field caches its state. */
    private long lastReviewed() throws Exception {
        if (lastReviewedMicros == null) {
            Long stored = lastReview.value();
            lastReviewedMicros = stored == null ? Long.MIN_VALUE : stored;
        }
        return lastReviewedMicros;
    }

    /** The earliest evidence gathered so far; there is one key, so a field caches its state. */
    private long earliestSeen() throws Exception {
        if (earliest == null) {
            Long stored = earliestMicros.value();
            earliest = stored == null ? Long.MAX_VALUE : stored;
        }
        return earliest;
    }

    @Override
    public void processBroadcastElement(RbacUpdate update, Context context, Collector<FindingRecord> out)
            throws Exception {
        context.getBroadcastState(RbacUpdate.BROADCAST_STATE).put(update.id, update);
        timelines.invalidate();
    }

    @Override
    public void onTimer(long timerMillis, OnTimerContext context, Collector<FindingRecord> out) throws Exception {
        long timerMicros = timerMillis * 1000;
        long previous = lastReviewed();
        EventExtent extent = extentState.value();
        if (atEndOfInput(context)
                && extent != null
                && timerMillis > extent.finalReviewMillis(settings.reviewEvery().toMillis())) {
            // Past the review that holds the last event: a bounded input owes no review of an empty future.
            return;
        }
        try (ScratchLedger ledger = ledgerOf(timerMicros)) {
            if (!ledger.subjects().isEmpty()) {
                // A review: this period's ledger; the previous review's entries are no longer needed.
                dropEntriesOf(previous);
                dropEvidenceBefore(timerMicros);
                lastReview.update(timerMicros);
                lastReviewedMicros = timerMicros;
                review(ledger, timerMicros, timerMicros, null, context, out);
                return;
            }
        }
        if (previous != Long.MIN_VALUE && timerMicros > previous && changedBetween(previous, timerMicros, context)) {
            // An RBAC change since the last review: that review's ledger against the RBAC of now. Its evidence
            // ends before the change, so it reports findings and proposes nothing; the next review decides.
            try (ScratchLedger ledger = ledgerOf(previous)) {
                review(ledger, previous, timerMicros, RBAC_CHANGE_WITHHOLDS, context, out);
            }
        }
    }

    static final String RBAC_CHANGE_WITHHOLDS =
            "a re-evaluation after an RBAC change: its evidence ends at the last periodic review, so the next one decides";

    private static boolean atEndOfInput(OnTimerContext context) {
        return context.timerService().currentWatermark() == Long.MAX_VALUE;
    }

    private boolean changedBetween(long afterMicros, long upToMicros, OnTimerContext context) throws Exception {
        timelines.timeline(context.getBroadcastState(RbacUpdate.BROADCAST_STATE).immutableEntries());
        return timelines.changes().stream().anyMatch(c -> c.timeMicros() > afterMicros && c.timeMicros() <= upToMicros);
    }

    /** The ledger handed in for the review at {@code reviewMicros}, in a scratch store sorted by subject. */
    private ScratchLedger ledgerOf(long reviewMicros) throws Exception {
        String prefix = LedgerKey.slotPrefix(reviewMicros);
        ScratchLedger ledger = new ScratchLedger(TaskDirectories.scratch(getRuntimeContext()));
        try {
            for (Map.Entry<String, UsageFact> entry : gathered.entries()) {
                if (entry.getKey().startsWith(prefix)) {
                    ledger.add(entry.getValue());
                }
            }
        } catch (Exception e) {
            ledger.close();
            throw e;
        }
        return ledger;
    }

    /** Removes the entries handed in for the review at {@code reviewMicros}, as the state is read: no list of them is kept. */
    private void dropEntriesOf(long reviewMicros) throws Exception {
        String prefix = LedgerKey.slotPrefix(reviewMicros);
        Iterator<Map.Entry<String, UsageFact>> entries = gathered.iterator();
        while (entries.hasNext()) {
            if (entries.next().getKey().startsWith(prefix)) {
                entries.remove();
            }
        }
    }

    /**
     * Runs the review of the ledger gathered up to {@code windowEndMicros} against the RBAC as it is at
     * {@code rbacAtMicros}, writes it into the directory of that time and publishes its findings.
     */
    private void review(
            SubjectLedger ledger,
            long windowEndMicros,
            long rbacAtMicros,
            String withholdProposals,
            OnTimerContext context,
            Collector<FindingRecord> out)
            throws Exception {
        long started = System.nanoTime();
        UsageCounters counters = countersOf(windowEndMicros);
        timelines.timeline(context.getBroadcastState(RbacUpdate.BROADCAST_STATE).immutableEntries());
        // As lpa analyze --until: the writes before the review's time.
        List<RbacChange> changes = timelines.changes().stream()
                .filter(c -> c.timeMicros() < rbacAtMicros)
                .toList();
        UsageReport report = new UsageReport(ledger, counters, List.of(), List.of(), changes);
        Review review = LeastPrivilegeReview.run(timelines.initial(), mode, report, reviewOptions, withholdProposals);
        new ReviewDirectories(Path.of(settings.outputDir()))
                .publish(rbacAtMicros / 1000, dir -> new AnalysisWriter(settings.version()).write(dir, report, review));
        publish(review.findings(), out);
        metrics.written(rbacAtMicros / 1000, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * The window as {@code lpa analyze --since <end − window> --until <end>} sees it: from the later of
     * its start and the first event read, to the earlier of its end and the last event read (while the
     * stream goes on, event time is past the end, so that is the end). Late requests so far are counted, so a review says what earlier ones lacked.
     */
    private UsageCounters countersOf(long windowEndMicros) throws Exception {
        UsageCounters counters = new UsageCounters();
        long windowStart = windowEndMicros - settings.window().toMillis() * 1000;
        EventExtent extent = extentState.value();
        if (extent == null || extent.isEmpty()) {
            // State from before the extent was kept: the earliest evidence is the best there is.
            counters.observe(
                    Math.max(windowStart, earliestMicros.value() == null ? windowStart : earliestMicros.value()));
            counters.observe(windowEndMicros);
            return counters;
        }
        counters.observe(Math.max(windowStart, extent.firstMicros));
        counters.observe(Math.min(windowEndMicros, extent.lastMicros));
        if (extent.lateRequests > 0) {
            counters.add(LATE_REQUESTS, extent.lateRequests);
        }
        for (Map.Entry<Long, long[]> period : periodCounts.entries()) {
            long startMicros = period.getKey() * 1000;
            if (startMicros >= windowStart && startMicros < windowEndMicros) {
                for (int c = 0; c < period.getValue().length; c++) {
                    counters.add(EvidenceQuality.COUNTERS.get(c), period.getValue()[c]);
                }
            }
        }
        Coverage coverage = new Coverage();
        for (long[] span : hourSpans.values()) {
            coverage.addToWholeLog(span[0]);
            coverage.addToWholeLog(span[1]);
        }
        counters.setCoverage(coverage.within(new TimeRange(windowStart, windowEndMicros)));
        return counters;
    }

    /** Requests that arrived after event time had passed them: reviews before they arrived lack them. */
    static final String LATE_REQUESTS = "lateRequests";

    private void publish(List<Finding> findings, Collector<FindingRecord> out) throws Exception {
        List<String> before = openFindings.value();
        FindingDiff diff = FindingDiff.between(before == null ? List.of() : before, findings);
        diff.records().forEach(out::collect);
        openFindings.update(new ArrayList<>(diff.open()));
        openCount = diff.open().size();
    }
}
