package io.kubelpa.cli;

import static io.kubelpa.cli.CliRun.lpa;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubelpa.authz.RbacAuthorizer;
import io.kubelpa.authz.RequestAttributes;
import io.kubelpa.authz.UserInfo;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.ManifestReader;
import io.kubelpa.rbac.SnapshotAssembler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {
    private static final String SAMPLES = "../sample-audit-logs";

    @Test
    void writesTheUsageOfATimeRange(@TempDir Path out) throws Exception {
        CliRun run = lpa(
                "analyze",
                "--rbac",
                SAMPLES + "/rbac",
                "--builtin-bindings",
                "--audit-log",
                SAMPLES + "/audit/kube-apiserver",
                "--out",
                out.toString(),
                "--since",
                "2025-05-02T00:00:00Z",
                "--until",
                "2025-05-03T00:00:00Z",
                "-q",
                "--parallelism",
                "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode usage = new ObjectMapper().readTree(out.resolve("usage.json").toFile());
        assertThat(usage.get("window").get("from").asText()).startsWith("2025-05-02");
        assertThat(usage.get("window").get("to").asText()).startsWith("2025-05-02");
        assertThat(usage.get("counters").get("outsideRange").asLong()).isPositive();
        JsonNode frank = null;
        for (JsonNode subject : usage.get("subjects")) {
            if (subject.get("username").asText().equals("frank")) {
                frank = subject;
            }
        }
        assertThat(frank).isNotNull();
        assertThat(frank.get("used")
                        .get(0)
                        .get("grants")
                        .get(0)
                        .get("binding")
                        .get("name")
                        .asText())
                .isEqualTo("frank-debug");
        assertThat(frank.get("denied").get(0).get("count").asLong()).isEqualTo(2);
        assertThat(out.resolve("dead-letter.jsonl")).doesNotExist();
        assertThat(run.out()).contains("requests", "Wrote " + out.resolve("usage.json"));
    }

    @Test
    void linksPlantedInTheOutputFolderRedirectNoWriteNorCleanUp(@TempDir Path dir) throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("precious.yaml"), "keep me");
        Path victim = Files.writeString(dir.resolve("victim.json"), "keep me too");
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.createSymbolicLink(out.resolve("proposals"), elsewhere);
        Files.createSymbolicLink(out.resolve("usage.json"), victim);
        CliRun run = lpa(
                "analyze",
                "--rbac",
                SAMPLES + "/rbac",
                "--builtin-bindings",
                "--audit-log",
                SAMPLES + "/audit",
                "--out",
                out.toString(),
                "-q");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(elsewhere.resolve("precious.yaml")).hasContent("keep me");
        try (var list = Files.list(elsewhere)) {
            assertThat(list).hasSize(1);
        }
        assertThat(victim).hasContent("keep me too");
        assertThat(Files.isSymbolicLink(out.resolve("proposals"))).isFalse();
        assertThat(out.resolve("usage.json")).content().contains("\"subjects\"");
    }

    @Test
    void aTruncatedGzipIsADeadLetterNamingItAndTheOtherFilesAreAnalysed(@TempDir Path dir) throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        try (var files = Files.list(Path.of(SAMPLES, "audit", "kube-apiserver"))) {
            List<Path> gz = files.sorted().toList();
            Files.copy(gz.get(0), logs.resolve("whole.log.gz"));
            byte[] bytes = Files.readAllBytes(gz.get(1));
            Files.write(logs.resolve("cut.log.gz"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        }
        Files.createSymbolicLink(logs.resolve("dangling.log"), logs.resolve("gone"));
        Path out = dir.resolve("out");
        CliRun run = lpa(
                "analyze", "--rbac", SAMPLES + "/rbac", "--audit-log", logs.toString(), "--out", out.toString(), "-q");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("dead-lettered");
        String letters = Files.readString(out.resolve("dead-letter.jsonl"));
        assertThat(letters).contains("cut.log.gz", "unreadable-file", "truncated or corrupt compressed data");
        assertThat(letters).contains("dangling.log", "not a regular file");
        CliRun cutAlone = lpa("inspect-logs", logs.resolve("cut.log.gz").toString(), "-o", "json");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(cutAlone.out())
                        .get("total")
                        .get("events")
                        .asLong())
                .as("the events of the half before the cut")
                .isGreaterThan(100);
        assertThat(Files.readString(out.resolve("usage.json"))).contains("\"subjects\"");
    }

    @Test
    void aUsedBindingWhoseNameHoldsANextLineIsUsedNotUnused(@TempDir Path dir) throws Exception {
        String name = "dev\u0085ops";
        Path rbac = Files.createDirectories(dir.resolve("rbac"));
        Files.writeString(
                rbac.resolve("role.json"),
                "{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\"Role\","
                        + "\"metadata\":{\"name\":\"reader\",\"namespace\":\"team\"},"
                        + "\"rules\":[{\"apiGroups\":[\"\"],\"resources\":[\"pods\"],\"verbs\":[\"get\"]}]}");
        Files.writeString(
                rbac.resolve("binding.json"),
                "{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\"RoleBinding\","
                        + "\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"team\"},\"roleRef\":{\"apiGroup\":"
                        + "\"rbac.authorization.k8s.io\",\"kind\":\"Role\",\"name\":\"reader\"},\"subjects\":[{\"kind\":\"User\",\"name\":\"alice\"}]}");
        Path audit = Files.createDirectories(dir.resolve("audit"));
        Files.writeString(
                audit.resolve("audit.log"),
                "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\","
                        + "\"auditID\":\"n1\",\"stage\":\"ResponseComplete\",\"requestURI\":\"/api/v1/namespaces/team/pods/x\",\"verb\":\"get\","
                        + "\"user\":{\"username\":\"alice\"},\"objectRef\":{\"resource\":\"pods\",\"namespace\":\"team\",\"name\":\"x\","
                        + "\"apiVersion\":\"v1\"},\"responseStatus\":{\"code\":200},\"stageTimestamp\":\"2025-05-01T00:00:00Z\"}\n");
        Path out = dir.resolve("out");
        CliRun run = lpa(
                "analyze", "--rbac", rbac.toString(), "--audit-log", audit.toString(), "--out", out.toString(), "-q");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(out.resolve("usage.json"))).contains("\"name\" : \"" + name + "\"");
        assertThat(Files.readString(out.resolve("findings.json"))).doesNotContain("UNUSED_BINDING");
    }

    /**
     * A user only system:masters allowed (through the built-in cluster-admin binding), one only another
     * authorizer allowed, and a node only the Node authorizer allowed: RBAC holds nothing of theirs to
     * tighten, so the review offers the users new least roles (proven by replay), never the node.
     */
    @Test
    void subjectsOnlyAnotherAuthorizerAllowedAreOfferedNewRolesExceptThePlatforms(@TempDir Path dir) throws Exception {
        Path rbac = Files.createDirectories(dir.resolve("rbac"));
        Files.writeString(rbac.resolve("role.yaml"), """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {name: reader, namespace: team}
                rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
                """);
        Path audit = Files.createDirectories(dir.resolve("audit"));
        Files.writeString(
                audit.resolve("audit.log"),
                event("m1", "ops-admin", "[\"system:masters\",\"system:authenticated\"]", "get", "nodes", "", "n1")
                        + event(
                                "m2",
                                "ops-admin",
                                "[\"system:masters\",\"system:authenticated\"]",
                                "get",
                                "pods",
                                "team",
                                "web")
                        + event("u1", "legacy-bot", "[\"system:authenticated\"]", "get", "pods", "team", "web")
                        + event(
                                "k1",
                                "system:node:n1",
                                "[\"system:nodes\",\"system:authenticated\"]",
                                "get",
                                "pods",
                                "team",
                                "web"));
        Path out = dir.resolve("out");
        CliRun run =
                lpa("analyze", "--rbac", rbac.toString(), "--audit-log", audit.toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "least roles for 2 subject(s) only another authorizer allowed (User:legacy-bot, User:ops-admin)")
                .contains("replay proven");
        JsonNode verification = new ObjectMapper()
                .readTree(out.resolve("new-roles/verification.json").toFile());
        assertThat(verification.get("subjects"))
                .extracting(s -> s.get("subject").asText())
                .containsExactly("User:legacy-bot", "User:ops-admin");
        RbacAuthorizer offered = new RbacAuthorizer(SnapshotAssembler.assemble(
                new ManifestReader()
                        .read(List.of(out.resolve("new-roles/rbac.yaml")))
                        .objects(),
                BuiltinMode.NONE));
        UserInfo admin = UserInfo.withDefaultGroups("ops-admin", List.of());
        assertThat(offered.authorize(RequestAttributes.resource(admin, "get", "", "", "nodes", "", "n1"))
                        .allowed())
                .isTrue();
        assertThat(offered.authorize(RequestAttributes.resource(admin, "get", "team", "", "pods", "", "web"))
                        .allowed())
                .isTrue();
        assertThat(offered.authorize(RequestAttributes.resource(admin, "delete", "team", "", "pods", "", "web"))
                        .allowed())
                .isFalse();

        Files.writeString(
                audit.resolve("audit.log"),
                event("k2", "system:node:n1", "[\"system:nodes\"]", "get", "pods", "team", "web"));
        lpa("analyze", "--rbac", rbac.toString(), "--audit-log", audit.toString(), "--out", out.toString());
        assertThat(out.resolve("new-roles/rbac.yaml"))
                .as("a later review without candidates leaves none stale")
                .doesNotExist();
    }

    private static String event(
            String id, String user, String groups, String verb, String resource, String namespace, String name) {
        String uri =
                (namespace.isEmpty() ? "/api/v1/" : "/api/v1/namespaces/" + namespace + "/") + resource + "/" + name;
        return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\",\"auditID\":\"" + id
                + "\",\"stage\":\"ResponseComplete\",\"requestURI\":\"" + uri + "\",\"verb\":\"" + verb
                + "\",\"user\":{\"username\":\"" + user + "\",\"groups\":" + groups + "},\"objectRef\":{\"resource\":\""
                + resource + "\",\"namespace\":\"" + namespace + "\",\"name\":\"" + name + "\",\"apiVersion\":\"v1\"},"
                + "\"responseStatus\":{\"code\":200},\"stageTimestamp\":\"2025-05-01T00:00:0" + id.charAt(1)
                + "Z\"}\n";
    }

    @Test
    void badInputIsAOneLineError(@TempDir Path out) {
        CliRun missing = lpa(
                "analyze",
                "--rbac",
                SAMPLES + "/rbac",
                "--audit-log",
                out.resolve("nope").toString(),
                "--out",
                out.toString(),
                "-q");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(missing.err().lines()).singleElement().satisfies(l -> assertThat(l)
                .contains("no such file or directory"));
        CliRun badTime = lpa(
                "analyze",
                "--rbac",
                SAMPLES + "/rbac",
                "--audit-log",
                SAMPLES + "/audit",
                "--out",
                out.toString(),
                "--since",
                "last tuesday");
        assertThat(badTime.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badTime.err()).startsWith("lpa: error: --since must be an RFC 3339 time");
        CliRun emptyRange = lpa(
                "analyze",
                "--rbac",
                SAMPLES + "/rbac",
                "--audit-log",
                SAMPLES + "/audit",
                "--out",
                out.toString(),
                "--since",
                "2025-05-02T00:00:00Z",
                "--until",
                "2025-05-01T00:00:00Z");
        assertThat(emptyRange.exitCode()).isEqualTo(ExitCodes.USAGE);
        for (String sortMemory : List.of("lots", "1mb")) {
            CliRun badMemory = lpa(
                    "analyze",
                    "--rbac",
                    SAMPLES + "/rbac",
                    "--audit-log",
                    SAMPLES + "/audit",
                    "--out",
                    out.toString(),
                    "--sort-memory",
                    sortMemory);
            assertThat(badMemory.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(badMemory.err()).startsWith("lpa: error: --sort-memory " + sortMemory + ": ");
        }
        assertThat(Files.exists(out.resolve("usage.json"))).isFalse();
    }

    @Test
    void anOutputThatIsNoFolderIsRefusedBeforeTheAnalysis(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        long started = System.nanoTime();
        CliRun run = lpa(
                "analyze",
                "--rbac",
                SAMPLES + "/rbac",
                "--audit-log",
                SAMPLES + "/audit",
                "--out",
                file.toString(),
                "-q");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err().lines()).singleElement().satisfies(l -> assertThat(l)
                .contains("--out", "is not a folder"));
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
                .as("no analysis ran first")
                .isLessThan(java.time.Duration.ofSeconds(3));
    }
}
