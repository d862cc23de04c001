package io.kubelpa.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubelpa.audit.Stage;
import io.kubelpa.audit.StageRule;
import io.kubelpa.job.EventRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RequestStagesTest {
    static EventRecord record(String auditID, Stage stage, long timeMicros, byte... event) {
        EventRecord record = new EventRecord();
        record.auditID = auditID;
        record.stage = stage.ordinal();
        record.timeMicros = timeMicros;
        record.event = event;
        return record;
    }

    /** The rule written the obvious way: per stage the earliest record, ties broken by the smaller bytes. */
    private static Map<Integer, EventRecord> expected(List<EventRecord> records) {
        Map<Integer, EventRecord> kept = new TreeMap<>();
        Comparator<EventRecord> order = Comparator.<EventRecord>comparingLong(r -> r.timeMicros)
                .thenComparing((a, b) -> Arrays.compare(a.event, b.event));
        for (EventRecord record : records) {
            kept.merge(record.stage, record, (a, b) -> order.compare(a, b) <= 0 ? a : b);
        }
        return kept;
    }

    private static String content(EventRecord record) {
        return record.stage + "@" + record.timeMicros + Arrays.toString(record.event);
    }

    @Test
    void partsGatheredAnywhereMergeIntoWhatOneGatheringKeeps() {
        Random random = new Random(11);
        for (int round = 0; round < 5_000; round++) {
            List<EventRecord> records = new ArrayList<>();
            int count = 1 + random.nextInt(8);
            for (int i = 0; i < count; i++) {
                Stage stage = Stage.values()[random.nextInt(Stage.values().length)];
                // Equal copies are distinct objects: which of them stays is seen, and must not matter.
                byte[] event = {(byte) random.nextInt(3)};
                records.add(record("a", stage, random.nextInt(3), event));
            }
            Collections.shuffle(records, random);
            List<RequestStages> parts = new ArrayList<>();
            int duplicates = 0;
            for (EventRecord record : records) {
                if (parts.isEmpty() || random.nextInt(3) == 0) {
                    parts.add(new RequestStages("a"));
                }
                duplicates += parts.get(random.nextInt(parts.size())).add(record) ? 1 : 0;
            }
            Collections.shuffle(parts, random);
            RequestStages merged = new RequestStages("a");
            for (RequestStages part : parts) {
                duplicates += merged.addAll(part);
            }

            Map<Integer, EventRecord> expected = expected(records);
            assertThat(merged.records())
                    .as("round %d", round)
                    .map(RequestStagesTest::content)
                    .containsExactlyElementsOf(expected.values().stream()
                            .map(RequestStagesTest::content)
                            .toList());
            assertThat(duplicates).as("round %d", round).isEqualTo(records.size() - expected.size());
        }
    }

    @Test
    void partsWithoutTheEventsOfOutrankedStagesDecideTheRequestAsTheWholeRecordsDo() {
        Random random = new Random(5);
        int dropped = 0;
        for (int round = 0; round < 20_000; round++) {
            StageRule rule = new StageRule(List.of(0L, 5L, 10L).get(random.nextInt(3)));
            // Half the rounds on a coarse grid around zero, so that equal times (and a dropped event tied with
            // a whole copy of its stage) are common; the rest spread over three waits.
            boolean coarse = random.nextBoolean();
            List<EventRecord> records = new ArrayList<>();
            int count = 1 + random.nextInt(6);
            for (int i = 0; i < count; i++) {
                Stage stage = Stage.values()[random.nextInt(Stage.values().length)];
                byte[] event = {(byte) (1 + random.nextInt(3))};
                long time = coarse ? (random.nextInt(4) - 1) * 5_000L : random.nextInt(30_000);
                records.add(record("a", stage, time, event));
            }
            Collections.shuffle(records, random);
            RequestStages whole = new RequestStages("a");
            records.forEach(whole::add);
            List<RequestStages> parts = new ArrayList<>();
            for (EventRecord record : records) {
                if (parts.isEmpty() || random.nextInt(3) == 0) {
                    parts.add(new RequestStages("a"));
                }
                parts.get(random.nextInt(parts.size())).add(record);
            }
            RequestStages merged = new RequestStages("a");
            for (RequestStages part : parts) {
                RequestStages lean = part.withoutOutrankedEvents(rule);
                dropped += (int) lean.records().stream()
                        .filter(RequestStages::eventDropped)
                        .count();
                merged.addAll(lean);
            }

            EventRecord expected = rule.decide(whole.records(), EventRecord::stage, r -> r.timeMicros);
            EventRecord actual = rule.decide(merged.records(), EventRecord::stage, r -> r.timeMicros);
            assertThat(RequestStages.eventDropped(actual)).as("round %d", round).isFalse();
            assertThat(content(actual)).as("round %d: %s", round, parts).isEqualTo(content(expected));
        }
        assertThat(dropped).as("events dropped across the rounds").isGreaterThan(1_000);
    }

    @Test
    void aRecordOfAnotherRequestIsRefused() {
        RequestStages stages = new RequestStages("a");
        assertThatThrownBy(() -> stages.add(record("b", Stage.PANIC, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("b");
    }
}
