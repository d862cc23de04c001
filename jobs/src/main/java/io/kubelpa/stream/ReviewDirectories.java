package io.kubelpa.stream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * {@code OUT/reviews/<time>/} per review, named by its event time (no colons, so it is a valid name
 * everywhere), and {@code OUT/reviews/latest}, a symbolic link swapped atomically to the newest.
 */
final class ReviewDirectories {
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'").withZone(ZoneOffset.UTC);

    private final Path reviews;

    ReviewDirectories(Path output) {
        this.reviews = output.resolve("reviews");
    }

    Path of(long reviewMillis) {
        return reviews.resolve(NAME.format(Instant.ofEpochMilli(reviewMillis)));
    }

    void pointLatestAt(Path review) throws IOException {
        Path latest = reviews.resolve("latest");
        Path staged = reviews.resolve(".latest-" + review.getFileName());
        Files.deleteIfExists(staged);
        Files.createSymbolicLink(staged, review.getFileName());
        Files.move(staged, latest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
