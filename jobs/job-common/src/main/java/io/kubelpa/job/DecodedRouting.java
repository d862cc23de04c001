package io.kubelpa.job;

import io.kubelpa.usage.Coverage;
import io.kubelpa.usage.UsageCounters;
import io.kubelpa.usage.UsageReport.DeadLetter;
import java.util.function.Consumer;
import org.apache.flink.util.Collector;

/**
 * Counts what decoding made of a record, sends its dead letters one way and its events the other.
 * Every event's time widens the window (a time range is applied to decided requests, and cuts the
 * window afterwards).
 */
final class DecodedRouting {
    private final JobCounters counters;

    DecodedRouting(JobCounters counters) {
        this.counters = counters;
    }

    void route(DecodedRecord record, Consumer<DeadLetter> deadLetters, Collector<EventRecord> events) {
        counters.increment(UsageCounters.RECORDS);
        for (String reason : record.skipReasons) {
            counters.increment(UsageCounters.SKIPPED);
            counters.increment(UsageCounters.SKIPPED + "." + reason);
        }
        for (DeadLetter letter : record.deadLetters) {
            counters.increment(UsageCounters.DEAD_LETTERED);
            counters.increment(UsageCounters.DEAD_LETTERED + "." + letter.reason());
            deadLetters.accept(letter);
        }
        for (EventRecord event : record.events) {
            counters.increment(UsageCounters.EVENTS);
            counters.observe(Coverage.sourceOf(record.location), event.timeMicros);
            events.collect(event);
        }
    }
}
