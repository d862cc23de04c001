package io.kubelpa.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelpa.authz.SubjectRef;
import io.kubelpa.job.UsageFact;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.usage.GrantKey;
import io.kubelpa.usage.RequestShape;
import io.kubelpa.usage.UsageRecord;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The windowed ledger on real RocksDB state: each review gets a subject's grant and shape once with
 * the periods inside the window summed, and evidence that leaves the window is gone, so a grant
 * becomes unused again.
 */
class WindowedLedgerFunctionTest {
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final GrantKey GRANT = new GrantKey(
            ObjectRef.roleBinding("team", "app"),
            ObjectRef.clusterRole("view"),
            0,
            new SubjectRef("User", "alice", ""));

    private KeyedBroadcastOperatorTestHarness<String, UsageFact, EventExtent, ReviewFact> ledger;

    @BeforeEach
    void open() throws Exception {
        ledger = new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(
                        new WindowedLedgerFunction(2 * DAY, DAY), List.of(WindowedLedgerFunction.EXTENT)),
                UsageFact::username,
                Types.STRING,
                128,
                1,
                0);
        ledger.setStateBackend(new EmbeddedRocksDBStateBackend());
        ledger.open();
    }

    @AfterEach
    void close() throws Exception {
        ledger.close();
    }

    private void use(String verb, long atMillis, String auditID) throws Exception {
        use("alice", verb, atMillis, auditID);
    }

    private void use(String subject, String verb, long atMillis, String auditID) throws Exception {
        UsageFact fact = UsageFact.of(new UsageRecord(
                subject, GRANT, new RequestShape(verb, "", "pods", "", "team", "", ""), atMillis * 1000, auditID));
        ledger.processElement(fact, atMillis);
    }

    /** The facts handed to the review at {@code reviewMillis}, as "verb count". */
    private List<String> reviewAt(long reviewMillis) throws Exception {
        ledger.getOutput().clear();
        ledger.processWatermark(reviewMillis);
        ledger.processBroadcastWatermark(reviewMillis);
        return ledger.extractOutputValues().stream()
                .peek(f -> assertThat(f.reviewMicros).isEqualTo(reviewMillis * 1000))
                .map(f -> f.fact.shape().verb() + " " + f.fact.count())
                .sorted()
                .toList();
    }

    @Test
    void evidenceAgesOutOfTheWindow() throws Exception {
        use("get", DAY / 2, "a1");
        assertThat(reviewAt(DAY)).containsExactly("get 1");
        use("get", DAY + DAY / 2, "a2");
        use("list", DAY + DAY / 2, "a3");
        assertThat(reviewAt(2 * DAY))
                .as("two periods of the same grant and shape, summed")
                .containsExactly("get 2", "list 1");
        assertThat(reviewAt(3 * DAY)).as("the first day has left the window").containsExactly("get 1", "list 1");
        assertThat(reviewAt(4 * DAY))
                .as("nothing left: the grant is unused again")
                .isEmpty();
        assertThat(ledger.numEventTimeTimers())
                .as("the review chain stops with the evidence")
                .isZero();
    }

    @Test
    void aSubjectThatComesBackStartsANewChain() throws Exception {
        use("get", DAY / 2, "a1");
        assertThat(reviewAt(DAY)).containsExactly("get 1");
        assertThat(reviewAt(2 * DAY)).containsExactly("get 1");
        assertThat(reviewAt(3 * DAY)).isEmpty();
        assertThat(ledger.numEventTimeTimers()).isZero();
        use("watch", 4 * DAY + 1, "a4");
        assertThat(reviewAt(5 * DAY)).containsExactly("watch 1");
    }

    @Test
    void everyReviewHearsFromEverySubjectWithEvidenceInItsWindowNotOnlyFromNewEvidence() throws Exception {
        use("alice", "get", DAY / 2, "a1");
        use("bob", "list", DAY + DAY / 2, "b1");
        ledger.getOutput().clear();
        ledger.processWatermark(2 * DAY);
        ledger.processBroadcastWatermark(2 * DAY);
        assertThat(ledger.extractOutputValues())
                .filteredOn(f -> f.reviewMicros == 2 * DAY * 1000)
                .extracting(f -> f.fact.username() + " " + f.fact.shape().verb())
                .containsExactlyInAnyOrder("alice get", "bob list");
    }

    @Test
    void atTheEndOfABoundedInputReviewsGoOnToTheOneHoldingTheStreamsLastEventAndNoFurther() throws Exception {
        use("alice", "get", DAY / 2, "a1");
        use("bob", "list", 2 * DAY + DAY / 2, "b1");
        ledger.processBroadcastElement(new EventExtent(DAY / 2 * 1000, (2 * DAY + DAY / 2) * 1000, 0), DAY / 2);
        ledger.getOutput().clear();
        ledger.processWatermark(Long.MAX_VALUE);
        ledger.processBroadcastWatermark(Long.MAX_VALUE);
        assertThat(ledger.extractOutputValues())
                .extracting(f -> f.reviewMicros / 1000 / DAY + " " + f.fact.username())
                .as("alice is in every review her day is in the window of, up to the stream's last; bob in the last")
                .containsExactlyInAnyOrder("1 alice", "2 alice", "3 bob");
        assertThat(ledger.numEventTimeTimers()).isZero();
    }

    @Test
    void factsOfManyPeriodsArrivingAtOneWatermarkInAnyOrderStartTheChainAtTheEarliest() throws Exception {
        use("list", DAY + DAY / 2, "a2");
        use("get", DAY / 2, "a1");
        ledger.processBroadcastElement(new EventExtent(DAY / 2 * 1000, (DAY + DAY / 2) * 1000, 0), DAY / 2);
        ledger.getOutput().clear();
        ledger.processWatermark(Long.MAX_VALUE);
        ledger.processBroadcastWatermark(Long.MAX_VALUE);
        assertThat(ledger.extractOutputValues())
                .extracting(
                        f -> f.reviewMicros / 1000 / DAY + " " + f.fact.shape().verb())
                .containsExactlyInAnyOrder("1 get", "2 get", "2 list");
    }
}
