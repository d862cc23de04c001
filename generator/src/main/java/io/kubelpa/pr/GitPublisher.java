package io.kubelpa.pr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * The git side of a pull request, through JGit: a branch made fresh from the base (so a rerun
 * replaces what an earlier run proposed), commits authored as the repository's git configuration
 * says (kube-lpa when it names no one), and a push of the branch. Closing it checks out again the
 * branch the working tree was on.
 */
public final class GitPublisher implements AutoCloseable {
    private static final PersonIdent FALLBACK = new PersonIdent("kube-lpa", "kube-lpa@users.noreply.github.com");

    private final Git git;
    private final Path root;
    private final PersonIdent author;
    private String startedOn;

    public GitPublisher(Path repository) throws IOException {
        this.git = Git.open(repository.toFile());
        this.root = git.getRepository().getWorkTree().toPath();
        String name = git.getRepository().getConfig().getString("user", null, "name");
        String email = git.getRepository().getConfig().getString("user", null, "email");
        this.author = name == null || name.isBlank() || email == null || email.isBlank()
                ? FALLBACK
                : new PersonIdent(name, email);
    }

    /** Who commits: the repository's configured user, or kube-lpa. */
    public PersonIdent author() {
        return author;
    }

    public Path root() {
        return root;
    }

    /** Checks out {@code branch} starting at {@code base}, discarding what the branch had before. */
    public void startBranch(String base, String branch) throws GitAPIException, IOException {
        ObjectId baseCommit = git.getRepository().resolve(base);
        if (baseCommit == null) {
            throw new IOException("base '" + base + "' is not a branch or commit of " + root);
        }
        if (!git.status().call().isClean()) {
            throw new IOException(root + " has uncommitted changes; commit or stash them first");
        }
        startedOn = git.getRepository().getFullBranch();
        git.checkout()
                .setName(branch)
                .setCreateBranch(git.getRepository().findRef("refs/heads/" + branch) == null)
                .setStartPoint(base)
                .call();
        git.reset()
                .setMode(ResetCommand.ResetType.HARD)
                .setRef(baseCommit.getName())
                .call();
    }

    /** Writes the files and commits them as one change; false when they were already so. */
    public boolean commit(Map<Path, String> files, String message) throws GitAPIException, IOException {
        stage(files);
        return commitStaged(message);
    }

    /** Writes the files into the working tree and stages them, for a later {@link #commitStaged}. */
    public void stage(Map<Path, String> files) throws GitAPIException, IOException {
        for (Map.Entry<Path, String> file : files.entrySet()) {
            Path path = file.getKey().toAbsolutePath().normalize();
            if (!path.startsWith(root.toAbsolutePath().normalize())) {
                throw new IOException("refusing to write outside the repository: " + path);
            }
            if (Files.isSymbolicLink(path)) {
                throw new IOException("refusing to write through a link: " + path);
            }
            Files.createDirectories(path.getParent());
            if (!path.getParent().toRealPath().startsWith(root.toRealPath())) {
                throw new IOException("refusing to write outside the repository: " + path + " (a link)");
            }
            Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
            git.add()
                    .addFilepattern(root.relativize(path).toString().replace('\\', '/'))
                    .call();
        }
    }

    /** Commits what is staged; false when nothing changed. */
    public boolean commitStaged(String message) throws GitAPIException {
        if (git.status().call().getChanged().isEmpty()
                && git.status().call().getAdded().isEmpty()) {
            return false;
        }
        git.commit().setAuthor(author).setCommitter(author).setMessage(message).call();
        return true;
    }

    /** Pushes the branch (forced: it is kube-lpa's own and is rebuilt each run). */
    public void push(String remote, String branch, CredentialsProvider credentials)
            throws GitAPIException, IOException {
        var push = git.push()
                .setRemote(remote)
                .setRefSpecs(new RefSpec("+refs/heads/" + branch + ":refs/heads/" + branch));
        if (credentials != null) {
            push.setCredentialsProvider(credentials);
        }
        for (PushResult result : push.call()) {
            for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                if (update.getStatus() != RemoteRefUpdate.Status.OK
                        && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
                    throw new IOException("push of " + branch + " to " + remote + " failed: " + update.getStatus()
                            + (update.getMessage() == null ? "" : " (" + update.getMessage() + ")"));
                }
            }
        }
    }

    /** Back on the branch the working tree was on before {@link #startBranch}; the new branch stays. */
    @Override
    public void close() throws IOException {
        try {
            if (startedOn != null && !git.status().call().isClean()) {
                // A run that failed part-way leaves staged edits: they must not follow to the user's branch.
                git.reset().setMode(ResetCommand.ResetType.HARD).call();
            }
            if (startedOn != null && startedOn.startsWith("refs/heads/")) {
                git.checkout()
                        .setName(startedOn.substring("refs/heads/".length()))
                        .call();
            } else if (startedOn != null) {
                git.checkout().setName(startedOn).call();
            }
        } catch (GitAPIException e) {
            throw new IOException("could not check out " + startedOn + " again: " + e.getMessage(), e);
        } finally {
            git.close();
        }
    }
}
