package io.kubelpa.pr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.PolicyRuleSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every accepted proposal of the sample analysis applied to a copy of the sample manifests, one after
 * the other as `lpa pr` commits them; each edited file must match its golden file byte for byte
 * (regenerate with -Dlpa.update-goldens=true and review the diff).
 */
class RepositoryEditsTest {
    private static final Path GOLDEN = Path.of("src/test/resources/pr/golden");

    @Test
    void theSampleProposalsEditOnlyWhatTheyChange(@TempDir Path analysis, @TempDir Path repo) throws Exception {
        SampleAnalysis.write(analysis);
        SampleAnalysis.copyManifests(repo);
        AnalysisProposals proposals = AnalysisProposals.read(analysis);
        assertThat(proposals.proposals()).hasSizeGreaterThan(5);
        for (AcceptedProposal proposal : proposals.proposals()) {
            RepositoryEdits.Result result = RepositoryEdits.plan(ManifestIndex.of(repo), proposal);
            assertThat(result.notApplied()).as(proposal.id()).isEmpty();
            for (Map.Entry<Path, String> file : result.files().entrySet()) {
                Files.writeString(file.getKey(), file.getValue());
            }
        }
        boolean update = Boolean.getBoolean("lpa.update-goldens");
        try (Stream<Path> files = Files.list(repo.resolve("rbac"))) {
            for (Path file : files.sorted().toList()) {
                Path golden = GOLDEN.resolve(file.getFileName());
                if (update) {
                    Files.copy(file, golden, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                assertThat(Files.readString(file))
                        .as(file.getFileName().toString())
                        .isEqualTo(Files.readString(golden));
            }
        }
    }

    @Test
    void anEditThatWouldChangeAnotherObjectIsRefused(@TempDir Path repo) throws Exception {
        Path file = repo.resolve("roles.yaml");
        Files.writeString(file, """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: a}
                rules: [{apiGroups: [""], resources: [pods], verbs: [get, list]}]
                """);
        var proposed = new ClusterRoleBuilder()
                .withNewMetadata()
                .withName("a")
                .endMetadata()
                .withRules(PolicyRuleSpec.parse("verbs=get groups=\"\" resources=pods"))
                .build();
        AcceptedProposal tighten = new AcceptedProposal(
                "t",
                "TIGHTEN_ROLE",
                ObjectRef.clusterRole("a"),
                "tighten",
                List.of(proposed),
                List.of(),
                List.of(),
                1,
                1,
                true,
                List.of());
        RepositoryEdits.Result result = RepositoryEdits.plan(ManifestIndex.of(repo), tighten);
        assertThat(result.files().get(file)).isEqualTo("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: a}
                rules:
                  - apiGroups: [""]
                    resources: ["pods"]
                    verbs: ["get"]
                """);
        AcceptedProposal wrong = new AcceptedProposal(
                "w",
                "DELETE_BINDING",
                ObjectRef.clusterRole("a"),
                "x",
                List.of(),
                List.of(ObjectRef.clusterRoleBinding("missing")),
                List.of(),
                1,
                1,
                true,
                List.of());
        assertThat(RepositoryEdits.plan(ManifestIndex.of(repo), wrong).notApplied())
                .hasValueSatisfying(why -> assertThat(why).contains("ClusterRoleBinding/missing is not defined"));
        AcceptedProposal managed = new AcceptedProposal(
                "m",
                "TIGHTEN_ROLE",
                ObjectRef.clusterRole("a"),
                "tighten",
                List.of(proposed),
                List.of(),
                List.of(),
                1,
                1,
                true,
                List.of("ClusterRole/a is managed (a Helm release); change it in Helm release ops/a"));
        RepositoryEdits.Result left = RepositoryEdits.plan(ManifestIndex.of(repo), managed);
        assertThat(left.files())
                .as("a managed object's plain manifest is not edited")
                .isEmpty();
        assertThat(left.notApplied()).hasValueSatisfying(why -> assertThat(why).contains("Helm release ops/a"));
        assertThatThrownBy(
                        () -> RepositoryEdits.verify(tighten, Map.of(file, Files.readString(file)), Map.of(file, "")))
                .hasMessageContaining("would define");
    }

    @Test
    void anObjectDefinedInAJsonManifestIsNamedWithItsFileAndLeftAlone(@TempDir Path repo) throws Exception {
        Path file = repo.resolve("rbac").resolve("role.json");
        Files.createDirectories(file.getParent());
        String json = """
                {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": {"name": "a"},
                 "rules": [{"apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list"]}]}
                """;
        Files.writeString(file, json);
        Files.writeString(repo.resolve("package.json"), "{\"name\": \"not a manifest\"}");
        var proposed = new ClusterRoleBuilder()
                .withNewMetadata()
                .withName("a")
                .endMetadata()
                .withRules(PolicyRuleSpec.parse("verbs=get groups=\"\" resources=pods"))
                .build();
        AcceptedProposal tighten = new AcceptedProposal(
                "t",
                "TIGHTEN_ROLE",
                ObjectRef.clusterRole("a"),
                "tighten",
                List.of(proposed),
                List.of(),
                List.of(),
                1,
                1,
                true,
                List.of());
        AcceptedProposal delete = new AcceptedProposal(
                "d",
                "DELETE_ROLE",
                ObjectRef.clusterRole("a"),
                "delete",
                List.of(),
                List.of(ObjectRef.clusterRole("a")),
                List.of(),
                1,
                1,
                true,
                List.of());
        for (AcceptedProposal proposal : List.of(tighten, delete)) {
            RepositoryEdits.Result result = RepositoryEdits.plan(ManifestIndex.of(repo), proposal);
            assertThat(result.files()).isEmpty();
            assertThat(result.notApplied()).hasValueSatisfying(why -> assertThat(why)
                    .contains(
                            "ClusterRole/a is defined in " + Path.of("rbac", "role.json"), "JSON manifest", "by hand"));
        }
        assertThat(Files.readString(file)).isEqualTo(json);
    }
}
