package io.kubelpa.analyze.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubelpa.analyze.RequestStages;
import io.kubelpa.audit.Stage;
import io.kubelpa.audit.StageRule;
import io.kubelpa.job.EventRecord;
import io.kubelpa.job.JobCounters;
import io.kubelpa.usage.UsageCounters;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class StageCombinerTest {
    private static EventRecord record(String auditID, Stage stage, long time) {
        EventRecord record = new EventRecord();
        record.auditID = auditID;
        record.stage = stage.ordinal();
        record.timeMicros = time;
        record.event = new byte[] {(byte) time};
        return record;
    }

    /** The parts handed on, as auditID:stage letters, and the duplicates the combiner counted. */
    private record Combined(List<String> parts, long duplicates) {}

    private static List<String> handedOn(int maxOpen, List<EventRecord> input, boolean endInput) throws Exception {
        return combine(maxOpen, input, endInput).parts();
    }

    private static Combined combine(int maxOpen, List<EventRecord> input, boolean endInput) throws Exception {
        try (OneInputStreamOperatorTestHarness<EventRecord, RequestStages> harness =
                new OneInputStreamOperatorTestHarness<>(
                        new StageCombiner(maxOpen, StageRule.of(StageRule.DEFAULT_STAGE_WAIT)))) {
            harness.open();
            for (EventRecord record : input) {
                harness.processElement(new StreamRecord<>(record));
            }
            if (endInput) {
                harness.endInput();
            }
            List<String> parts = new ArrayList<>();
            for (RequestStages part : harness.extractOutputValues()) {
                StringBuilder stages = new StringBuilder(part.auditID()).append(':');
                part.records()
                        .forEach(r -> stages.append((RequestStages.eventDropped(r) ? "rscp" : "RSCP").charAt(r.stage)));
                parts.add(stages.toString());
            }
            Object duplicates = harness.getEnvironment()
                    .getAccumulatorRegistry()
                    .getUserMap()
                    .get(JobCounters.PREFIX + UsageCounters.DUPLICATES);
            return new Combined(parts, duplicates == null ? 0 : ((LongCounter) duplicates).getLocalValue());
        }
    }

    private static final List<EventRecord> INTERLEAVED = List.of(
            record("a", Stage.REQUEST_RECEIVED, 1),
            record("b", Stage.REQUEST_RECEIVED, 2),
            record("a", Stage.RESPONSE_COMPLETE, 3),
            record("c", Stage.REQUEST_RECEIVED, 4),
            record("b", Stage.RESPONSE_STARTED, 5),
            record("a", Stage.RESPONSE_COMPLETE, 6),
            record("c", Stage.PANIC, 7),
            record("d", Stage.RESPONSE_STARTED, 8));

    @Test
    void aRequestCrossesOnceAtItsFinalStageAndWhatIsStillOpenAtTheEnd() throws Exception {
        // The stage letters: R(eceived), S(tarted), C(omplete), P(anic), in lower case where the event was dropped
        // (a final stage came in time, so the stage can never decide); a's second ResponseComplete is a
        // redelivery after the request was handed on, so it crosses alone and is merged after the exchange.
        assertThat(handedOn(StageCombiner.DEFAULT_MAX_OPEN, INTERLEAVED, true))
                .containsExactly("a:rC", "a:C", "c:rP", "b:RS", "d:S");
    }

    @Test
    void theOldestOpenRequestCrossesInPartsWhenTooManyAreOpen() throws Exception {
        assertThat(handedOn(1, INTERLEAVED, true))
                .containsExactly("a:R", "a:C", "b:R", "c:R", "a:C", "c:P", "b:S", "d:S");
        assertThat(handedOn(0, INTERLEAVED, true))
                .as("nothing held open: one part per record")
                .hasSize(INTERLEAVED.size());
    }

    @Test
    void openRequestsWaitForTheEndOfTheInput() throws Exception {
        assertThat(handedOn(StageCombiner.DEFAULT_MAX_OPEN, INTERLEAVED, false)).containsExactly("a:rC", "a:C", "c:rP");
    }

    @Test
    void aStageDeliveredTwiceWhileItsRequestIsOpenIsCountedOnceAsADuplicate() throws Exception {
        List<EventRecord> redelivered = List.of(
                record("e", Stage.REQUEST_RECEIVED, 9),
                record("e", Stage.REQUEST_RECEIVED, 9),
                record("f", Stage.RESPONSE_COMPLETE, 10),
                record("e", Stage.RESPONSE_STARTED, 11),
                record("e", Stage.REQUEST_RECEIVED, 12));
        Combined combined = combine(StageCombiner.DEFAULT_MAX_OPEN, redelivered, true);
        assertThat(combined.parts()).containsExactly("f:C", "e:RS");
        assertThat(combined.duplicates()).isEqualTo(2);
        assertThat(combine(StageCombiner.DEFAULT_MAX_OPEN, INTERLEAVED, true).duplicates())
                .as("a redelivery after its request was handed on is counted after the exchange")
                .isZero();
    }

    @Test
    void aNegativeBoundIsRefused() {
        assertThatThrownBy(() -> new StageCombiner(-1, StageRule.of(StageRule.DEFAULT_STAGE_WAIT)))
                .hasMessageContaining("-1");
    }
}
