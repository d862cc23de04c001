package io.kubelpa.pr;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.transport.CredentialsProvider;

/**
 * {@code lpa pr}: the accepted proposals of an analysis as a branch of the repository where the RBAC
 * manifests live, one commit per change, pushed, and a pull request opened or updated. With
 * {@code dryRun}, the same edits are made on a scratch copy and shown as a diff with the PR body.
 */
public final class PullRequestFlow {
    /** What the flow is asked to do; {@code remote} and {@code host} may be null. */
    public record Options(
            Path analysis,
            Path repository,
            String base,
            String branch,
            String remote,
            CredentialsProvider credentials,
            CodeHost host,
            boolean dryRun,
            List<Path> notOwned,
            Path overlay,
            boolean includeNew,
            boolean commitPerChange) {

        public Options {
            notOwned = notOwned == null ? List.of() : List.copyOf(notOwned);
        }
    }

    /** What happened: the changes (applied or not), the commits made, the pull request's URL. */
    public record Result(List<PullRequestBody.Change> changes, int commits, String url) {}

    public static final List<String> LABELS = List.of("rbac", "least-privilege");

    public Result run(Options options, PrintWriter out) throws IOException, GitAPIException, InterruptedException {
        AnalysisProposals proposals = AnalysisProposals.read(options.analysis(), options.includeNew());
        if (proposals.proposals().isEmpty()) {
            out.println("No verified proposals in " + options.analysis() + ": nothing to change.");
            return new Result(List.of(), 0, "");
        }
        PullRequestBody body = new PullRequestBody();
        if (options.dryRun()) {
            List<PullRequestBody.Change> changes = dryRun(options, proposals, out);
            out.println("--- pull request: " + body.title(changes));
            out.println(body.render(options.analysis(), proposals, changes));
            out.flush();
            return new Result(changes, 0, "");
        }
        List<PullRequestBody.Change> changes = new ArrayList<>();
        int commits = 0;
        String description;
        try (GitPublisher git = new GitPublisher(options.repository())) {
            git.startBranch(options.base(), options.branch());
            for (AcceptedProposal proposal : proposals.proposals()) {
                RepositoryEdits.Result edits = RepositoryEdits.plan(
                        ManifestIndex.of(git.root()),
                        proposal,
                        within(git.root(), options.notOwned()),
                        overlay(git.root(), options.overlay()));
                if (edits.notApplied().isPresent()) {
                    changes.add(new PullRequestBody.Change(
                            proposal, false, edits.notApplied().get(), List.of()));
                    continue;
                }
                if (options.commitPerChange()) {
                    commits += git.commit(edits.files(), commitMessage(proposal, proposals)) ? 1 : 0;
                } else {
                    git.stage(edits.files());
                }
                changes.add(new PullRequestBody.Change(
                        proposal,
                        true,
                        "",
                        edits.files().keySet().stream()
                                .map(f -> git.root().relativize(f).toString())
                                .toList()));
            }
            if (!options.commitPerChange()) {
                List<AcceptedProposal> applied = changes.stream()
                        .filter(PullRequestBody.Change::applied)
                        .map(PullRequestBody.Change::proposal)
                        .toList();
                commits += !applied.isEmpty() && git.commitStaged(commitMessage(applied, proposals)) ? 1 : 0;
            }
            description = body.render(options.analysis(), proposals, changes);
            if (options.host() != null && commits > 0 && description.length() > PullRequestBody.MAX_LENGTH) {
                commits += git.commit(
                                Map.of(git.root().resolve(PullRequestBody.FULL_BODY_FILE), description),
                                "kube-lpa: the full description of this pull request")
                        ? 1
                        : 0;
                description = body.fitting(description, changes);
            }
            out.printf("%d commit(s) on branch %s from %s%n", commits, options.branch(), options.base());
            if (options.remote() != null && commits > 0) {
                git.push(options.remote(), options.branch(), options.credentials());
                out.printf("pushed %s to %s%n", options.branch(), options.remote());
            }
        }
        String url = "";
        if (options.host() != null && commits > 0) {
            url = options.host().upsert(options.branch(), options.base(), body.title(changes), description, LABELS);
            out.printf("pull request: %s%n", url);
        }
        changes.stream()
                .filter(c -> !c.applied())
                .forEach(c -> out.printf("not applied: %s (%s)%n", c.proposal().summary(), c.notAppliedBecause()));
        out.flush();
        return new Result(changes, commits, url);
    }

    /** Paths given relative to the repository (or absolute inside it), resolved against {@code root}. */
    private static List<Path> within(Path root, List<Path> paths) {
        return paths.stream()
                .map(p -> root.resolve(p.isAbsolute() ? root.relativize(p) : p).normalize())
                .toList();
    }

    private static KustomizeOverlay overlay(Path root, Path overlay) throws IOException {
        return overlay == null
                ? null
                : new KustomizeOverlay(root.resolve(overlay.isAbsolute() ? root.relativize(overlay) : overlay));
    }

    private static List<Path> relativeTo(Path repository, List<Path> paths) {
        return paths.stream()
                .map(p -> p.isAbsolute()
                        ? repository.relativize(p.toAbsolutePath().normalize())
                        : p)
                .toList();
    }

    private static Path relativeTo(Path repository, Path path) {
        return path == null || !path.isAbsolute()
                ? path
                : repository.relativize(path.toAbsolutePath().normalize());
    }

    /** One commit for every change: a title with the count, then each change as its own commit would say it. */
    static String commitMessage(List<AcceptedProposal> applied, AnalysisProposals proposals) {
        if (applied.size() == 1) {
            return commitMessage(applied.get(0), proposals);
        }
        StringBuilder message = new StringBuilder("kube-lpa: reduce RBAC to what was used (")
                .append(applied.size())
                .append(" changes)\n\n");
        for (AcceptedProposal proposal : applied) {
            String one = commitMessage(proposal, proposals);
            message.append("* ")
                    .append(one.substring("kube-lpa: ".length()).strip().replace("\n", "\n  "))
                    .append("\n\n");
        }
        return message.toString().strip() + "\n";
    }

    static String commitMessage(AcceptedProposal proposal, AnalysisProposals proposals) {
        StringBuilder message = new StringBuilder("kube-lpa: ")
                .append(oneLine(proposal.summary()))
                .append("\n\n");
        message.append("Observation window: ")
                .append(proposals.windowFrom())
                .append(" .. ")
                .append(proposals.windowTo())
                .append('\n');
        if (!proposal.removed().isEmpty()) {
            message.append("Removes:\n");
            proposal.removed().stream()
                    .limit(30)
                    .forEach(r -> message.append("- ").append(oneLine(r)).append('\n'));
            if (proposal.removed().size() > 30) {
                message.append("- ... and ")
                        .append(proposal.removed().size() - 30)
                        .append(" more\n");
            }
        }
        if (AnalysisProposals.NEW_ROLE.equals(proposal.kind())) {
            message.append("Verified: ")
                    .append(proposal.replayChecked())
                    .append(" observed request shapes allowed by these roles alone. New grants: another authorizer"
                            + " allowed them before.\n");
        } else {
            message.append("Verified: ")
                    .append(proposal.replayChecked())
                    .append(" observed request shapes still allowed; no widening.\n");
        }
        message.append("Proposal: ").append(proposal.id()).append('\n');
        return message.toString();
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]", " ");
    }

    /** The edits on a scratch copy of the manifests, printed as a unified diff; the repository is not touched. */
    private List<PullRequestBody.Change> dryRun(Options options, AnalysisProposals proposals, PrintWriter out)
            throws IOException {
        Path repository = options.repository().toAbsolutePath().normalize();
        Path scratch = Files.createTempDirectory("lpa-pr-dry-run");
        try {
            Map<Path, Path> copies = copyManifests(repository, scratch);
            List<PullRequestBody.Change> changes = new ArrayList<>();
            List<Path> created = new ArrayList<>();
            for (AcceptedProposal proposal : proposals.proposals()) {
                RepositoryEdits.Result edits = RepositoryEdits.plan(
                        ManifestIndex.of(scratch),
                        proposal,
                        within(scratch, relativeTo(repository, options.notOwned())),
                        overlay(scratch, relativeTo(repository, options.overlay())));
                if (edits.notApplied().isPresent()) {
                    changes.add(new PullRequestBody.Change(
                            proposal, false, edits.notApplied().get(), List.of()));
                    continue;
                }
                for (Map.Entry<Path, String> file : edits.files().entrySet()) {
                    if (!Files.exists(file.getKey())) {
                        created.add(file.getKey());
                        Files.createDirectories(file.getKey().getParent());
                    }
                    Files.writeString(file.getKey(), file.getValue(), StandardCharsets.UTF_8);
                }
                changes.add(new PullRequestBody.Change(
                        proposal,
                        true,
                        "",
                        edits.files().keySet().stream()
                                .map(f -> scratch.relativize(f).toString())
                                .toList()));
            }
            for (Map.Entry<Path, Path> copy : copies.entrySet()) {
                List<String> before = Files.readAllLines(copy.getKey());
                List<String> after = Files.readAllLines(copy.getValue());
                if (!before.equals(after)) {
                    String name = repository.relativize(copy.getKey()).toString();
                    UnifiedDiffUtils.generateUnifiedDiff(
                                    "a/" + name, "b/" + name, before, DiffUtils.diff(before, after), 3)
                            .forEach(line -> out.println(oneLine(line)));
                }
            }
            for (Path file : created) {
                String name = scratch.relativize(file).toString();
                List<String> after = Files.readAllLines(file);
                UnifiedDiffUtils.generateUnifiedDiff(
                                "/dev/null", "b/" + name, List.of(), DiffUtils.diff(List.of(), after), 0)
                        .forEach(line -> out.println(oneLine(line)));
            }
            return changes;
        } finally {
            try (Stream<Path> paths = Files.walk(scratch)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private static Map<Path, Path> copyManifests(Path repository, Path scratch) throws IOException {
        Map<Path, Path> copies = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(repository)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                Path relative = repository.relativize(file);
                String name = file.getFileName().toString();
                if (relative.startsWith(".git") || !(name.endsWith(".yaml") || name.endsWith(".yml"))) {
                    continue;
                }
                Path copy = scratch.resolve(relative);
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
                copies.put(file, copy);
            }
        }
        return copies;
    }
}
