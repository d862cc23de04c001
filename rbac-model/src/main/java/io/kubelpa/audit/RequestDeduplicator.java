package io.kubelpa.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Counts each request once: every stage of a request shares its auditID, and retries deliver the
 * same stage again. Per auditID it keeps one record of each stage, recognises a stage seen before
 * as a redelivery (of the two, the one {@link Redeliveries} names stays), and decides each request
 * by the {@link StageRule}. The record type is open
 * so in-process analysis (events) and jobs (their transit form) share the rule.
 */
public final class RequestDeduplicator<T> {
    private final Function<T, Stage> stageOf;
    private final ToLongFunction<T> timeMicrosOf;
    private final StageRule rule;
    private final Function<T, byte[]> encoding;
    private final Map<String, List<T>> requests = new HashMap<>();

    /** {@code encoding}: the record's bytes, to choose between two of a stage that share their time. */
    public RequestDeduplicator(
            Function<T, Stage> stageOf, ToLongFunction<T> timeMicrosOf, Function<T, byte[]> encoding, StageRule rule) {
        this.stageOf = stageOf;
        this.timeMicrosOf = timeMicrosOf;
        this.encoding = encoding;
        this.rule = rule;
    }

    /** Takes a record; false when its stage of this request was already seen (a redelivery). */
    public boolean accept(String auditID, T record) {
        List<T> stages = requests.computeIfAbsent(auditID, id -> new ArrayList<>(2));
        Stage stage = stageOf.apply(record);
        for (int i = 0; i < stages.size(); i++) {
            T seen = stages.get(i);
            if (stageOf.apply(seen) == stage) {
                if (Redeliveries.precedes(
                        timeMicrosOf.applyAsLong(record),
                        encoding.apply(record),
                        timeMicrosOf.applyAsLong(seen),
                        encoding.apply(seen))) {
                    stages.set(i, record);
                }
                return false;
            }
        }
        stages.add(record);
        return true;
    }

    /** The record that decides each request. */
    public Collection<T> requests() {
        return requests.values().stream()
                .map(stages -> rule.decide(stages, stageOf, timeMicrosOf))
                .toList();
    }

    public void clear() {
        requests.clear();
    }
}
