package io.kubelpa.cli;

import static io.kubelpa.cli.CliRun.lpa;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubelpa.rbac.ManifestReader;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.RbacObjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lpa analyze} over the sample cluster, checked against its ground truth: the bindings no
 * persona used are the unused ones, the bindings personas used are not, every proposal is proven,
 * and the proposed RBAC still lets each persona do what it did.
 */
class AnalyzeReviewEndToEndTest {
    private static final Path SAMPLES = Path.of("../sample-audit-logs");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path out;

    static CliRun run;
    static JsonNode truth;

    @BeforeAll
    static void analyse() throws Exception {
        run = lpa(
                "analyze",
                "--rbac",
                SAMPLES.resolve("rbac").toString(),
                "--audit-log",
                SAMPLES.resolve("audit").toString(),
                "--out",
                out.toString(),
                "--min-window",
                "2d",
                "-q",
                "--parallelism",
                "1");
        truth = JSON.readTree(SAMPLES.resolve("ground-truth.json").toFile());
    }

    private static Set<String> findings(String type) throws Exception {
        Set<String> found = new TreeSet<>();
        for (JsonNode finding :
                JSON.readTree(out.resolve("findings.json").toFile()).get("findings")) {
            if (finding.get("type").asText().equals(type)) {
                JsonNode b = finding.get("binding");
                found.add(new ObjectRef(
                                b.get("kind").asText(),
                                b.get("name").asText(),
                                b.get("namespace").asText())
                        .toString());
            }
        }
        return found;
    }

    @Test
    void theBindingsNoPersonaUsedAreTheUnusedOnes() throws Exception {
        assertThat(run.exitCode()).as(run.err()).isZero();
        RbacObjects rbac =
                new ManifestReader().read(List.of(SAMPLES.resolve("rbac"))).objects();
        Set<String> used = new HashSet<>();
        truth.get("subjects").forEach(s -> s.get("bindings").forEach(b -> used.add(b.asText())));
        Set<String> expectedUnused = new TreeSet<>();
        Stream.of(rbac.roleBindings(), rbac.clusterRoleBindings())
                .flatMap(List::stream)
                .map(b -> ObjectRef.of(b).toString())
                .filter(b -> !used.contains(b))
                .forEach(expectedUnused::add);
        Set<String> flagged = new TreeSet<>(findings("UNUSED_BINDING"));
        flagged.addAll(findings("DANGLING_BINDING"));
        assertThat(flagged).isEqualTo(expectedUnused).isNotEmpty();
        assertThat(findings("UNUSED_BINDING")).doesNotContainAnyElementsOf(used);
        assertThat(findings("CLUSTER_SCOPE_NARROWABLE")).contains("ClusterRoleBinding/ci-deployer");
    }

    @Test
    void everyProposalIsProvenAndThePersonasKeepWhatTheyDid() throws Exception {
        JsonNode verification = JSON.readTree(out.resolve("verification.json").toFile());
        assertThat(verification.get("accepted").asInt()).isPositive();
        assertThat(verification.get("combined").get("replay").get("passed").asBoolean())
                .isTrue();
        assertThat(verification.get("combined").get("noWidening").get("passed").asBoolean())
                .isTrue();
        for (JsonNode proposal : verification.get("proposals")) {
            if (proposal.get("status").asText().equals("proposed")) {
                assertThat(proposal.get("replay").get("failed").asLong()).isZero();
                assertThat(proposal.get("noWidening").get("gains")).isEmpty();
                proposal.get("files")
                        .forEach(f -> assertThat(out.resolve(f.asText())).exists());
            } else {
                assertThat(proposal.get("withheldBecause")).isNotEmpty();
            }
        }
        try (Stream<Path> files = Files.list(out.resolve("proposals"))) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .contains("deletions.yaml", "clusterrole.ci-deployer.yaml");
        }
        CliRun deployer = lpa(
                "can-i",
                "--rbac",
                out.resolve("proposed-rbac").toString(),
                "--as",
                "system:serviceaccount:ci:deployer",
                "patch",
                "deployments.apps",
                "-n",
                "payments");
        assertThat(deployer.out().trim()).isEqualTo("yes");
        CliRun elsewhere = lpa(
                "can-i",
                "--rbac",
                out.resolve("proposed-rbac").toString(),
                "--as",
                "system:serviceaccount:ci:deployer",
                "patch",
                "deployments.apps",
                "-n",
                "kube-system");
        assertThat(elsewhere.out().trim()).isEqualTo("no");
        assertThat(run.out()).contains("proposals verified", "no widening proven");
    }

    @Test
    void diffShowsTheProposedChanges() {
        CliRun diff = lpa(
                "diff",
                "--rbac",
                SAMPLES.resolve("rbac").toString(),
                "--proposals",
                out.resolve("proposals").toString());
        assertThat(diff.exitCode()).as(diff.err()).isEqualTo(1);
        assertThat(diff.out())
                .contains(
                        "--- current/ClusterRole/ci-deployer",
                        "+++ proposed/ClusterRole/ci-deployer",
                        "+++ /dev/null",
                        "--- /dev/null");
        CliRun none = lpa(
                "diff",
                "--rbac",
                out.resolve("proposed-rbac").toString(),
                "--proposals",
                out.resolve("proposals").toString());
        assertThat(none.out()).doesNotContain("+++ proposed/ClusterRole/ci-deployer");
    }

    @Test
    void aRelativeOutputDirectoryWorks() throws Exception {
        Path relative = Path.of("target", "relative-analyze-out");
        CliRun relativeRun = lpa(
                "analyze",
                "--rbac",
                SAMPLES.resolve("rbac").toString(),
                "--audit-log",
                SAMPLES.resolve("audit").toString(),
                "--out",
                relative.toString(),
                "--min-window",
                "2d",
                "-q",
                "--parallelism",
                "1");
        assertThat(relativeRun.exitCode()).as(relativeRun.err()).isZero();
        assertThat(JSON.readTree(relative.resolve("verification.json").toFile())
                        .get("proposals")
                        .get(0)
                        .get("files")
                        .get(0)
                        .asText())
                .startsWith("proposals/");
    }

    @Test
    void anAuditPolicyMakesWhatItDropsUnobservable(@TempDir Path dir) throws Exception {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, """
                apiVersion: audit.k8s.io/v1
                kind: Policy
                rules:
                  - level: None
                    resources: [{group: "", resources: ["secrets"]}]
                  - level: Metadata
                """);
        Path analysis = dir.resolve("out");
        CliRun withPolicy = lpa(
                "analyze",
                "--rbac",
                SAMPLES.resolve("rbac").toString(),
                "--audit-log",
                SAMPLES.resolve("audit").toString(),
                "--out",
                analysis.toString(),
                "--min-window",
                "2d",
                "-q",
                "--parallelism",
                "1",
                "--audit-policy",
                policy.toString());
        assertThat(withPolicy.exitCode()).as(withPolicy.err()).isZero();
        Set<String> types = new TreeSet<>();
        JSON.readTree(analysis.resolve("findings.json").toFile())
                .get("findings")
                .forEach(f -> types.add(f.get("type").asText()));
        assertThat(types).contains("UNOBSERVABLE");
        for (JsonNode proposal :
                JSON.readTree(analysis.resolve("verification.json").toFile()).get("proposals")) {
            proposal.get("removed")
                    .forEach(removed -> assertThat(removed.asText()).doesNotContain("resources=secrets"));
        }
        Files.writeString(policy, "kind: Policy\napiVersion: audit.k8s.io/v1\nrules: [{level: Loud}]\n");
        CliRun bad = lpa(
                "analyze",
                "--rbac",
                SAMPLES.resolve("rbac").toString(),
                "--audit-log",
                SAMPLES.resolve("audit").toString(),
                "--out",
                analysis.toString(),
                "--audit-policy",
                policy.toString());
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("--audit-policy", "level must be one of");
    }

    @Test
    void aPolicyAtTheRbacRootAcceptsFindingsWithTheirReasonAndTheGateNoLongerCountsThem(@TempDir Path dir)
            throws Exception {
        Path rbac = dir.resolve("rbac");
        Files.createDirectories(rbac);
        try (var files = Files.list(SAMPLES.resolve("rbac"))) {
            for (Path file : files.toList()) {
                Files.copy(file, rbac.resolve(file.getFileName()));
            }
        }
        StringBuilder policy = new StringBuilder("apiVersion: kube-lpa.io/v1\nkind: Policy\nsuppress:\n");
        int gated = 0;
        for (JsonNode f : JSON.readTree(out.resolve("findings.json").toFile()).get("findings")) {
            String severity = f.get("severity").asText();
            if (!severity.equals("high") && !severity.equals("critical")) {
                continue;
            }
            gated++;
            JsonNode object = f.get("binding").isObject() ? f.get("binding") : f.get("role");
            policy.append("  - finding: ")
                    .append(
                            f.get("id").isNull()
                                    ? f.get("type").asText()
                                    : f.get("id").asText())
                    .append('\n');
            if (object.isObject()) {
                policy.append("    object: \"")
                        .append(new ObjectRef(
                                object.get("kind").asText(),
                                object.get("name").asText(),
                                object.get("namespace").asText()))
                        .append("\"\n");
            }
            policy.append("    reason: reviewed in SEC-").append(gated).append('\n');
        }
        assertThat(gated)
                .as("the sample cluster has findings a high gate fails on")
                .isPositive();
        Files.writeString(rbac.resolve(".kube-lpa.yaml"), policy);
        Path analysis = dir.resolve("out");
        CliRun accepted = lpa(
                "analyze",
                "--rbac",
                rbac.toString(),
                "--audit-log",
                SAMPLES.resolve("audit").toString(),
                "--out",
                analysis.toString(),
                "--min-window",
                "2d",
                "-q",
                "--parallelism",
                "1");
        assertThat(accepted.exitCode()).as(accepted.err()).isZero();
        assertThat(accepted.out()).contains(" suppressed, 0 excluded by the policy " + rbac.resolve(".kube-lpa.yaml"));
        JsonNode findings = JSON.readTree(analysis.resolve("findings.json").toFile());
        assertThat(findings.get("counts").get("suppressed").asInt()).isGreaterThanOrEqualTo(gated);
        assertThat(lpa("report", "--from", analysis.toString(), "--fail-on", "high")
                        .exitCode())
                .isZero();
        assertThat(lpa("report", "--from", out.toString(), "--fail-on", "high").exitCode())
                .isEqualTo(ExitCodes.FINDINGS);
        JsonNode sarif = JSON.readTree(Files.readString(analysis.resolve("report.sarif")));
        int suppressions = 0;
        for (JsonNode result : sarif.get("runs").get(0).get("results")) {
            if (result.has("suppressions")) {
                suppressions++;
                assertThat(result.get("suppressions")
                                .get(0)
                                .get("justification")
                                .asText())
                        .startsWith("reviewed in SEC-");
            }
        }
        assertThat(suppressions)
                .isEqualTo(findings.get("counts").get("suppressed").asInt());
        assertThat(Files.readString(analysis.resolve("report.md")))
                .contains("## Suppressed findings", "<details>", "reviewed in SEC-1");

        Files.writeString(rbac.resolve(".kube-lpa.yaml"), policy.toString().replace("reason:", "because:"));
        CliRun invalid = lpa(
                "analyze",
                "--rbac",
                rbac.toString(),
                "--audit-log",
                SAMPLES.resolve("audit").toString(),
                "--out",
                analysis.toString());
        assertThat(invalid.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(invalid.err().lines())
                .singleElement()
                .asString()
                .contains(".kube-lpa.yaml:6: suppress[0]: unknown key 'because'");
    }

    @Test
    void reportsRenderTheAnalysisAndGateOnSeverity() throws Exception {
        assertThat(out.resolve("report.html")).exists();
        assertThat(out.resolve("report.sarif")).exists();
        CliRun gate = lpa("report", "--from", out.toString(), "-o", "sarif", "--fail-on", "high");
        assertThat(gate.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(JSON.readTree(gate.out()).get("runs").get(0).get("results").size())
                .isEqualTo(JSON.readTree(out.resolve("findings.json").toFile())
                        .get("findings")
                        .size());
        Path junit = out.resolve("junit.xml");
        CliRun toFile = lpa("report", "--from", out.toString(), "-o", "junit", "--output-file", junit.toString());
        assertThat(toFile.exitCode()).as(toFile.err()).isZero();
        assertThat(Files.readString(junit))
                .startsWith("<?xml")
                .contains("<testsuite name=\"kube-lpa least privilege\"");
        JsonNode located = null;
        for (JsonNode result : JSON.readTree(gate.out()).get("runs").get(0).get("results")) {
            if (result.get("message").get("text").asText().startsWith("Rule 0 of ClusterRole/ci-deployer")) {
                located = result.get("locations").get(0).get("physicalLocation");
            }
        }
        assertThat(located).as("a rule finding points at its role's manifest").isNotNull();
        String uri = located.get("artifactLocation").get("uri").asText();
        assertThat(uri).endsWith("sample-audit-logs/rbac/ci.yaml");
        List<String> lines = Files.readAllLines(SAMPLES.resolve("rbac/ci.yaml"));
        int start = located.get("region").get("startLine").asInt();
        assertThat(String.join("\n", lines.subList(start - 1, Math.min(lines.size(), start + 4))))
                .contains("kind: ClusterRole", "name: ci-deployer");
        CliRun bad = lpa("report", "--from", out.toString(), "-o", "pdf");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("html, md, json, sarif or junit");
        CliRun notAnAnalysis = lpa("report", "--from", SAMPLES.toString());
        assertThat(notAnAnalysis.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(notAnAnalysis.err()).contains("is not an analysis directory");
    }

    @Test
    void prDryRunShowsTheChangesAndRefusesUnsafeInput(@TempDir Path repo) throws Exception {
        Files.createDirectories(repo.resolve("rbac"));
        try (Stream<Path> files = Files.list(SAMPLES.resolve("rbac"))) {
            for (Path file : files.toList()) {
                Files.copy(file, repo.resolve("rbac").resolve(file.getFileName()));
            }
        }
        try (var git = org.eclipse.jgit.api.Git.init()
                .setInitialBranch("main")
                .setDirectory(repo.toFile())
                .call()) {
            git.add().addFilepattern(".").call();
            git.commit()
                    .setMessage("initial")
                    .setAuthor("dev", "dev@example.com")
                    .setCommitter("dev", "dev@example.com")
                    .call();
        }
        CliRun dryRun = lpa("pr", "--from", out.toString(), "--repo", repo.toString(), "--dry-run");
        assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
        assertThat(dryRun.out())
                .contains(
                        "+++ b/rbac/ci.yaml",
                        "kube-lpa: reduce RBAC to what was used",
                        "<!-- kube-lpa:pull-request -->");
        CliRun badBranch = lpa("pr", "--from", out.toString(), "--repo", repo.toString(), "--branch", "../../etc");
        assertThat(badBranch.exitCode()).isEqualTo(ExitCodes.USAGE);
        CliRun noPush = lpa("pr", "--from", out.toString(), "--repo", repo.toString(), "--github", "acme/rbac");
        assertThat(noPush.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noPush.err()).contains("--github opens a pull request for a pushed branch: add --push REMOTE");
        CliRun noToken = lpa(
                "pr",
                "--from",
                out.toString(),
                "--repo",
                repo.toString(),
                "--push",
                "origin",
                "--github",
                "acme/rbac",
                "--token-env",
                "LPA_TEST_TOKEN_THAT_IS_NOT_SET");
        assertThat(noToken.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noToken.err()).contains("no token: set LPA_TEST_TOKEN_THAT_IS_NOT_SET");
        Path twoLines = Files.writeString(repo.getParent().resolve("token"), "ghp_SECRET123\nsecond\n");
        CliRun badToken = lpa(
                "pr",
                "--from",
                out.toString(),
                "--repo",
                repo.toString(),
                "--push",
                "origin",
                "--github",
                "acme/rbac",
                "--token-file",
                twoLines.toString(),
                "--api-url",
                "http://127.0.0.1:9");
        assertThat(badToken.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badToken.err())
                .contains("holds more than one line")
                .doesNotContain("SECRET")
                .doesNotContain("second");
        assertThat(badToken.out()).doesNotContain("SECRET");
    }
}
