package io.kubelpa.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelpa.authz.SubjectRef;
import io.kubelpa.job.RbacJson;
import io.kubelpa.job.UsageFact;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.ManifestReader;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.usage.GrantKey;
import io.kubelpa.usage.RequestShape;
import io.kubelpa.usage.UsageRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review operator: a periodic review per period of gathered ledger, and, when the RBAC changes
 * between reviews, a re-evaluation of the last review's ledger against the new RBAC, so a grant added
 * after a review is judged within a minute of event time, not at the next review.
 */
class ReviewFunctionTest {
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long T0 = Instant.parse("2025-05-01T00:00:00Z").toEpochMilli();
    private static final String RBAC = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: reader}
            rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: app, namespace: team}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}
            subjects: [{kind: User, name: alice}]
            """;
    private static final String EVE_ADMIN = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: eve-admin}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
            subjects: [{kind: User, name: eve}]
            """;

    @TempDir
    Path out;

    private KeyedBroadcastOperatorTestHarness<Integer, ReviewFact, RbacUpdate, FindingRecord> review;

    @BeforeEach
    void open() throws Exception {
        review = harness(new Configuration());
    }

    private KeyedBroadcastOperatorTestHarness<Integer, ReviewFact, RbacUpdate, FindingRecord> harness(
            Configuration config) throws Exception {
        config.set(StreamReviewOptions.OUTPUT_DIR, out.toString());
        String rbac = RbacJson.write(
                new ManifestReader().readString("rbac.yaml", RBAC).objects());
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new ReviewFunction(rbac, BuiltinMode.ROLES_AND_BINDINGS, ReviewSettings.of(config, "test")),
                f -> 0,
                Types.INT,
                RbacUpdate.BROADCAST_STATE);
    }

    @AfterEach
    void close() throws Exception {
        review.close();
    }

    private void watermark(long millis) throws Exception {
        review.processWatermark(millis);
        review.processBroadcastWatermark(millis);
    }

    private void aliceReadPodsReviewedAt(long reviewMillis) throws Exception {
        GrantKey grant = new GrantKey(
                ObjectRef.roleBinding("team", "app"),
                ObjectRef.clusterRole("reader"),
                0,
                new SubjectRef("User", "alice", ""));
        UsageFact fact = UsageFact.of(new UsageRecord(
                "alice",
                grant,
                new RequestShape("get", "", "pods", "", "team", "web", ""),
                (reviewMillis - DAY / 2) * 1000,
                "a1"));
        review.processElement(new ReviewFact(reviewMillis * 1000, fact), reviewMillis);
    }

    private void rbacChange(long atMillis, String manifests) throws Exception {
        review.processBroadcastElement(
                RbacUpdate.ofManifests("rbac-topic@" + atMillis, atMillis * 1000, manifests), atMillis);
        review.processElement(ReviewFact.rbacChanged(atMillis * 1000), atMillis);
    }

    private List<String> reviewDirectories() throws Exception {
        try (var list = Files.list(out.resolve("reviews"))) {
            return list.map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("."))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void aGrantAddedAfterAReviewIsJudgedWithinAMinute() throws Exception {
        aliceReadPodsReviewedAt(T0 + DAY);
        watermark(T0 + DAY);
        assertThat(reviewDirectories()).containsExactly("2025-05-02T00-00-00Z", "latest");
        assertThat(review.extractOutputValues()).noneMatch(f -> f.json != null && f.json.contains("eve-admin"));

        review.getOutput().clear();
        rbacChange(T0 + DAY + DAY / 2, EVE_ADMIN);
        watermark(T0 + DAY + DAY / 2 + 2 * 60_000);

        assertThat(reviewDirectories()).containsExactly("2025-05-02T00-00-00Z", "2025-05-02T12-01-00Z", "latest");
        assertThat(Files.readSymbolicLink(out.resolve("reviews/latest")).toString())
                .isEqualTo("2025-05-02T12-01-00Z");
        assertThat(review.extractOutputValues())
                .as("the new binding's findings are published")
                .anyMatch(f -> f.json != null && f.json.contains("ESCALATION_PRONE") && f.json.contains("eve-admin"));
        assertThat(Files.readString(out.resolve("reviews/2025-05-02T12-01-00Z/usage.json")))
                .as("the last review's ledger, re-evaluated")
                .contains("\"username\" : \"alice\"")
                .contains("\"to\" : \"2025-05-02T00:00:00");
    }

    @Test
    void reEvaluationCanBeTurnedOff() throws Exception {
        review.close();
        Configuration config = new Configuration();
        config.set(StreamReviewOptions.RBAC_CHANGE_DELAY, Duration.ZERO);
        review = harness(config);
        aliceReadPodsReviewedAt(T0 + DAY);
        watermark(T0 + DAY);
        rbacChange(T0 + DAY + DAY / 2, EVE_ADMIN);
        watermark(T0 + DAY + DAY / 2 + 2 * 60_000);
        assertThat(reviewDirectories()).containsExactly("2025-05-02T00-00-00Z", "latest");
    }

    @Test
    void aChangeBeforeTheFirstReviewWaitsForIt() throws Exception {
        rbacChange(T0 + DAY / 4, EVE_ADMIN);
        assertThat(review.numEventTimeTimers()).isZero();
        aliceReadPodsReviewedAt(T0 + DAY);
        watermark(T0 + DAY);
        assertThat(reviewDirectories()).containsExactly("2025-05-02T00-00-00Z", "latest");
        assertThat(review.extractOutputValues()).anyMatch(f -> f.json != null && f.json.contains("eve-admin"));
    }
}
