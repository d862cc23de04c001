package io.kubelpa.audit;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Counts each request once: every stage of a request shares its auditID, and retries deliver the
 * same stage again. Per auditID it keeps the record that carries the outcome (Panic or
 * ResponseComplete, then ResponseStarted; RequestReceived only when nothing else arrives) and
 * recognises a stage seen before as a redelivery. The record type is open so in-process analysis
 * (events) and jobs (their transit form) share the rule.
 */
public final class RequestDeduplicator<T> {
    private final Function<T, Stage> stageOf;
    private final Map<String, Kept<T>> requests = new HashMap<>();

    private record Kept<T>(T best, Stage bestStage, int seenStages) {}

    public RequestDeduplicator(Function<T, Stage> stageOf) {
        this.stageOf = stageOf;
    }

    /** Takes a record; false when its stage of this request was already seen (nothing changes then). */
    public boolean accept(String auditID, T record) {
        Stage stage = stageOf.apply(record);
        int bit = 1 << stage.ordinal();
        Kept<T> kept = requests.get(auditID);
        if (kept == null) {
            requests.put(auditID, new Kept<>(record, stage, bit));
            return true;
        }
        if ((kept.seenStages() & bit) != 0) {
            return false;
        }
        boolean better = stage.rank() > kept.bestStage().rank();
        requests.put(auditID, new Kept<>(better ? record : kept.best(), better ? stage : kept.bestStage(),
                kept.seenStages() | bit));
        return true;
    }

    /** The record kept for each request. */
    public Collection<T> requests() {
        return requests.values().stream().map(Kept::best).toList();
    }

    public void clear() {
        requests.clear();
    }
}
