package io.kubelpa.job;

import io.kubelpa.audit.AuditEvent;
import io.kubelpa.usage.Attribution;
import io.kubelpa.usage.AttributionCounting;
import io.kubelpa.usage.RbacTimeline;
import io.kubelpa.usage.UsageAttributor;
import io.kubelpa.usage.UsageCounters;
import io.kubelpa.usage.UsageRecord;
import java.util.List;
import org.apache.flink.util.Collector;

/**
 * A request's outcome once its record is chosen, the same in both jobs and in the in-process
 * analysis: attributed to the grants of the RBAC in force at its time, counted, and its usage facts
 * handed on.
 */
public final class RequestOutcome {
    private RequestOutcome() {}

    /** Returns the event's time; {@code counted} and {@code mismatchExamples} (bounded) receive its counts. */
    public static long decide(
            EventRecord record,
            RbacTimeline timeline,
            UsageCounters counted,
            List<String> mismatchExamples,
            Collector<UsageFact> out) {
        AuditEvent event = record.event();
        Attribution attribution = UsageAttributor.attribute(event, timeline.authorizerAt(event.timeMicros()));
        AttributionCounting.count(event, attribution, counted, mismatchExamples);
        for (UsageRecord usage : attribution.records()) {
            out.collect(UsageFact.of(usage));
        }
        return event.timeMicros();
    }
}
