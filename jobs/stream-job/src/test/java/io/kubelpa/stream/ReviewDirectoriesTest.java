package io.kubelpa.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reviews appear whole: a reader polling while reviews are written (some twice, as a job replaying
 * from a checkpoint does) never sees a review folder without all its files, nor {@code latest} pointing
 * at one or moving back; an interrupted write leaves only a hidden folder, removed on the next start.
 */
class ReviewDirectoriesTest {
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long T0 = Instant.parse("2025-05-01T00:00:00Z").toEpochMilli();
    private static final List<String> FILES = List.of("usage.json", "findings.json", "verification.json");

    private static void writeSlowly(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String name : FILES) {
            Files.writeString(dir.resolve(name), "{\"complete\": true}");
            Thread.onSpinWait();
        }
    }

    @Test
    void aReaderPollingWhileReviewsArePublishedNeverSeesAPartialOne(@TempDir Path out) throws Exception {
        ReviewDirectories directories = new ReviewDirectories(out);
        Path reviews = out.resolve("reviews");
        AtomicBoolean done = new AtomicBoolean();
        List<String> partial = Collections.synchronizedList(new ArrayList<>());
        List<String> latestSeen = Collections.synchronizedList(new ArrayList<>());
        int[] looks = {0};
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                try (Stream<Path> list = Files.exists(reviews) ? Files.list(reviews) : Stream.empty()) {
                    for (Path review : list.filter(
                                    p -> !p.getFileName().toString().startsWith("."))
                            .toList()) {
                        for (String name : FILES) {
                            Path file = review.resolve(name);
                            // A review folder that exists must hold every file, complete (latest included).
                            if (Files.isDirectory(review)
                                    && (!Files.exists(file)
                                            || Files.readString(file).isEmpty())) {
                                partial.add(review.getFileName() + "/" + name);
                            }
                        }
                    }
                    if (Files.isSymbolicLink(reviews.resolve("latest"))) {
                        latestSeen.add(Files.readSymbolicLink(reviews.resolve("latest"))
                                .toString());
                    }
                    looks[0]++;
                } catch (IOException e) {
                    // a folder renamed away between listing and reading: not a partial review
                }
            }
        });
        reader.start();
        for (int i = 0; i < 200; i++) {
            // Each day is published twice, and an earlier day again, as a job replaying from a checkpoint does.
            directories.publish(T0 + (i / 2) * DAY, ReviewDirectoriesTest::writeSlowly);
            directories.publish(T0 + Math.max(0, i / 2 - 3) * DAY, ReviewDirectoriesTest::writeSlowly);
        }
        done.set(true);
        reader.join();
        assertThat(looks[0]).as("the reader looked while reviews were written").isPositive();
        assertThat(partial).isEmpty();
        assertThat(latestSeen).as("latest only moves forward").isSorted();
        assertThat(Files.readSymbolicLink(reviews.resolve("latest")).toString()).isEqualTo("2025-08-08T00-00-00Z");
        try (Stream<Path> hidden =
                Files.list(reviews).filter(p -> p.getFileName().toString().startsWith(".staging"))) {
            assertThat(hidden).isEmpty();
        }
    }

    @Test
    void aReviewOfATimeAlreadyPublishedLeavesThePublishedOne(@TempDir Path out) throws Exception {
        ReviewDirectories directories = new ReviewDirectories(out);
        directories.publish(
                T0, dir -> Files.writeString(Files.createDirectories(dir).resolve("usage.json"), "first"));
        directories.publish(
                T0, dir -> Files.writeString(Files.createDirectories(dir).resolve("usage.json"), "second"));
        assertThat(out.resolve("reviews/2025-05-01T00-00-00Z/usage.json")).hasContent("first");
        assertThat(out.resolve("reviews/latest/usage.json")).hasContent("first");
    }

    @Test
    void anInterruptedPublicationLeavesNoReviewAndItsLeftoversGoOnTheNextStart(@TempDir Path out) throws Exception {
        ReviewDirectories directories = new ReviewDirectories(out);
        directories.publish(T0, ReviewDirectoriesTest::writeSlowly);
        try {
            directories.publish(T0 + DAY, dir -> {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("usage.json"), "{");
                throw new IOException("disk full");
            });
        } catch (IOException expected) {
            assertThat(expected).hasMessage("disk full");
        }
        Path reviews = out.resolve("reviews");
        assertThat(reviews.resolve("2025-05-02T00-00-00Z")).doesNotExist();
        assertThat(Files.readSymbolicLink(reviews.resolve("latest")).toString()).isEqualTo("2025-05-01T00-00-00Z");
        Files.createDirectories(reviews.resolve(".staging-2025-05-03T00-00-00Z-crashed"));
        directories.removeLeftovers();
        try (Stream<Path> list = Files.list(reviews)) {
            assertThat(list.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("2025-05-01T00-00-00Z", "latest");
        }
    }
}
