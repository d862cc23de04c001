package io.kubelpa.audit;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Which record of a request decides it, the same in the streaming job, the bounded job and the
 * in-process analysis. Taken in order of event time, a stage is replaced by a later one of higher
 * rank (ResponseStarted, then ResponseComplete or Panic) that comes no later than it is due: a final
 * stage at its own time, an early one (RequestReceived, ResponseStarted) {@code stageWait} after it.
 * So a watch that outlives the wait is decided by its ResponseStarted, whether the log is read as a
 * stream (which cannot wait for ever) or as a whole; a request with nothing after RequestReceived in
 * time is incomplete. Times compare in milliseconds, as event time does; a final stage is never replaced,
 * so the earlier of a ResponseComplete and a Panic decides, and in one millisecond the ResponseComplete.
 */
public record StageRule(long stageWaitMillis) implements Serializable {
    public static final Duration DEFAULT_STAGE_WAIT = Duration.ofMinutes(10);

    public StageRule {
        if (stageWaitMillis < 0) {
            throw new IllegalArgumentException("the stage wait must not be negative");
        }
    }

    public static StageRule of(Duration stageWait) {
        return new StageRule(stageWait.toMillis());
    }

    /** When a stage of {@code timeMicros} is acted on if nothing replaces it (event time, milliseconds). */
    public long dueMillis(Stage stage, long timeMicros) {
        long at = timeMicros / 1000;
        if (stage.isFinal()) {
            return at;
        }
        return at > Long.MAX_VALUE - stageWaitMillis ? Long.MAX_VALUE : at + stageWaitMillis;
    }

    /** Whether {@code candidate}, later in event time, replaces the {@code kept} stage. */
    public boolean replaces(Stage kept, long keptMicros, Stage candidate, long candidateMicros) {
        return candidate.rank() > kept.rank() && candidateMicros / 1000 <= dueMillis(kept, keptMicros);
    }

    /**
     * Whether a stage of {@code keptMicros} can never decide a request that also has a final stage of
     * {@code finalMicros}, whatever other records of the request there are: the final stage comes no later
     * than the kept one is due, so it replaces it or whatever replaced it, or it came first and outranks it.
     * A final stage gives way only to a final stage ordered before it (an earlier copy of itself, an earlier
     * final stage of the other kind, a ResponseComplete of the same millisecond), which decides in its place.
     */
    public boolean outranked(Stage kept, long keptMicros, long finalMicros) {
        return !kept.isFinal() && finalMicros / 1000 <= dueMillis(kept, keptMicros);
    }

    /** The record that decides a request, of its distinct stages: the same whatever their order. */
    public <T> T decide(List<T> stages, Function<T, Stage> stageOf, ToLongFunction<T> timeMicrosOf) {
        if (stages.size() == 1) {
            return stages.get(0); // most requests, on the streaming job's path of every event
        }
        List<T> ordered = new ArrayList<>(stages);
        // Stage order breaks the last tie (a ResponseComplete and a Panic of one millisecond), so the
        // decision never depends on the order the records arrived in.
        ordered.sort(Comparator.<T>comparingLong(r -> timeMicrosOf.applyAsLong(r) / 1000)
                .thenComparingInt(r -> stageOf.apply(r).rank())
                .thenComparing(stageOf));
        T best = ordered.get(0);
        for (T record : ordered.subList(1, ordered.size())) {
            if (replaces(
                    stageOf.apply(best),
                    timeMicrosOf.applyAsLong(best),
                    stageOf.apply(record),
                    timeMicrosOf.applyAsLong(record))) {
                best = record;
            }
        }
        return best;
    }
}
