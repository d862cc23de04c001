package io.kubelpa.output;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Predicate;

/**
 * The folder a command writes its results into ({@code --out}). Everything kube-lpa writes there it
 * creates itself: a symbolic link, FIFO or other special file found where one of its files or folders
 * goes is removed (the link itself, never what it points at) and replaced, and no path leaves the
 * folder. So a link planted in {@code --out} can neither redirect a write nor a clean-up elsewhere.
 * Each file is written under a hidden name and renamed into place when complete: a full disk leaves
 * the previous file or none, never a truncated one.
 */
public final class OutputFolder {
    private final Path root;

    private OutputFolder(Path root) {
        this.root = root;
    }

    /** The folder at {@code path} (the user's choice, followed if it is itself a link), created when missing. */
    public static OutputFolder at(Path path) throws IOException {
        // Not normalized as text: "a/../b" means what the file system makes of it (a may be a link).
        Path absolute = path.toAbsolutePath();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new IOException(path + " is not a folder");
        }
        try {
            Files.createDirectories(absolute);
            return new OutputFolder(absolute.toRealPath());
        } catch (FileSystemException e) {
            throw new IOException(path + " cannot be created: " + reason(e), e);
        }
    }

    public Path root() {
        return root;
    }

    /** Fails now, naming the folder and why, when nothing can be written into it (read-only, full, not ours). */
    public OutputFolder checkWritable() throws IOException {
        Path probe =
                root.resolve(".kube-lpa-write-check-" + ProcessHandle.current().pid());
        try {
            Files.deleteIfExists(probe);
            Files.write(probe, new byte[] {1}, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileSystemException e) {
            throw new IOException(root + " is not writable: " + reason(e), e);
        } finally {
            Files.deleteIfExists(probe);
        }
        return this;
    }

    /** The sub-folder at {@code relative}, each part a real folder created here (links and special files replaced). */
    public Path folder(String relative) throws IOException {
        Path folder = inside(relative);
        Path current = root;
        for (Path part : root.relativize(folder)) {
            current = current.resolve(part);
            if (Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            removeIfNotOurs(current, false);
            Files.createDirectory(current);
        }
        return folder;
    }

    /** Writes a file's bytes. */
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes the regular file at {@code relative} (never through a link): under a hidden name first, renamed
     * into place only when {@code content} completed; after any failure the hidden file is removed.
     */
    public void write(String relative, Content content) throws IOException {
        Path file = inside(relative);
        Path parent = root.relativize(file).getParent();
        if (parent != null) {
            folder(parent.toString());
        }
        removeIfNotOurs(file, true);
        Path staged = file.resolveSibling("." + file.getFileName() + ".writing");
        Files.deleteIfExists(staged);
        boolean complete = false;
        try (OutputStream out = Files.newOutputStream(
                staged, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            content.writeTo(out);
            complete = true;
        } catch (FileSystemException e) {
            throw new IOException("cannot write " + file + ": " + reason(e), e);
        } catch (IOException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            if (!complete) {
                Files.deleteIfExists(staged);
            }
        }
        try {
            Files.move(
                    staged,
                    file,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(staged);
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public void writeString(String relative, String content) throws IOException {
        write(relative, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
    }

    /** Deletes the regular files directly in {@code relative} whose names match; never follows a link. */
    public void deleteFiles(String relative, Predicate<String> names) throws IOException {
        Path folder = folder(relative);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)
                        && names.test(entry.getFileName().toString())) {
                    Files.delete(entry);
                }
            }
        }
    }

    public void deleteIfExists(String relative) throws IOException {
        Path file = inside(relative);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(file);
        }
    }

    /** The path of {@code relative} in this folder; refused when it would leave it. */
    public Path inside(String relative) {
        Path path = root.resolve(relative).normalize();
        if (!path.startsWith(root) || path.equals(root) && !relative.isEmpty() && !relative.equals(".")) {
            throw new UncheckedIOException(new IOException("refusing to write outside " + root + ": " + relative));
        }
        return path;
    }

    /** Removes a link or special file (not a real folder, nor a regular file when {@code fileWanted}). */
    private static void removeIfNotOurs(Path path, boolean fileWanted) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (fileWanted && Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(path + " is a folder where kube-lpa writes a file; move it away");
        }
        Files.delete(path); // a link (not its target), a FIFO, a socket or a device node
    }

    private static String reason(FileSystemException e) {
        if (e.getReason() != null) {
            return e.getReason();
        }
        return e instanceof java.nio.file.AccessDeniedException
                ? "permission denied"
                : e instanceof java.nio.file.FileAlreadyExistsException
                        ? "a file is in the way: " + e.getFile()
                        : e instanceof java.nio.file.NoSuchFileException
                                ? "no such file or folder: " + e.getFile()
                                : e.getClass().getSimpleName();
    }
}
