package io.kubelpa.stream;

import io.kubelpa.output.OutputFolder;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * {@code OUT/reviews/<time>/} per review, named by its event time (no colons, so it is a valid name
 * everywhere), and {@code OUT/reviews/latest}, a symbolic link to the newest. A review is written
 * into a hidden folder and renamed into place only when complete, and {@code latest} moves after
 * it, and only forward: a reader never sees half a review, nor a review go away, and a crash leaves
 * only a hidden folder, removed on the next start. A review of a time already published (the job
 * replaying from a checkpoint computes the same review again) leaves the published one in place.
 */
final class ReviewDirectories {
    private static final DateTimeFormatter NAME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'").withZone(ZoneOffset.UTC);
    private static final String STAGING = ".staging-";

    /** Writes a review's files into the folder it is given. */
    interface Contents {
        void writeInto(Path dir) throws IOException;
    }

    private final Path output;
    private final Path reviews;

    ReviewDirectories(Path output) {
        this.output = output;
        this.reviews = output.resolve("reviews");
    }

    Path of(long reviewMillis) {
        return reviews.resolve(NAME.format(Instant.ofEpochMilli(reviewMillis)));
    }

    /**
     * Writes the review of {@code reviewMillis} in a hidden folder and renames it into place, unless one of
     * that time is published already; then points {@code latest} at it when it is the newest.
     */
    Path publish(long reviewMillis, Contents contents) throws IOException {
        Path dir = of(reviewMillis);
        OutputFolder.at(output)
                .folder("reviews"); // a real folder: a link planted in its place is replaced, not followed
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Path staged = reviews.resolve(STAGING + dir.getFileName() + "-" + UUID.randomUUID());
            try {
                contents.writeInto(staged);
                // A folder is never renamed over a full one: of two writers of one time, the first stays.
                Files.move(staged, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                // published meanwhile: that one stays
            } finally {
                deleteTree(staged);
            }
        }
        if (isNewest(dir)) {
            pointLatestAt(dir);
        }
        return dir;
    }

    /** Whether no later review than {@code dir} is published (names sort as their times do). */
    private boolean isNewest(Path dir) throws IOException {
        try (Stream<Path> published = Files.list(reviews)) {
            String name = dir.getFileName().toString();
            return published
                    .map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".") && !n.equals("latest"))
                    .noneMatch(n -> n.compareTo(name) > 0);
        }
    }

    /** Removes what an interrupted publication left behind (hidden folders only; reviews stay). */
    void removeLeftovers() throws IOException {
        if (!Files.isDirectory(reviews, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(
                reviews, p -> p.getFileName().toString().startsWith(STAGING))) {
            for (Path entry : entries) {
                deleteTree(entry);
            }
        }
    }

    void pointLatestAt(Path review) throws IOException {
        Path latest = reviews.resolve("latest");
        Path staged = reviews.resolve(".latest-" + review.getFileName());
        Files.deleteIfExists(staged);
        Files.createSymbolicLink(staged, review.getFileName());
        Files.move(staged, latest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Deletes a folder and what it holds, never following a link out of it. */
    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
