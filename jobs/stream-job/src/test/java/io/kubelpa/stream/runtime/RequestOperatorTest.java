package io.kubelpa.stream.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelpa.audit.format.AuditRecordDecoder;
import io.kubelpa.job.DecodedRecord;
import io.kubelpa.job.EventRecord;
import io.kubelpa.job.RbacJson;
import io.kubelpa.job.UsageFact;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.ManifestReader;
import io.kubelpa.stream.RbacUpdate;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The request operator on real RocksDB state: each request decided once, by its best stage, when the
 * watermark reaches it; the same whether it waited on the heap or, past the heap's bound, in RocksDB;
 * and waiting requests kept across a checkpoint, each restored by the task that owns its key.
 */
class RequestOperatorTest {
    private static final long T0 = Instant.parse("2025-05-01T10:00:00Z").toEpochMilli();
    private static final int MAX_PARALLELISM = 128;
    private static final String RBAC = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: reader}
            rules: [{apiGroups: [""], resources: [pods], verbs: [get, list]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: app, namespace: team}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}
            subjects: [{kind: User, name: alice}]
            """;

    private static KeyedTwoInputStreamOperatorTestHarness<String, EventRecord, RbacUpdate, UsageFact> harness(
            int heldCapacity, int parallelism, int subtask) throws Exception {
        String rbac = RbacJson.write(
                new ManifestReader().readString("rbac.yaml", RBAC).objects());
        RequestOperator operator = new RequestOperator(
                rbac,
                BuiltinMode.ROLES_AND_BINDINGS,
                Duration.ofHours(2),
                Duration.ofMinutes(10),
                Duration.ofDays(1),
                heldCapacity);
        KeyedTwoInputStreamOperatorTestHarness<String, EventRecord, RbacUpdate, UsageFact> harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        operator, e -> e.auditID, null, Types.STRING, MAX_PARALLELISM, parallelism, subtask);
        harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        return harness;
    }

    private static EventRecord event(String auditID, String stage, String verb, long atMillis) {
        String time = Instant.ofEpochMilli(atMillis).toString();
        String json =
                "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\",\"auditID\":\"" + auditID
                        + "\",\"stage\":\"" + stage + "\",\"requestURI\":\"/api/v1/namespaces/team/pods\",\"verb\":\""
                        + verb + "\","
                        + "\"user\":{\"username\":\"alice\",\"groups\":[\"system:authenticated\"]},"
                        + "\"objectRef\":{\"resource\":\"pods\",\"namespace\":\"team\",\"apiVersion\":\"v1\"},"
                        + (stage.equals("RequestReceived") ? "" : "\"responseStatus\":{\"code\":200},")
                        + "\"requestReceivedTimestamp\":\"" + time + "\",\"stageTimestamp\":\"" + time + "\","
                        + "\"annotations\":{\"authorization.k8s.io/decision\":\"allow\"}}";
        DecodedRecord decoded =
                DecodedRecord.of("test", new AuditRecordDecoder().decode(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(decoded.events).hasSize(1);
        return decoded.events.get(0);
    }

    private static void watermark(KeyedTwoInputStreamOperatorTestHarness<?, ?, ?, ?> harness, long millis)
            throws Exception {
        harness.processBothWatermarks(new Watermark(millis));
    }

    /** The facts handed on so far, as "verb count [samples]", sorted; the output is cleared. */
    private static List<String> facts(KeyedTwoInputStreamOperatorTestHarness<?, ?, ?, UsageFact> harness) {
        List<String> facts = harness.extractOutputValues().stream()
                .map(f -> f.shape().verb() + " " + f.count() + " "
                        + Arrays.stream(f.samples()).sorted().toList())
                .sorted()
                .toList();
        harness.getOutput().clear();
        return facts;
    }

    private static long requests(List<UsageFact> facts) {
        return facts.stream().mapToLong(UsageFact::count).sum();
    }

    @Test
    void aRequestIsDecidedOnceByItsBestStageWhenEventTimeReachesIt() throws Exception {
        try (var requests = harness(100, 1, 0)) {
            requests.open();
            requests.processElement1(event("a", "ResponseStarted", "list", T0), T0);
            requests.processElement1(event("a", "ResponseComplete", "get", T0 + 5), T0 + 5);
            requests.processElement1(event("a", "ResponseStarted", "list", T0), T0);
            watermark(requests, T0 + 4);
            assertThat(facts(requests))
                    .as("not before event time reaches its best stage")
                    .isEmpty();

            watermark(requests, T0 + 5);
            assertThat(facts(requests)).containsExactly("get 1 [a]");

            requests.processElement1(event("a", "ResponseComplete", "get", T0 + 5), T0 + 5);
            watermark(requests, T0 + Duration.ofHours(1).toMillis());
            assertThat(facts(requests)).as("a redelivery after the decision").isEmpty();
        }
    }

    @Test
    void ofAResponseCompleteAndAPanicInOneMillisecondTheResponseCompleteDecidesInEitherOrder() throws Exception {
        for (int capacity : new int[] {100, 0}) {
            for (boolean panicFirst : new boolean[] {true, false}) {
                try (var requests = harness(capacity, 1, 0)) {
                    requests.open();
                    EventRecord complete = event("p", "ResponseComplete", "get", T0 + 5);
                    EventRecord panic = event("p", "Panic", "list", T0 + 5);
                    requests.processElement1(panicFirst ? panic : complete, T0 + 5);
                    requests.processElement1(panicFirst ? complete : panic, T0 + 5);
                    watermark(requests, T0 + Duration.ofHours(1).toMillis());
                    assertThat(facts(requests))
                            .as(
                                    "held %s, the Panic first: %s",
                                    capacity == 0 ? "in RocksDB" : "on the heap", panicFirst)
                            .containsExactly("get 1 [p]");
                }
            }
        }
    }

    @Test
    void aLongWatchIsDecidedByItsStartWhateverOrderItsStagesArriveInOnTheHeapOrInRocksDb() throws Exception {
        long minute = Duration.ofMinutes(1).toMillis();
        for (int capacity : new int[] {100, 0}) {
            try (var requests = harness(capacity, 1, 0)) {
                requests.open();
                // From partitions read out of step: the end of the watch first, its start last.
                requests.processElement1(event("w", "ResponseComplete", "list", T0 + 31 * minute), T0 + 31 * minute);
                requests.processElement1(event("w", "ResponseStarted", "list", T0 + 3), T0 + 3);
                requests.processElement1(event("w", "RequestReceived", "list", T0), T0);
                watermark(requests, T0 + 10 * minute + 3);
                List<UsageFact> decided = requests.extractOutputValues();
                assertThat(decided)
                        .as("held %s", capacity == 0 ? "in RocksDB" : "on the heap")
                        .hasSize(1);
                assertThat(decided.get(0).lastSeenMicros())
                        .as("the ResponseStarted's time")
                        .isEqualTo((T0 + 3) * 1000);
                requests.getOutput().clear();
                watermark(requests, T0 + Duration.ofHours(1).toMillis());
                assertThat(facts(requests))
                        .as("the late ResponseComplete is not a second request")
                        .isEmpty();
            }
        }
    }

    @Test
    void aLaterStageDecidesOnlyWhenItCameWithinTheStageWait() throws Exception {
        long stageWait = Duration.ofMinutes(10).toMillis();
        try (var requests = harness(100, 1, 0)) {
            requests.open();
            requests.processElement1(event("slow", "RequestReceived", "get", T0), T0);
            requests.processElement1(event("in-time", "RequestReceived", "list", T0), T0);
            requests.processElement1(
                    event("in-time", "ResponseComplete", "list", T0 + stageWait - 1), T0 + stageWait - 1);
            watermark(requests, T0 + stageWait);
            assertThat(facts(requests)).containsExactly("list 1 [in-time]");

            // By now "slow" counted as incomplete (no usage: it never got a response).
            requests.processElement1(event("slow", "ResponseComplete", "get", T0 + stageWait + 1), T0 + stageWait + 1);
            watermark(requests, T0 + 2 * stageWait);
            assertThat(facts(requests)).isEmpty();
        }
    }

    @Test
    void oneWatermarksRequestsOfTheSameShapeReachTheLedgerAsOneSum() throws Exception {
        try (var requests = harness(100, 1, 0)) {
            requests.open();
            requests.processElement1(event("a", "ResponseComplete", "get", T0), T0);
            requests.processElement1(event("b", "ResponseComplete", "get", T0 + 1), T0 + 1);
            requests.processElement1(event("c", "ResponseComplete", "list", T0 + 2), T0 + 2);
            watermark(requests, T0 + 2);
            assertThat(facts(requests)).containsExactly("get 2 [a, b]", "list 1 [c]");
        }
    }

    @Test
    void aRequestBehindTheWatermarkIsDecidedAtOnce() throws Exception {
        try (var requests = harness(100, 1, 0)) {
            requests.open();
            watermark(requests, T0 + 1000);
            requests.processElement1(event("late", "ResponseComplete", "get", T0), T0);
            assertThat(facts(requests)).containsExactly("get 1 [late]");
        }
    }

    @Test
    void theStagesOfALateWatchAreDecidedByTheBestOfThemAsTheBoundedJobDecidesIt() throws Exception {
        long minute = Duration.ofMinutes(1).toMillis();
        for (int capacity : new int[] {100, 0}) {
            try (var requests = harness(capacity, 1, 0)) {
                requests.open();
                long watermark = T0 + Duration.ofDays(1).toMillis();
                watermark(requests, watermark);
                // Appended to a log after a later day: all three stages are behind event time.
                requests.processElement1(event("w", "RequestReceived", "watch", T0), T0);
                requests.processElement1(event("w", "ResponseStarted", "watch", T0 + 3), T0 + 3);
                assertThat(facts(requests))
                        .as("an early stage waits for the ones behind it (%s)", capacity == 0 ? "RocksDB" : "heap")
                        .isEmpty();
                requests.processElement1(event("w", "ResponseComplete", "watch", T0 + 5 * minute), T0 + 5 * minute);
                watermark(requests, watermark + 1);
                List<UsageFact> decided = requests.extractOutputValues();
                assertThat(decided).hasSize(1);
                assertThat(decided.get(0).lastSeenMicros())
                        .as("its ResponseComplete decides it, as in the bounded job")
                        .isEqualTo((T0 + 5 * minute) * 1000);
                requests.getOutput().clear();

                // A late early stage alone is decided once event time moved the stage wait past its arrival.
                long arrival = watermark + 1;
                requests.processElement1(event("r", "ResponseStarted", "get", T0), T0);
                watermark(requests, arrival + 10 * minute - 1);
                assertThat(facts(requests)).isEmpty();
                watermark(requests, arrival + 10 * minute);
                assertThat(facts(requests)).containsExactly("get 1 [r]");

                // A second late stage extends the wait; the first wait's end no longer decides it (nor its timer).
                long second = arrival + 10 * minute;
                requests.processElement1(event("x", "RequestReceived", "get", T0), T0);
                watermark(requests, second + 5 * minute);
                requests.processElement1(event("x", "ResponseStarted", "get", T0 + 1), T0 + 1);
                watermark(requests, second + 10 * minute);
                assertThat(facts(requests)).as("not at the first wait's end").isEmpty();
                watermark(requests, second + 15 * minute);
                assertThat(facts(requests)).containsExactly("get 1 [x]");

                // After the final watermark none comes again: a late early stage is decided at once.
                watermark(requests, Long.MAX_VALUE);
                requests.processElement1(event("z", "ResponseStarted", "list", T0), T0);
                assertThat(facts(requests)).containsExactly("list 1 [z]");
            }
        }
    }

    @Test
    void aLateEarlyStageIsDecidedBeforeTheWatermarkPassesTheReviewThatShouldHoldIt() throws Exception {
        long minute = Duration.ofMinutes(1).toMillis();
        long midnight = Instant.parse("2025-05-02T00:00:00Z").toEpochMilli();
        try (var requests = harness(100, 1, 0)) {
            requests.open();
            watermark(requests, midnight + 5 * minute); // passed on as 23:55: the review of midnight is still to come
            requests.processElement1(
                    event("w", "ResponseStarted", "watch", midnight - 10 * minute), midnight - 10 * minute);
            watermark(requests, midnight + 10 * minute - 1);
            assertThat(requests.extractOutputValues()).isEmpty();
            requests.getOutput().clear();
            watermark(requests, midnight + 10 * minute);
            List<Object> output = new java.util.ArrayList<>(requests.getOutput());
            int fact = -1;
            int passesMidnight = -1;
            for (int i = 0; i < output.size(); i++) {
                if (output.get(i) instanceof org.apache.flink.streaming.runtime.streamrecord.StreamRecord<?> r
                        && r.getValue() instanceof UsageFact) {
                    fact = i;
                } else if (output.get(i) instanceof Watermark w && w.getTimestamp() >= midnight && passesMidnight < 0) {
                    passesMidnight = i;
                }
            }
            assertThat(fact).as("decided").isNotNegative();
            assertThat(passesMidnight)
                    .as("the watermark passing midnight goes on")
                    .isNotNegative();
            assertThat(fact)
                    .as("before the watermark that writes the review of midnight")
                    .isLessThan(passesMidnight);
        }
    }

    @Test
    void pastTheHeapsBoundRequestsWaitInRocksDBAndAreDecidedAlike() throws Exception {
        try (var requests = harness(2, 1, 0)) {
            requests.open();
            for (int i = 0; i < 6; i++) {
                requests.processElement1(event("r" + i, "RequestReceived", "get", T0 + i), T0 + i);
                requests.processElement1(event("r" + i, "ResponseComplete", "get", T0 + i + 1), T0 + i + 1);
            }
            // Holding a third request on the heap would have thrown: four of the six wait in RocksDB.
            watermark(requests, T0 + 3);
            assertThat(requests(requests.extractOutputValues())).isEqualTo(3);
            watermark(requests, T0 + Duration.ofHours(1).toMillis());
            assertThat(requests(requests.extractOutputValues())).isEqualTo(6);
            assertThat(requests.extractOutputValues())
                    .allMatch(f -> f.shape().verb().equals("get"));
        }
    }

    @Test
    void waitingRequestsSurviveACheckpointAndEachReturnsToTheTaskOwningIt() throws Exception {
        OperatorSubtaskState snapshot;
        try (var requests = harness(100, 1, 0)) {
            requests.open();
            for (int i = 0; i < 40; i++) {
                requests.processElement1(event("r" + i, "ResponseComplete", "get", T0 + i), T0 + i);
            }
            snapshot = requests.snapshot(1, T0);
        }
        long decided = 0;
        for (int subtask = 0; subtask < 2; subtask++) {
            try (var restored = harness(100, 2, subtask)) {
                restored.initializeState(AbstractStreamOperatorTestHarness.repartitionOperatorState(
                        snapshot, MAX_PARALLELISM, 1, 2, subtask));
                restored.open();
                watermark(restored, T0 + 100);
                List<UsageFact> facts = restored.extractOutputValues();
                assertThat(requests(facts))
                        .as("subtask %d decides some, not all", subtask)
                        .isBetween(1L, 39L);
                decided += requests(facts);
            }
        }
        assertThat(decided).as("each request once, by the task owning its key").isEqualTo(40);
    }

    @Test
    void aRequestWaitingInRocksDbIsFoundByItsNextStageAfterARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var requests = harness(0, 1, 0)) {
            requests.open();
            requests.processElement1(event("a", "ResponseStarted", "list", T0), T0);
            snapshot = requests.snapshot(1, T0);
        }
        try (var restored = harness(100, 1, 0)) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processElement1(event("a", "ResponseComplete", "list", T0 + 5), T0 + 5);
            watermark(restored, T0 + Duration.ofHours(1).toMillis());
            List<UsageFact> facts = restored.extractOutputValues();
            assertThat(requests(facts))
                    .as("one request, not the waiting stage's and the new one's")
                    .isEqualTo(1);
            assertThat(facts).allMatch(f -> f.lastSeenMicros() == (T0 + 5) * 1000);
        }
    }
}
