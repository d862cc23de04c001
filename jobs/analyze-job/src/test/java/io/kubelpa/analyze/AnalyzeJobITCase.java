package io.kubelpa.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelpa.audit.format.AuditLogReader;
import io.kubelpa.audit.format.AuditRecordDecoder;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.ManifestReader;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.samples.SampleDirectory;
import io.kubelpa.usage.AuditAnalysis;
import io.kubelpa.usage.GrantKey;
import io.kubelpa.usage.UsageCounters;
import io.kubelpa.usage.UsageReport;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The bounded job on a Flink MiniCluster computes exactly the ledger of the in-process analysis. */
class AnalyzeJobITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static final String RBAC = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: reader}
            rules:
            - {apiGroups: [""], resources: [pods], verbs: [get, list]}
            - {apiGroups: [""], resources: [configmaps], resourceNames: [app-config], verbs: [get]}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: readers, namespace: team}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}
            subjects: [{kind: User, name: alice}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: auditors}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}
            subjects: [{kind: Group, name: auditors}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: impersonator}
            rules: [{apiGroups: [""], resources: [users], verbs: [impersonate]}]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: support}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: impersonator}
            subjects: [{kind: User, name: support}]
            """;

    private static String event(
            String id,
            String stage,
            String verb,
            String uri,
            String user,
            String groups,
            int code,
            int second,
            String extra) {
        return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\",\"auditID\":\"" + id
                + "\",\"stage\":\"" + stage + "\",\"requestURI\":\"" + uri + "\",\"verb\":\"" + verb
                + "\",\"user\":{\"username\":\"" + user + "\",\"groups\":[" + groups + "]},"
                + "\"responseStatus\":{\"code\":" + code + "},\"stageTimestamp\":\"2025-05-01T10:00:"
                + String.format("%02d", second) + ".000000Z\"" + extra + "}";
    }

    private static void writeLogs(Path dir) throws Exception {
        String binding =
                ",\"objectRef\":{\"apiGroup\":\"rbac.authorization.k8s.io\",\"resource\":\"rolebindings\",\"namespace\":\"team\","
                        + "\"name\":\"carol\"},\"responseObject\":{\"kind\":\"RoleBinding\",\"apiVersion\":\"rbac.authorization.k8s.io/v1\","
                        + "\"metadata\":{\"name\":\"carol\",\"namespace\":\"team\"},\"roleRef\":{\"apiGroup\":\"rbac.authorization.k8s.io\","
                        + "\"kind\":\"ClusterRole\",\"name\":\"reader\"},\"subjects\":[{\"kind\":\"User\",\"name\":\"carol\"}]}";
        String first = String.join(
                "\n",
                event(
                        "a1",
                        "RequestReceived",
                        "list",
                        "/api/v1/namespaces/team/pods",
                        "alice",
                        "\"auditors\"",
                        0,
                        1,
                        ""),
                event(
                        "a1",
                        "ResponseComplete",
                        "list",
                        "/api/v1/namespaces/team/pods",
                        "alice",
                        "\"auditors\"",
                        200,
                        2,
                        ""),
                event(
                        "a2",
                        "ResponseComplete",
                        "get",
                        "/api/v1/namespaces/team/configmaps/app-config",
                        "alice",
                        "",
                        200,
                        3,
                        ""),
                event("c1", "ResponseComplete", "get", "/api/v1/namespaces/team/pods/web", "carol", "", 200, 4, ""),
                event(
                        "rb",
                        "ResponseComplete",
                        "create",
                        "/apis/rbac.authorization.k8s.io/v1/namespaces/team/rolebindings",
                        "admin",
                        "\"system:masters\"",
                        201,
                        10,
                        binding),
                "{\"kind\": 0}",
                event(
                        "d1",
                        "ResponseComplete",
                        "delete",
                        "/api/v1/namespaces/team/pods/web",
                        "alice",
                        "",
                        403,
                        12,
                        ""));
        Files.writeString(dir.resolve("audit.log"), first + "\n");
        String second = String.join(
                "\n",
                event(
                        "a1",
                        "ResponseComplete",
                        "list",
                        "/api/v1/namespaces/team/pods",
                        "alice",
                        "\"auditors\"",
                        200,
                        2,
                        ""),
                event("c2", "ResponseComplete", "get", "/api/v1/namespaces/team/pods/web", "carol", "", 200, 20, ""),
                event(
                        "i1",
                        "ResponseComplete",
                        "get",
                        "/api/v1/namespaces/team/pods/web",
                        "support",
                        "",
                        200,
                        30,
                        ",\"impersonatedUser\":{\"username\":\"alice\",\"groups\":[\"system:authenticated\"]}"),
                event(
                        "meta",
                        "ResponseComplete",
                        "patch",
                        "/apis/rbac.authorization.k8s.io/v1/clusterroles/reader",
                        "admin",
                        "\"system:masters\"",
                        200,
                        40,
                        ",\"objectRef\":{\"apiGroup\":\"rbac.authorization.k8s.io\","
                                + "\"resource\":\"clusterroles\",\"name\":\"reader\"}"),
                "this line is not json");
        try (OutputStream out =
                new GZIPOutputStream(Files.newOutputStream(dir.resolve("audit-2025-05-01T10-00-00.log.gz")))) {
            out.write((second + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void jobReproducesTheSampleClusterAnalysis() throws Exception {
        Path samples = SampleDirectory.path();
        RbacObjects rbac =
                new ManifestReader().read(List.of(samples.resolve("rbac"))).objects();
        Configuration config = new Configuration();
        config.set(AnalyzeOptions.PARALLELISM, 2);
        try (AnalysisResult result = new AnalyzeRunner(config)
                .run(rbac, BuiltinMode.ROLES_AND_BINDINGS, List.of(samples.resolve("audit")))) {
            UsageReport job = result.report();
            UsageReport expected = io.kubelpa.samples.SampleAuditLogsTest.analyseSamples();
            assertThat(new java.util.TreeMap<>(job.ledger().subjects()))
                    .usingRecursiveComparison()
                    .isEqualTo(expected.ledger().subjects());
            assertThat(job.counters().all()).isEqualTo(expected.counters().all());
            assertThat(job.deadLetters()).isEqualTo(expected.deadLetters());
            assertThat(job.partiallyKnown()).isEqualTo(expected.partiallyKnown());
            assertThat(job.rbacChanges()).isNotEmpty().isEqualTo(expected.rbacChanges());
        }
    }

    @Test
    void readingLogsInByteRangesGivesTheSameAnalysis() throws Exception {
        Path samples = SampleDirectory.path();
        RbacObjects rbac =
                new ManifestReader().read(List.of(samples.resolve("rbac"))).objects();
        Configuration config = new Configuration();
        config.set(AnalyzeOptions.PARALLELISM, 2);
        // The sample's plain JSON-lines files become dozens of ranges, read by both tasks.
        config.set(AnalyzeOptions.RANGE_SIZE, MemorySize.parse("8kb"));
        AnalyzeRunner runner = new AnalyzeRunner(config);
        try (AnalysisResult result =
                runner.run(rbac, BuiltinMode.ROLES_AND_BINDINGS, List.of(samples.resolve("audit")))) {
            UsageReport job = result.report();
            long ranges = 0;
            for (Path file : AuditLogReader.files(List.of(samples.resolve("audit")))) {
                ranges += io.kubelpa.audit.format.SplittableLogs.ranges(file, 8 * 1024)
                        .size();
            }
            assertThat(runner.lastPartsDone())
                    .as("every file or range read to its end, once")
                    .isEqualTo(ranges)
                    .isGreaterThan(20);
            UsageReport expected = io.kubelpa.samples.SampleAuditLogsTest.analyseSamples();
            assertThat(new java.util.TreeMap<>(job.ledger().subjects()))
                    .usingRecursiveComparison()
                    .isEqualTo(expected.ledger().subjects());
            assertThat(job.counters().all()).isEqualTo(expected.counters().all());
            assertThat(job.deadLetters())
                    .extracting(UsageReport.DeadLetter::reason)
                    .containsExactlyInAnyOrderElementsOf(expected.deadLetters().stream()
                            .map(UsageReport.DeadLetter::reason)
                            .toList());
            assertThat(job.deadLetters())
                    .isNotEmpty()
                    .extracting(UsageReport.DeadLetter::location)
                    .as("gzip files are read whole, by line; plain ones in ranges, by byte offset")
                    .allSatisfy(location -> assertThat(location).containsPattern("(\\.gz:\\d+|@\\d+)$"));
        }
    }

    @Test
    void jobLedgerEqualsTheInProcessAnalysis(@TempDir Path dir) throws Exception {
        writeLogs(dir);
        RbacObjects rbac = new ManifestReader().readString("rbac.yaml", RBAC).objects();

        AnalyzeRunner runner = new AnalyzeRunner(new Configuration());
        try (AnalysisResult result = runner.run(rbac, BuiltinMode.NONE, List.of(dir))) {
            UsageReport job = result.report();
            assertThat(runner.lastPartsDone()).as("two small files, read whole").isEqualTo(2);

            AuditAnalysis reference = new AuditAnalysis(rbac, BuiltinMode.NONE);
            AuditLogReader reader = new AuditLogReader(new AuditRecordDecoder());
            for (Path file : AuditLogReader.files(List.of(dir))) {
                reader.read(file, reference::accept);
            }
            UsageReport expected = reference.finish().report();

            assertThat(job.ledger().subjects().keySet()).containsExactly("admin", "alice", "carol", "support");
            assertThat(job.ledger().subjects().get("admin").used())
                    .as("admin's requests no grant of the RBAC given explains: use outside RBAC")
                    .isEmpty();
            assertThat(job.ledger().subjects().get("admin").outsideRbac()).isNotEmpty();
            assertThat(new java.util.TreeMap<>(job.ledger().subjects()))
                    .usingRecursiveComparison()
                    .isEqualTo(expected.ledger().subjects());
            assertThat(job.counters().all()).isEqualTo(expected.counters().all());
            assertThat(job.counters().fromMicros())
                    .isEqualTo(expected.counters().fromMicros());
            assertThat(job.counters().toMicros()).isEqualTo(expected.counters().toMicros());
            assertThat(job.deadLetters())
                    .extracting(UsageReport.DeadLetter::reason)
                    .containsExactlyInAnyOrder("not-an-audit-event", "not-json");

            assertThat(job.counters().get(UsageCounters.REQUESTS)).isEqualTo(8);
            assertThat(job.partiallyKnown())
                    .containsExactly(ObjectRef.clusterRole("reader"))
                    .isEqualTo(expected.partiallyKnown());
            assertThat(job.counters().get(UsageCounters.DUPLICATES)).isEqualTo(1);
            assertThat(job.counters().get(UsageCounters.RBAC_CHANGES)).isEqualTo(2);
            GrantKey carol = new GrantKey(
                    ObjectRef.roleBinding("team", "carol"),
                    ObjectRef.clusterRole("reader"),
                    0,
                    new io.kubelpa.authz.SubjectRef("User", "carol", ""));
            assertThat(job.ledger().subjects().get("carol").used().get(carol).values())
                    .singleElement()
                    .satisfies(u -> assertThat(u.sampleAuditIDs()).containsExactly("c2"));
            assertThat(job.ledger().subjects().get("alice").denied()).hasSize(1);
        }
    }
}
