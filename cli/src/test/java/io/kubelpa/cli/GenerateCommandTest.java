package io.kubelpa.cli;

import static io.kubelpa.cli.CliRun.lpa;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubelpa.audit.AuditEvent;
import io.kubelpa.audit.Outcome;
import io.kubelpa.audit.RequestInfoParser;
import io.kubelpa.audit.format.AuditLogReader;
import io.kubelpa.audit.format.AuditRecordDecoder;
import io.kubelpa.authz.RbacAuthorizer;
import io.kubelpa.authz.RequestAttributes;
import io.kubelpa.authz.UserInfo;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.ManifestReader;
import io.kubelpa.rbac.SnapshotAssembler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SAMPLES = Path.of("../sample-audit-logs");

    /**
     * Three days of the sample cluster's logs and no RBAC at all: roles for every subject, proven by the
     * command's own replay, and checked here independently of its ledger: every allowed request of the
     * logs, read and parsed again, is allowed by the generated rbac.yaml alone.
     */
    @Test
    void withNoRbacAtAllTheGeneratedRolesAllowEveryAllowedRequestOfTheLogs(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        CliRun run = lpa("generate", "--audit-log", SAMPLES.resolve("audit").toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("every allowed request of the window is allowed by the generated RBAC alone");
        assertThat(run.err()).contains("low confidence: the logs cover 2d23h52m, less than --min-window 7d");

        JsonNode verification =
                JSON.readTree(out.resolve("generated/verification.json").toFile());
        assertThat(verification.get("replayFailures").asInt()).isZero();
        assertThat(verification.get("subjectCount").asInt()).isGreaterThanOrEqualTo(10);
        assertThat(verification.get("subjects")).allSatisfy(s -> assertThat(Files.exists(
                        out.resolve("generated").resolve(s.get("file").asText())))
                .isTrue());

        RbacAuthorizer generated = new RbacAuthorizer(SnapshotAssembler.assemble(
                new ManifestReader()
                        .read(List.of(out.resolve("generated/rbac.yaml")))
                        .objects(),
                BuiltinMode.NONE));
        List<AuditEvent> allowed = new ArrayList<>();
        AuditLogReader reader = new AuditLogReader(new AuditRecordDecoder());
        for (Path file : AuditLogReader.files(List.of(SAMPLES.resolve("audit")))) {
            reader.read(file, (location, result) -> result.events().stream()
                    .filter(e -> Outcome.of(e) == Outcome.ALLOWED)
                    .forEach(allowed::add));
        }
        assertThat(allowed).hasSizeGreaterThan(500);
        for (AuditEvent event : allowed) {
            UserInfo user = UserInfo.withDefaultGroups(event.effectiveUser().name(), List.of());
            assertThat(generated
                            .authorize(RequestInfoParser.attributes(event, user))
                            .allowed())
                    .as("%s %s by %s", event.verb(), event.requestURI(), user.name())
                    .isTrue();
        }
        assertThat(allowed)
                .as("the sample logs hold impersonated requests")
                .anySatisfy(event -> assertThat(event.impersonatedUser()).isNotNull());
        for (AuditEvent event :
                allowed.stream().filter(e -> e.impersonatedUser() != null).toList()) {
            UserInfo.ServiceAccountName target =
                    UserInfo.ServiceAccountName.parse(event.impersonatedUser().name());
            assertThat(generated
                            .authorize(RequestAttributes.resource(
                                    UserInfo.withDefaultGroups(event.user().name(), List.of()),
                                    "impersonate",
                                    target.namespace(),
                                    "",
                                    "serviceaccounts",
                                    "",
                                    target.name()))
                            .allowed())
                    .as(
                            "%s may impersonate %s",
                            event.user().name(), event.impersonatedUser().name())
                    .isTrue();
        }
        JsonNode notes = null;
        for (JsonNode subject : verification.get("subjects")) {
            if (subject.get("subject").asText().equals("ServiceAccount:payments/payments-api")) {
                notes = subject.get("notes");
            }
        }
        assertThat(notes.toString()).contains("made by impersonation (kubectl --as) too, by erin@example.com");

        assertThat(lpa(
                                "can-i",
                                "delete",
                                "deployments.apps/web",
                                "-n",
                                "payments",
                                "--as",
                                "system:serviceaccount:ci:deployer",
                                "--rbac",
                                out.resolve("generated/rbac.yaml").toString())
                        .out())
                .as("never done in the window, so never generated")
                .isEqualTo("no\n");
    }

    @Test
    void againstTheRbacGivenItSaysWhatItWouldDropAndNeverWidens(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        CliRun run = lpa(
                "generate",
                "--audit-log",
                SAMPLES.resolve("audit").toString(),
                "--rbac",
                SAMPLES.resolve("rbac").toString(),
                "--out",
                out.toString(),
                "--subject",
                "ServiceAccount:ci/deployer",
                "--subject",
                "Group:nobody-is-in");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("Group:nobody-is-in made no allowed request in the window: nothing generated");
        assertThat(run.out()).contains("Against the RBAC given: nothing generated goes beyond it");
        JsonNode deployer = JSON.readTree(
                        out.resolve("generated/verification.json").toFile())
                .get("subjects")
                .get(0);
        assertThat(deployer.get("subject").asText()).isEqualTo("ServiceAccount:ci/deployer");
        assertThat(deployer.get("addsToToday")).isEmpty();
        assertThat(deployer.get("dropsFromToday").toString())
                .as("its ClusterRoleBinding's wildcard goes")
                .contains("verbs=* groups=apps resources=* cluster-wide");
    }

    /**
     * Denied requests become a separate file per subject, never part of rbac.yaml, marked as a widening
     * with their escalation-prone rules named; checked here against the 403s of the logs read again.
     */
    @Test
    void includeDeniedWritesWhatDeniedRequestsAskedForApartAsAWideningWithItsRisksNamed(@TempDir Path dir)
            throws Exception {
        Path out = dir.resolve("out");
        CliRun run = lpa(
                "generate",
                "--audit-log",
                SAMPLES.resolve("audit").toString(),
                "--out",
                out.toString(),
                "--include-denied");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .as("dana and payments-api; frank's denied list of pods was allowed later, so it is in rbac.yaml")
                .contains("Denied requests of 2 subject(s)")
                .contains("WIDENING, not in rbac.yaml");

        JsonNode subjects = JSON.readTree(
                        out.resolve("generated/verification.json").toFile())
                .get("subjects");
        JsonNode api = null;
        for (JsonNode subject : subjects) {
            if (subject.get("subject").asText().equals("ServiceAccount:payments/payments-api")) {
                api = subject;
            }
        }
        assertThat(api).isNotNull();
        assertThat(api.at("/denied/widening").asBoolean()).isTrue();
        assertThat(api.at("/denied/escalations").toString())
                .as("listing secrets is escalation-prone")
                .contains("RBAC-ESC-SECRETS-READ on Role/payments/lpa:denied:sa:payments:payments-api");
        assertThat(Files.readString(out.resolve("generated/rbac.yaml"))).doesNotContain("lpa:denied:");
        String deniedFile = Files.readString(
                out.resolve("generated").resolve(api.at("/denied/file").asText()));
        assertThat(deniedFile).startsWith("# WIDENING");

        List<Path> both = List.of(out.resolve("generated/rbac.yaml"), out.resolve("generated/denied"));
        RbacAuthorizer withDenied = new RbacAuthorizer(
                SnapshotAssembler.assemble(new ManifestReader().read(both).objects(), BuiltinMode.NONE));
        RbacAuthorizer allowedOnly = new RbacAuthorizer(SnapshotAssembler.assemble(
                new ManifestReader()
                        .read(List.of(out.resolve("generated/rbac.yaml")))
                        .objects(),
                BuiltinMode.NONE));
        List<AuditEvent> denied = new ArrayList<>();
        AuditLogReader reader = new AuditLogReader(new AuditRecordDecoder());
        for (Path file : AuditLogReader.files(List.of(SAMPLES.resolve("audit")))) {
            reader.read(file, (location, result) -> result.events().stream()
                    .filter(e -> Outcome.of(e) == Outcome.DENIED)
                    .forEach(denied::add));
        }
        assertThat(denied).isNotEmpty();
        for (AuditEvent event : denied) {
            UserInfo user = UserInfo.withDefaultGroups(event.effectiveUser().name(), List.of());
            assertThat(withDenied
                            .authorize(RequestInfoParser.attributes(event, user))
                            .allowed())
                    .as("%s %s by %s", event.verb(), event.requestURI(), user.name())
                    .isTrue();
            if (!user.name().equals("frank")) {
                assertThat(allowedOnly
                                .authorize(RequestInfoParser.attributes(event, user))
                                .allowed())
                        .isFalse();
            }
        }

        CliRun again = lpa("generate", "--audit-log", SAMPLES.resolve("audit").toString(), "--out", out.toString());
        assertThat(again.exitCode()).isZero();
        assertThat(out.resolve("generated").resolve(api.at("/denied/file").asText()))
                .as("a run without --include-denied leaves no stale denied file behind")
                .doesNotExist();
    }

    @Test
    void badSubjectsAndModesAreUsageErrors(@TempDir Path dir) {
        String log = SAMPLES.resolve("audit").toString();
        String out = dir.resolve("out").toString();
        assertThat(lpa("generate", "--audit-log", log, "--out", out, "--subject", "alice")
                        .err())
                .contains("'alice' is not a subject: give User:NAME, Group:NAME or ServiceAccount:NAMESPACE/NAME");
        assertThat(lpa("generate", "--audit-log", log, "--out", out, "--expand-verbs", "some")
                        .exitCode())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(lpa("generate", "--audit-log", log, "--out", out, "--resource-names", "few")
                        .exitCode())
                .isEqualTo(ExitCodes.USAGE);
    }
}
