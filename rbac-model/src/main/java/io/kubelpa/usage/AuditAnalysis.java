package io.kubelpa.usage;

import io.kubelpa.audit.AuditEvent;
import io.kubelpa.audit.RequestDeduplicator;
import io.kubelpa.audit.StageRule;
import io.kubelpa.audit.format.DecodeResult;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.RbacObjects;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole usage analysis in one process, in the order the jobs run it: decoded records are
 * deduplicated by auditID (best stage wins), RBAC writes among them build the timeline, and every
 * request is attributed against the snapshot of its time into the ledger. The Flink jobs run the
 * same steps with the same classes, distributed; this is their reference.
 */
public final class AuditAnalysis {
    private final RbacObjects initial;
    private final BuiltinMode mode;
    private final RequestDeduplicator<AuditEvent> requests = new RequestDeduplicator<>(
            AuditEvent::stage,
            AuditEvent::timeMicros,
            io.kubelpa.audit.format.AuditEventCodec::encode,
            StageRule.of(StageRule.DEFAULT_STAGE_WAIT));
    private final UsageCounters counters = new UsageCounters();
    private final List<UsageReport.DeadLetter> deadLetters = new ArrayList<>();

    private final TimeRange range;

    public AuditAnalysis(RbacObjects initial, BuiltinMode mode) {
        this(initial, mode, TimeRange.ALL);
    }

    public AuditAnalysis(RbacObjects initial, BuiltinMode mode, TimeRange range) {
        this.initial = initial;
        this.mode = mode;
        this.range = range;
    }

    public void accept(String source, DecodeResult decoded) {
        counters.increment(UsageCounters.RECORDS);
        decoded.skipped().forEach(s -> counters.incrementReason(UsageCounters.SKIPPED, s.reason()));
        for (DecodeResult.Outcome rejected : decoded.deadLetters()) {
            counters.incrementReason(UsageCounters.DEAD_LETTERED, rejected.reason());
            deadLetters.add(new UsageReport.DeadLetter(source, rejected.reason(), rejected.detail()));
        }
        for (AuditEvent event : decoded.events()) {
            counters.increment(UsageCounters.EVENTS);
            // The window is the span of every event of the log cut to the range, as in the Flink jobs.
            counters.observe(Math.max(range.fromMicros(), Math.min(range.untilMicros(), event.timeMicros())));
            if (range.contains(event.timeMicros())) {
                counters.coverage().add(Coverage.sourceOf(source), event.timeMicros());
            }
            if (!requests.accept(event.auditID(), event)) {
                counters.increment(UsageCounters.DUPLICATES);
            }
        }
    }

    public Result finish() {
        List<AuditEvent> ordered = new ArrayList<>(requests.requests());
        ordered.sort(java.util.Comparator.comparingLong(AuditEvent::timeMicros).thenComparing(AuditEvent::auditID));
        List<RbacChange> changes = new ArrayList<>();
        for (AuditEvent event : ordered) {
            // Every RBAC write before the range's end shapes the RBAC in force during it.
            if (event.timeMicros() < range.untilMicros()) {
                RbacChange.of(event).ifPresent(changes::add);
            }
        }
        RbacTimeline timeline = new RbacTimeline(initial, mode, changes);
        InMemoryUsageLedger ledger = new InMemoryUsageLedger();
        List<String> mismatchExamples = new ArrayList<>();
        for (AuditEvent event : ordered) {
            // A request is in the range when the stage that decides it is.
            if (!range.contains(event.timeMicros())) {
                counters.increment(UsageCounters.OUTSIDE_RANGE);
                continue;
            }
            if (RbacChange.of(event).isPresent()) {
                counters.increment(UsageCounters.RBAC_CHANGES);
            }
            Attribution attribution = UsageAttributor.attribute(event, timeline.authorizerAt(event.timeMicros()));
            AttributionCounting.count(event, attribution, counters, mismatchExamples);
            attribution.records().forEach(ledger::add);
        }
        return new Result(new UsageReport(ledger, counters, deadLetters, mismatchExamples, changes), timeline);
    }

    /** The report, and the RBAC timeline the requests were attributed against. */
    public record Result(UsageReport report, RbacTimeline timeline) {
        /** The ledger of an in-process analysis: in memory. */
        public InMemoryUsageLedger ledger() {
            return (InMemoryUsageLedger) report.ledger();
        }

        public UsageCounters counters() {
            return report.counters();
        }

        public List<UsageReport.DeadLetter> deadLetters() {
            return report.deadLetters();
        }

        public List<String> reasonMismatchExamples() {
            return report.reasonMismatchExamples();
        }
    }
}
