package io.kubelpa.audit;

import static io.kubelpa.testing.RbacFixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubelpa.audit.format.AuditPolicyReader;
import io.kubelpa.authz.SubjectRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditPolicyObservabilityTest {
    private static final SubjectRef ALICE = new SubjectRef("User", "alice", "");
    private static final SubjectRef PROXY = new SubjectRef("User", "system:kube-proxy", "");
    private static final SubjectRef DEVS = new SubjectRef("Group", "devs", "");
    private static final SubjectRef ACCOUNT = new SubjectRef("ServiceAccount", "app", "team");

    private static AuditPolicyObservability policy(Path dir, String yaml) throws IOException {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, yaml);
        return new AuditPolicyObservability(new AuditPolicyReader().read(file));
    }

    private static final String TYPICAL = """
            apiVersion: audit.k8s.io/v1
            kind: Policy
            omitStages: [RequestReceived]
            rules:
              - level: None
                users: ["system:kube-proxy"]
                verbs: ["watch"]
                resources:
                  - group: ""
                    resources: ["endpoints", "services", "services/status"]
              - level: None
                resources:
                  - group: ""
                    resources: ["events"]
              - level: None
                nonResourceURLs: ["/healthz*", "/version"]
              - level: Request
                namespaces: ["kube-system"]
                resources:
                  - group: ""
                    resources: ["configmaps/*"]
              - level: None
                userGroups: ["system:nodes"]
                resources:
                  - group: ""
                    resources: ["nodes", "nodes/status"]
              - level: Metadata
            """;

    @Test
    void aTypicalPolicyHidesWhatItDrops(@TempDir Path dir) throws IOException {
        AuditPolicyObservability observability = policy(dir, TYPICAL);
        assertThat(observability.observes(List.of(ALICE), "", rule("verbs=get,watch groups=\"\" resources=services")))
                .isTrue();
        assertThat(observability.observes(List.of(PROXY), "", rule("verbs=get groups=\"\" resources=services")))
                .isTrue();
        assertThat(observability.observes(List.of(PROXY), "", rule("verbs=watch groups=\"\" resources=services")))
                .isFalse();
        assertThat(observability.observes(List.of(PROXY), "", rule("verbs=* groups=\"\" resources=services")))
                .isFalse();
        assertThat(observability.observes(List.of(ALICE), "team", rule("verbs=create groups=\"\" resources=events")))
                .isFalse();
        assertThat(observability.observes(List.of(ALICE), "team", rule("verbs=get groups=* resources=pods")))
                .isTrue();
        assertThat(observability.observes(List.of(ALICE), "team", rule("verbs=get groups=* resources=*")))
                .as("may be events")
                .isFalse();
        assertThat(observability.observes(List.of(ALICE), "", rule("verbs=get urls=/healthz/ready")))
                .isFalse();
        assertThat(observability.observes(List.of(ALICE), "", rule("verbs=get urls=/metrics")))
                .isTrue();
        assertThat(observability.observes(List.of(ALICE), "", rule("verbs=get urls=/*")))
                .isFalse();
    }

    @Test
    void groupMembersMayBeInAGroupThePolicyDrops(@TempDir Path dir) throws IOException {
        AuditPolicyObservability observability = policy(dir, TYPICAL);
        assertThat(observability.observes(List.of(DEVS), "team", rule("verbs=get groups=\"\" resources=pods")))
                .isTrue();
        assertThat(observability.observes(List.of(DEVS), "", rule("verbs=get groups=\"\" resources=nodes")))
                .isFalse();
        assertThat(observability.observes(List.of(ACCOUNT), "team", rule("verbs=get groups=\"\" resources=pods")))
                .isTrue();
        assertThat(observability.observes(List.of(ALICE), "", rule("verbs=get groups=\"\" resources=nodes")))
                .as("alice may be a node")
                .isFalse();
        assertThat(observability.observes(List.of(ACCOUNT), "", rule("verbs=get groups=\"\" resources=nodes")))
                .isTrue();
    }

    @Test
    void resourceSlashStarMatchesTheResourceItselfAsTheApiServerDoes(@TempDir Path dir) throws IOException {
        AuditPolicyObservability observability = policy(dir, """
                apiVersion: audit.k8s.io/v1
                kind: Policy
                rules:
                  - level: Metadata
                    resources: [{group: "", resources: ["pods/*"]}]
                """);
        assertThat(observability.observes(
                        List.of(ALICE), "team", rule("verbs=get groups=\"\" resources=pods,pods/log")))
                .isTrue();
        assertThat(observability.observes(List.of(ALICE), "team", rule("verbs=get groups=\"\" resources=secrets")))
                .isFalse();
    }

    @Test
    void withoutAResponseStageTheDecisionIsNeverLogged(@TempDir Path dir) throws IOException {
        AuditPolicyObservability observability = policy(dir, """
                apiVersion: audit.k8s.io/v1
                kind: Policy
                omitStages: [ResponseStarted]
                rules:
                  - level: RequestResponse
                    omitStages: [ResponseComplete]
                """);
        assertThat(observability.observes(List.of(ALICE), "", rule("verbs=get groups=\"\" resources=pods")))
                .isFalse();
    }

    @Test
    void invalidPoliciesAreClearErrors(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, "kind: ConfigMap\napiVersion: v1\n");
        assertThatThrownBy(() -> new AuditPolicyReader().read(file)).hasMessageContaining("not an audit policy");
        Files.writeString(file, "apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: Everything\n");
        assertThatThrownBy(() -> new AuditPolicyReader().read(file))
                .hasMessageContaining("rule 0: level must be one of");
        Files.writeString(
                file,
                "a: &a [x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\n"
                        + "d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n");
        assertThatThrownBy(() -> new AuditPolicyReader().read(file)).isInstanceOf(IllegalArgumentException.class);
        assertThat(AuditPolicy.LEVELS).contains("None");
    }
}
