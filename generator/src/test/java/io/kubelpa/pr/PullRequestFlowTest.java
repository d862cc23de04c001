package io.kubelpa.pr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubelpa.generate.GenerateOptions;
import io.kubelpa.generate.GeneratedSubject;
import io.kubelpa.generate.RoleGenerator;
import io.kubelpa.output.OutputFolder;
import io.kubelpa.rbac.ManifestReader;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.report.GeneratedRbacWriter;
import io.kubelpa.usage.RequestShape;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pull-request flow end to end with real git repositories (a working clone and a bare remote,
 * through JGit) and a local HTTP server speaking GitHub's and GitLab's REST APIs.
 */
class PullRequestFlowTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "s3cret-token-value";

    @TempDir
    Path analysis;

    @TempDir
    Path work;

    @TempDir
    Path remote;

    @BeforeEach
    void repositories() throws Exception {
        SampleAnalysis.write(analysis);
        Git.init()
                .setBare(true)
                .setInitialBranch("main")
                .setDirectory(remote.toFile())
                .call()
                .close();
        try (Git git =
                Git.init().setInitialBranch("main").setDirectory(work.toFile()).call()) {
            SampleAnalysis.copyManifests(work);
            Files.writeString(work.resolve("README.md"), "platform RBAC\n");
            git.add().addFilepattern(".").call();
            git.commit()
                    .setMessage("initial")
                    .setAuthor("dev", "dev@example.com")
                    .setCommitter("dev", "dev@example.com")
                    .call();
            git.remoteAdd()
                    .setName("origin")
                    .setUri(new URIish(remote.toUri().toString()))
                    .call();
            var config = git.getRepository().getConfig();
            config.setString("user", null, "name", "Dev Person");
            config.setString("user", null, "email", "dev@example.com");
            config.save();
            git.push().setRemote("origin").add("main").call();
        }
    }

    private static PullRequestFlow.Result run(Path analysis, Path work, CodeHost host, boolean dryRun, StringWriter out)
            throws Exception {
        return run(analysis, work, host, dryRun, out, false);
    }

    private static PullRequestFlow.Result run(
            Path analysis, Path work, CodeHost host, boolean dryRun, StringWriter out, boolean includeNew)
            throws Exception {
        return new PullRequestFlow()
                .run(
                        new PullRequestFlow.Options(
                                analysis,
                                work,
                                "main",
                                "kube-lpa/tighten-rbac",
                                dryRun || includeNew ? null : "origin",
                                null,
                                host,
                                dryRun,
                                List.of(),
                                null,
                                includeNew,
                                false),
                        new PrintWriter(out));
    }

    @Test
    void opensAGitHubPullRequestThenUpdatesTheSameOne() throws Exception {
        try (TestingCodeHostServer github = new TestingCodeHostServer()) {
            String pulls = "/repos/acme/platform-rbac/pulls";
            github.respond("GET " + pulls + "?state=open&head=acme%3Akube-lpa%2Ftighten-rbac", r -> "[]");
            github.respond(
                    "POST " + pulls,
                    r -> "{\"number\":7,\"html_url\":\"https://github.example/acme/platform-rbac/pull/7\"}");
            github.respond("POST /repos/acme/platform-rbac/issues/7/labels", r -> "[]");
            StringWriter out = new StringWriter();
            PullRequestFlow.Result first =
                    run(analysis, work, new GitHubHost(github.url("/"), "acme/platform-rbac", TOKEN), false, out);

            assertThat(first.url()).isEqualTo("https://github.example/acme/platform-rbac/pull/7");
            long applied = first.changes().stream()
                    .filter(PullRequestBody.Change::applied)
                    .count();
            assertThat(applied).isGreaterThan(5);
            assertThat(first.commits()).as("one commit listing every change").isEqualTo(1);
            try (Git bare = Git.open(remote.toFile())) {
                ObjectId branch = bare.getRepository().resolve("refs/heads/kube-lpa/tighten-rbac");
                List<RevCommit> log = StreamSupport.stream(
                                bare.log().add(branch).call().spliterator(), false)
                        .toList();
                assertThat(log).hasSize(2);
                assertThat(log.get(0).getShortMessage())
                        .isEqualTo("kube-lpa: reduce RBAC to what was used (" + applied + " changes)");
                assertThat(log.get(0).getFullMessage())
                        .contains("Observation window: 2025-05-01", "Verified: ")
                        .contains(first.changes().stream()
                                .filter(PullRequestBody.Change::applied)
                                .map(c -> "* " + c.proposal().summary())
                                .toList());
                assertThat(log.get(0).getAuthorIdent().getName())
                        .as("the repository's configured user")
                        .isEqualTo("Dev Person");
                assertThat(log.get(log.size() - 1).getShortMessage()).isEqualTo("initial");
            }
            try (Git git = Git.open(work.toFile())) {
                assertThat(git.getRepository().getBranch())
                        .as("the working tree is left on the branch it was on")
                        .isEqualTo("main");
                git.checkout().setName("kube-lpa/tighten-rbac").call();
            }
            try (Stream<Path> files = Files.list(work.resolve("rbac"))) {
                for (Path file : files.toList()) {
                    assertThat(Files.readString(file))
                            .isEqualTo(Files.readString(
                                    Path.of("src/test/resources/pr/golden").resolve(file.getFileName())));
                }
            }
            TestingCodeHostServer.Request create = github.requests().stream()
                    .filter(r -> r.method().equals("POST") && r.target().equals(pulls))
                    .findFirst()
                    .orElseThrow();
            assertThat(create.header("Authorization")).isEqualTo("Bearer " + TOKEN);
            JsonNode payload = JSON.readTree(create.body());
            assertThat(payload.get("head").asText()).isEqualTo("kube-lpa/tighten-rbac");
            assertThat(payload.get("base").asText()).isEqualTo("main");
            assertThat(payload.get("title").asText()).startsWith("kube-lpa: reduce RBAC to what was used");
            assertThat(payload.get("body").asText())
                    .startsWith(PullRequestBody.MARKER)
                    .contains(
                            "| change | removes | evidence |",
                            "escalation-prone",
                            "kubectl auth can-i --as=",
                            "no widening proven");
            TestingCodeHostServer.Request labels = github.requests().stream()
                    .filter(r -> r.target().endsWith("/labels"))
                    .findFirst()
                    .orElseThrow();
            assertThat(JSON.readTree(labels.body()).get("labels"))
                    .extracting(JsonNode::asText)
                    .containsExactly("rbac", "least-privilege");
            assertThat(out.toString()).doesNotContain(TOKEN);

            github.respond("GET " + pulls + "?state=open&head=acme%3Akube-lpa%2Ftighten-rbac", r -> "[{\"number\":7}]");
            github.respond(
                    "PATCH " + pulls + "/7",
                    r -> "{\"number\":7,\"html_url\":\"https://github.example/acme/platform-rbac/pull/7\"}");
            try (Git git = Git.open(work.toFile())) {
                git.checkout().setName("main").call();
            }
            PullRequestFlow.Result second = run(
                    analysis,
                    work,
                    new GitHubHost(github.url("/"), "acme/platform-rbac", TOKEN),
                    false,
                    new StringWriter());
            assertThat(second.url()).isEqualTo(first.url());
            assertThat(github.requests().stream()
                            .filter(r -> r.method().equals("POST") && r.target().equals(pulls)))
                    .hasSize(1);
            assertThat(github.requests().stream().filter(r -> r.method().equals("PATCH")))
                    .hasSize(1);
        }
    }

    @Test
    void opensAGitLabMergeRequest() throws Exception {
        try (TestingCodeHostServer gitlab = new TestingCodeHostServer()) {
            String requests = "/api/v4/projects/platform%2Frbac/merge_requests";
            gitlab.respond("GET " + requests + "?state=opened&source_branch=kube-lpa%2Ftighten-rbac", r -> "[]");
            gitlab.respond(
                    "POST " + requests,
                    r -> "{\"iid\":3,\"web_url\":\"https://gitlab.example/platform/rbac/-/merge_requests/3\"}");
            PullRequestFlow.Result result = run(
                    analysis,
                    work,
                    new GitLabHost(gitlab.url("/api/v4"), "platform/rbac", TOKEN),
                    false,
                    new StringWriter());
            assertThat(result.url()).endsWith("/merge_requests/3");
            TestingCodeHostServer.Request create = gitlab.requests().stream()
                    .filter(r -> r.method().equals("POST"))
                    .findFirst()
                    .orElseThrow();
            assertThat(create.header("PRIVATE-TOKEN")).isEqualTo(TOKEN);
            JsonNode payload = JSON.readTree(create.body());
            assertThat(payload.get("source_branch").asText()).isEqualTo("kube-lpa/tighten-rbac");
            assertThat(payload.get("target_branch").asText()).isEqualTo("main");
            assertThat(payload.get("labels").asText()).isEqualTo("rbac,least-privilege");
            assertThat(payload.get("description").asText()).startsWith(PullRequestBody.MARKER);
        }
    }

    @Test
    void anObjectTheRepositoryDoesNotDefineIsSuggestedInTheBody() throws Exception {
        Files.delete(work.resolve("rbac").resolve("monitoring.yaml"));
        try (Git git = Git.open(work.toFile())) {
            git.rm().addFilepattern("rbac/monitoring.yaml").call();
            git.commit()
                    .setMessage("monitoring moved to its Helm chart")
                    .setAuthor("dev", "dev@example.com")
                    .setCommitter("dev", "dev@example.com")
                    .call();
        }
        StringWriter out = new StringWriter();
        PullRequestFlow.Result result = run(analysis, work, null, true, out);
        assertThat(result.changes())
                .filteredOn(c -> !c.applied())
                .extracting(c -> c.proposal().target().toString())
                .contains("ClusterRole/prometheus", "RoleBinding/monitoring/grafana");
        assertThat(out.toString())
                .contains(
                        "### Suggested changes not applied",
                        "<details><summary>Tighten ClusterRole/prometheus",
                        "```yaml",
                        "name: prometheus");
    }

    @Test
    void objectsOfABaseNotOwnedArePatchedInTheOverlay(@TempDir Path kustomized, @TempDir Path kustomizedRemote)
            throws Exception {
        Git.init()
                .setBare(true)
                .setInitialBranch("main")
                .setDirectory(kustomizedRemote.toFile())
                .call()
                .close();
        String overlayKustomization = """
                # production overlay
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - ../../base
                  - namespace.yaml
                patches:
                  - path: labels.yaml
                """;
        try (Git git = Git.init()
                .setInitialBranch("main")
                .setDirectory(kustomized.toFile())
                .call()) {
            Path base = kustomized.resolve("base");
            SampleAnalysis.copyManifests(base);
            Path ci = base.resolve("rbac/ci.yaml");
            Files.writeString(
                    ci,
                    Files.readString(ci)
                            .replaceFirst(
                                    "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n",
                                    "apiVersion: rbac.authorization.k8s.io/v1beta1\nkind: ClusterRole\n"));
            Files.writeString(
                    base.resolve("kustomization.yaml"),
                    "resources:\n  - rbac/ci.yaml\n  - rbac/payments.yaml\n"
                            + "  - rbac/platform.yaml\n  - rbac/monitoring.yaml\n");
            Path overlay = Files.createDirectories(kustomized.resolve("overlays/prod"));
            Files.writeString(overlay.resolve("kustomization.yaml"), overlayKustomization);
            Files.writeString(
                    overlay.resolve("namespace.yaml"),
                    "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: payments\n");
            Files.writeString(
                    overlay.resolve("labels.yaml"),
                    "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: payments\n  labels: {team: payments}\n");
            git.add().addFilepattern(".").call();
            git.commit()
                    .setMessage("initial")
                    .setAuthor("dev", "dev@example.com")
                    .setCommitter("dev", "dev@example.com")
                    .call();
            git.remoteAdd()
                    .setName("origin")
                    .setUri(new URIish(kustomizedRemote.toUri().toString()))
                    .call();
        }
        PullRequestFlow.Result result = new PullRequestFlow()
                .run(
                        new PullRequestFlow.Options(
                                analysis,
                                kustomized,
                                "main",
                                "kube-lpa/tighten-rbac",
                                null,
                                null,
                                null,
                                false,
                                List.of(Path.of("base")),
                                Path.of("overlays/prod"),
                                false,
                                true),
                        new PrintWriter(new StringWriter()));
        assertThat(result.changes())
                .allSatisfy(
                        c -> assertThat(c.applied()).as(c.notAppliedBecause()).isTrue());
        try (Git git = Git.open(kustomized.toFile())) {
            git.checkout().setName("kube-lpa/tighten-rbac").call();
            assertThat(git.diff()
                            .setOldTree(treeOf(git, "main"))
                            .setNewTree(treeOf(git, "HEAD"))
                            .setPathFilter(org.eclipse.jgit.treewalk.filter.PathFilter.create("base"))
                            .call())
                    .as("the base is untouched")
                    .isEmpty();
        }
        Path overlay = kustomized.resolve("overlays/prod");
        String kustomization = Files.readString(overlay.resolve("kustomization.yaml"));
        assertThat(kustomization)
                .startsWith(overlayKustomization.substring(0, overlayKustomization.indexOf("patches:")))
                .contains(
                        "  - path: labels.yaml\n  - path: kube-lpa-patch.clusterrole.ci-deployer.yaml",
                        "  - path: kube-lpa-delete.rolebinding.payments.payments-auditors.yaml",
                        "  - kube-lpa.clusterrole.lpa-sre-admins.yaml");
        assertThat(Files.readString(overlay.resolve("kube-lpa-patch.clusterrole.ci-deployer.yaml")))
                .contains("kind: ClusterRole", "name: ci-deployer", "rules:", "verbs: [\"patch\"]")
                .contains("apiVersion: rbac.authorization.k8s.io/v1beta1")
                .doesNotContain("verbs: [\"*\"]");

        // The overlay renders, and what it renders is what was proposed (the v1beta1 base patched too).
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", overlay.toString())
                .redirectErrorStream(true)
                .start();
        String rendered = new String(kubectl.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(kubectl.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(kubectl.exitValue())
                .as("kubectl kustomize (Debian's kubernetes-client; ./verify installs it): %s", rendered)
                .isZero();
        Path renderedFile = Files.writeString(kustomized.resolve("rendered.yaml"), rendered);
        RbacObjects after = new ManifestReader().read(List.of(renderedFile)).objects();
        for (PullRequestBody.Change change : result.changes()) {
            for (var object : change.proposal().upserts()) {
                if (object instanceof io.fabric8.kubernetes.api.model.rbac.ClusterRole proposed) {
                    assertThat(after.clusterRoles())
                            .filteredOn(r -> r.getMetadata()
                                    .getName()
                                    .equals(proposed.getMetadata().getName()))
                            .singleElement()
                            .satisfies(r -> assertThat(r.getRules().stream()
                                            .map(io.kubelpa.rbac.PolicyRuleSpec::format)
                                            .toList())
                                    .isEqualTo(proposed.getRules().stream()
                                            .map(io.kubelpa.rbac.PolicyRuleSpec::format)
                                            .toList()));
                }
            }
            for (var deleted : change.proposal().deletions()) {
                assertThat(after.roleBindings())
                        .noneMatch(b -> b.getMetadata().getName().equals(deleted.name())
                                && b.getMetadata().getNamespace().equals(deleted.namespace()));
            }
        }
        assertThat(Files.readString(overlay.resolve("kube-lpa-delete.rolebinding.payments.payments-auditors.yaml")))
                .contains("namespace: payments", "$patch: delete");
        try (Stream<Path> files = Files.list(overlay)) {
            for (Path file : files.toList()) {
                assertThat(new org.yaml.snakeyaml.Yaml().loadAll(Files.readString(file)))
                        .as(file.toString())
                        .isNotNull();
                new org.yaml.snakeyaml.Yaml().loadAll(Files.readString(file)).forEach(document -> assertThat(document)
                        .isNotNull());
            }
        }
    }

    private static org.eclipse.jgit.treewalk.AbstractTreeIterator treeOf(Git git, String revision) throws Exception {
        var repository = git.getRepository();
        try (var walk = new org.eclipse.jgit.revwalk.RevWalk(repository);
                var reader = repository.newObjectReader()) {
            var tree = walk.parseCommit(repository.resolve(revision)).getTree();
            var iterator = new org.eclipse.jgit.treewalk.CanonicalTreeParser();
            iterator.reset(reader, tree.getId());
            return iterator;
        }
    }

    @Test
    void aDryRunPrintsTheDiffAndTheBodyAndChangesNothing() throws Exception {
        String head;
        try (Git git = Git.open(work.toFile())) {
            head = git.getRepository().resolve("HEAD").getName();
        }
        StringWriter out = new StringWriter();
        run(analysis, work, null, true, out);
        assertThat(out.toString())
                .contains(
                        "--- a/rbac/ci.yaml",
                        "+++ b/rbac/ci.yaml",
                        "-    verbs: [\"*\"]",
                        "--- pull request: kube-lpa: reduce RBAC",
                        PullRequestBody.MARKER);
        try (Git git = Git.open(work.toFile())) {
            assertThat(git.getRepository().resolve("HEAD").getName()).isEqualTo(head);
            assertThat(git.status().call().isClean()).isTrue();
            assertThat(git.getRepository().findRef("refs/heads/kube-lpa/tighten-rbac"))
                    .isNull();
        }
    }

    /** New roles for a subject only system:masters allowed, written as lpa analyze writes them. */
    private void newRolesFor(String username) throws Exception {
        new GeneratedRbacWriter(new RoleGenerator(GenerateOptions.DEFAULT), null, GeneratedRbacWriter.NEW_ROLES)
                .write(
                        OutputFolder.at(analysis),
                        List.of(GeneratedSubject.ofUsername(username)),
                        subject -> List.of(
                                new RequestShape("list", "", "pods", "", "team", "", ""),
                                new RequestShape("get", "", "nodes", "", "", "", "")));
    }

    private static PullRequestFlow.Result runWithNew(Path analysis, Path work, boolean dryRun, StringWriter out)
            throws Exception {
        return run(analysis, work, null, dryRun, out, true);
    }

    @Test
    void newRolesGoIntoNewFilesLabelledAsNewGrantsOnlyWhenAskedFor() throws Exception {
        newRolesFor("ops-admin");
        StringWriter dry = new StringWriter();
        runWithNew(analysis, work, true, dry);
        assertThat(dry.toString())
                .as("a dry run shows the new file's content")
                .contains("+++ b/" + RepositoryEdits.NEW_ROLES_FOLDER + "/")
                .contains("+  name: lpa:user:ops-admin")
                .contains("**new grants**");

        StringWriter out = new StringWriter();
        PullRequestFlow.Result result = runWithNew(analysis, work, false, out);
        PullRequestBody.Change added = result.changes().stream()
                .filter(c -> c.proposal().kind().equals(AnalysisProposals.NEW_ROLE))
                .findFirst()
                .orElseThrow();
        assertThat(added.applied()).as(added.notAppliedBecause()).isTrue();
        try (Git git = Git.open(work.toFile())) {
            git.checkout().setName("kube-lpa/tighten-rbac").call();
        }
        Path file = work.resolve(added.files().get(0));
        assertThat(file.getParent().getFileName().toString()).isEqualTo(RepositoryEdits.NEW_ROLES_FOLDER);
        RbacObjects written = new ManifestReader().read(List.of(file)).objects();
        assertThat(written.clusterRoles()).singleElement().satisfies(role -> assertThat(role.getRules())
                .singleElement()
                .satisfies(rule -> assertThat(rule.getResources()).containsExactly("nodes")));
        assertThat(written.roles())
                .singleElement()
                .satisfies(role -> assertThat(role.getMetadata().getNamespace()).isEqualTo("team"));
        assertThat(written.clusterRoleBindings()).hasSize(1);
        assertThat(written.roleBindings()).hasSize(1);

        assertThat(AnalysisProposals.read(analysis).proposals())
                .as("without --include-new, no new role is read")
                .noneMatch(p -> p.kind().equals(AnalysisProposals.NEW_ROLE));
    }

    @Test
    void aNewRoleFileOutsideItsFolderIsRefused() throws Exception {
        newRolesFor("ops-admin");
        Path verification = analysis.resolve(GeneratedRbacWriter.NEW_ROLES).resolve("verification.json");
        Files.writeString(
                verification,
                Files.readString(verification).replaceFirst("\"file\" : \"[^\"]+\"", "\"file\" : \"../usage.json\""));
        assertThat(org.junit.jupiter.api.Assertions.assertThrows(
                                java.io.IOException.class, () -> AnalysisProposals.read(analysis, true))
                        .getMessage())
                .contains("'../usage.json' is not a file of new-roles/");
    }
}
