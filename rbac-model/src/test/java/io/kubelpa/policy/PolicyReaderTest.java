package io.kubelpa.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubelpa.authz.SubjectRef;
import io.kubelpa.ownership.Owner;
import io.kubelpa.rbac.ObjectRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyReaderTest {
    private static final String FULL = """
            apiVersion: kube-lpa.io/v1
            kind: Policy
            exclude:
              subjects: ["system:serviceaccount:kube-system:*", "User:break-glass@example.com"]
              namespaces: ["legacy-*"]
              objects: ["ClusterRole/vendor-*"]
            suppress:
              - finding: RBAC-ESC-SECRETS-READ
                object: ClusterRole/edit
                reason: "payments-devs read secrets by design (SEC-1234)"
                expires: 2027-03-31
              - finding: DORMANT_SUBJECT
                reason: break-glass identities
            ownership:
              - object: ClusterRoleBinding/kube-dns-addon
                owner: yours
                reason: we replaced the add-on's binding with our own
            """;

    @Test
    void aFullPolicyReadsWithTheLineOfEveryEntry() {
        Policy policy = PolicyReader.read("p.yaml", FULL);
        assertThat(policy.source()).isEqualTo("p.yaml");
        assertThat(policy.suppress()).hasSize(2);
        SuppressionRule secrets = policy.suppress().get(0);
        assertThat(secrets.finding()).isEqualTo("RBAC-ESC-SECRETS-READ");
        assertThat(secrets.object().matches(ObjectRef.clusterRole("edit"))).isTrue();
        assertThat(secrets.object().matches(ObjectRef.clusterRole("admin"))).isFalse();
        assertThat(secrets.expires()).isEqualTo(LocalDate.of(2027, 3, 31));
        assertThat(secrets.source()).isEqualTo("p.yaml:8");
        assertThat(policy.suppress().get(1).object()).isNull();
        assertThat(policy.suppress().get(1).expires()).isNull();
        assertThat(policy.ownership()).singleElement().satisfies(o -> {
            assertThat(o.owner()).isEqualTo(Owner.YOURS);
            assertThat(o.objects().matches(ObjectRef.clusterRoleBinding("kube-dns-addon")))
                    .isTrue();
            assertThat(o.source()).isEqualTo("p.yaml:15");
        });
        Exclusions exclude = policy.exclude();
        assertThat(exclude.subjects())
                .anySatisfy(s -> assertThat(s.matches(new SubjectRef("ServiceAccount", "coredns", "kube-system")))
                        .isTrue());
        assertThat(exclude.subjects().stream().anyMatch(s -> s.matches(new SubjectRef("User", "alice", ""))))
                .isFalse();
        assertThat(exclude.subjects().stream()
                        .anyMatch(s -> s.matches(new SubjectRef("User", "break-glass@example.com", ""))))
                .isTrue();
        assertThat(exclude.objects().get(0).matches(ObjectRef.clusterRole("vendor-operator")))
                .isTrue();
        assertThat(exclude.objects().get(0).matches(ObjectRef.clusterRoleBinding("vendor-operator")))
                .as("the kind is part of the pattern")
                .isFalse();
    }

    @Test
    void everyMistakeIsOneLineNamingTheFileTheLineAndTheField() {
        assertError(FULL.replace("  namespaces:", "  namespace:"), "p.yaml:5: exclude: unknown key 'namespace'");
        assertError(FULL.replace("expires: 2027-03-31", "expires: next spring"), "p.yaml:11: suppress[0].expires:");
        assertError(FULL.replace("RBAC-ESC-SECRETS-READ", "RBAC-ESC-SECRET-READ"), "p.yaml:8: suppress[0].finding:");
        assertError(FULL.replace("    reason: break-glass identities\n", ""), "suppress[1].reason: is required");
        assertError(FULL.replace("reason: break-glass identities", "reason: \"  \""), "suppress[1].reason: must say");
        assertError(FULL.replace("owner: yours", "owner: mine"), "p.yaml:16: ownership[0].owner: must be platform");
        assertError(FULL.replace("ClusterRole/edit", "ClusterRoles/edit"), "p.yaml:9: suppress[0].object:");
        assertError(FULL.replace("kube-lpa.io/v1", "kube-lpa.io/v2"), "p.yaml:1: apiVersion: must be kube-lpa.io/v1");
        assertError(FULL.replace("kind: Policy", "kind: Config"), "p.yaml:2: kind: must be Policy");
        assertError(FULL + "exclude: {}\n", "p.yaml:18: the document: 'exclude' is given twice");
        assertError("", "p.yaml: empty");
        assertError("apiVersion: [unclosed", "p.yaml: not YAML");
        assertError(
                "apiVersion: kube-lpa.io/v1\nkind: Policy\nsuppress: nothing\n", "p.yaml:3: suppress: must be a list");
    }

    @Test
    void aFileTooLargeOrMissingIsRefusedByName(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> PolicyReader.read(dir.resolve("absent.yaml")))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("absent.yaml");
        Path large = dir.resolve("large.yaml");
        Files.writeString(large, "# " + "x".repeat(1024 * 1024) + "\n" + FULL);
        assertThatThrownBy(() -> PolicyReader.read(large)).hasMessageContaining("larger than 1 MiB");
        Path good = dir.resolve(PolicyReader.DEFAULT_FILE_NAME);
        Files.writeString(good, FULL);
        assertThat(PolicyReader.read(good).source()).isEqualTo(good.toString());
    }

    private static void assertError(String text, String expected) {
        assertThatThrownBy(() -> PolicyReader.read("p.yaml", text))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
