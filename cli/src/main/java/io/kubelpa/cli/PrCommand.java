package io.kubelpa.cli;

import io.kubelpa.pr.CodeHost;
import io.kubelpa.pr.GitHubHost;
import io.kubelpa.pr.GitLabHost;
import io.kubelpa.pr.PullRequestFlow;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lpa pr}: the verified proposals of an analysis as a pull request against the repository of the RBAC manifests. */
@Command(
        name = "pr",
        mixinStandardHelpOptions = true,
        versionProvider = LpaCommand.Version.class,
        header = "Open (or update) a pull request with the verified proposals of an analysis.",
        description = {
            "Finds each changed Role, ClusterRole or binding in the repository's manifests and edits only what changes",
            "(the rules: block, the roleRef, whole documents for deletions), checked by parsing the files back; one",
            "commit per change on a branch made fresh from --base; pushes it with --push; opens or updates the pull",
            "request with --github or --gitlab. The token is read from --token-env (or --token-file) and never printed.",
            "",
            "  lpa pr --from lpa-out --repo ../platform-rbac --dry-run",
            "  lpa pr --from lpa-out --repo ../platform-rbac --push origin --github acme/platform-rbac",
            "  lpa pr --from lpa-out --repo . --not-owned base --overlay overlays/prod --include-new"
        },
        footer = ExitCodes.HELP_FOOTER)
final class PrCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--from",
            paramLabel = "DIR",
            required = true,
            description = "The analysis (lpa analyze --out, or a review).")
    Path from;

    @Option(
            names = "--repo",
            paramLabel = "PATH",
            required = true,
            description = "The git working tree holding the RBAC manifests.")
    Path repo;

    @Option(
            names = "--base",
            paramLabel = "BRANCH",
            defaultValue = "main",
            description = "Base branch (default: ${DEFAULT-VALUE}).")
    String base;

    @Option(
            names = "--branch",
            paramLabel = "NAME",
            defaultValue = "kube-lpa/tighten-rbac",
            description = "Branch to create or replace (default: ${DEFAULT-VALUE}).")
    String branch;

    @Option(names = "--push", paramLabel = "REMOTE", description = "Push the branch to this remote.")
    String remote;

    @ArgGroup(exclusive = true)
    Host host;

    static final class Host {
        @Option(names = "--github", paramLabel = "OWNER/REPO", description = "Open the pull request on GitHub.")
        String github;

        @Option(
                names = "--gitlab",
                paramLabel = "PROJECT",
                description = "Open the merge request on GitLab (id or path).")
        String gitlab;
    }

    @Option(
            names = "--api-url",
            paramLabel = "URL",
            description = "API base (default: https://api.github.com, https://gitlab.com/api/v4).")
    String apiUrl;

    @Option(
            names = "--token-env",
            paramLabel = "VAR",
            description = "Environment variable with the token (default: GITHUB_TOKEN or GITLAB_TOKEN).")
    String tokenEnv;

    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            description = "File with the token, instead of an environment variable.")
    Path tokenFile;

    @Option(
            names = "--not-owned",
            paramLabel = "PATH",
            arity = "1..*",
            description = "Manifests under this path (a kustomize base kept by others) are never edited. Repeatable.")
    List<Path> notOwned = new ArrayList<>();

    @Option(
            names = "--overlay",
            paramLabel = "DIR",
            description =
                    "The kustomize overlay (with kustomization.yaml) where changes to --not-owned objects become patches.")
    Path overlay;

    @Option(
            names = "--include-new",
            description = "Also add the new roles the analysis offers to subjects only another authorizer allowed"
                    + " (its new-roles/), as new files under " + io.kubelpa.pr.RepositoryEdits.NEW_ROLES_FOLDER
                    + "/: new grants, labelled so in the pull request.")
    boolean includeNew;

    @Option(
            names = "--commit-per-change",
            description = "One commit per change (default: one commit listing every change).")
    boolean commitPerChange;

    @Option(names = "--dry-run", description = "Print the diff and the pull request body; change nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isDirectory(repo)) {
            throw new CliException(ExitCodes.USAGE, "--repo: not a directory: " + repo);
        }
        if (!branch.matches("[A-Za-z0-9._/-]+")
                || branch.contains("..")
                || branch.startsWith("/")
                || branch.endsWith("/")) {
            throw new CliException(ExitCodes.USAGE, "--branch: not a safe branch name: '" + branch + "'");
        }
        if (host != null && remote == null && !dryRun) {
            throw new CliException(
                    ExitCodes.USAGE,
                    (host.github != null ? "--github" : "--gitlab")
                            + " opens a pull request for a pushed branch: add --push REMOTE (e.g. --push origin)");
        }
        String token = host == null && remote == null || dryRun ? null : token();
        CodeHost codeHost = null;
        UsernamePasswordCredentialsProvider credentials = null;
        if (!dryRun && host != null) {
            if (token == null) {
                throw new CliException(ExitCodes.USAGE, "no token: set " + tokenVariable() + " or use --token-file");
            }
            try {
                codeHost = host.github != null
                        ? new GitHubHost(apiUrl != null ? apiUrl : "https://api.github.com", host.github, token)
                        : new GitLabHost(apiUrl != null ? apiUrl : "https://gitlab.com/api/v4", host.gitlab, token);
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.USAGE, e.getMessage());
            }
        }
        if (!dryRun && token != null && remote != null) {
            credentials = new UsernamePasswordCredentialsProvider(
                    host != null && host.gitlab != null ? "oauth2" : "x-access-token", token);
        }
        try {
            new PullRequestFlow()
                    .run(
                            new PullRequestFlow.Options(
                                    from,
                                    repo,
                                    base,
                                    branch,
                                    remote,
                                    credentials,
                                    codeHost,
                                    dryRun,
                                    notOwned,
                                    overlay,
                                    includeNew,
                                    commitPerChange),
                            out);
        } catch (IOException e) {
            throw new CliException(ExitCodes.ERROR, redact(e.getMessage(), token));
        } catch (org.eclipse.jgit.api.errors.GitAPIException | IllegalStateException e) {
            throw new CliException(ExitCodes.ERROR, "git: " + redact(e.getMessage(), token));
        }
        return ExitCodes.OK;
    }

    private String tokenVariable() {
        return tokenEnv != null ? tokenEnv : host != null && host.gitlab != null ? "GITLAB_TOKEN" : "GITHUB_TOKEN";
    }

    private String token() throws IOException {
        if (tokenFile != null) {
            if (Files.size(tokenFile) > MAX_TOKEN_FILE_BYTES) {
                throw new CliException(
                        ExitCodes.USAGE,
                        "--token-file " + tokenFile + " is larger than a token can be (" + MAX_TOKEN_FILE_BYTES
                                + " bytes at most)");
            }
            return checked(Files.readString(tokenFile, StandardCharsets.UTF_8).strip(), "--token-file " + tokenFile);
        }
        String value = System.getenv(tokenVariable());
        return value == null || value.isBlank() ? null : checked(value.strip(), "$" + tokenVariable());
    }

    private static final int MAX_TOKEN_FILE_BYTES = 16 * 1024;

    /** A token is one line of printable characters; where it is not, the error says where, never what. */
    private static String checked(String token, String source) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new CliException(
                        ExitCodes.USAGE,
                        "the token from " + source + " holds "
                                + (c == '\n' || c == '\r' ? "more than one line" : "a space or control character")
                                + " (at character " + (i + 1)
                                + "); a token is one line of printable characters");
            }
        }
        return token;
    }

    private static String redact(String message, String token) {
        String text = message == null ? "" : message;
        return token == null || token.isEmpty() ? text : text.replace(token, "***");
    }
}
