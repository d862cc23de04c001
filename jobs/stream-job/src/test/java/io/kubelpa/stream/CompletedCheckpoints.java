package io.kubelpa.stream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;

/** Waits for a streaming job's completed checkpoints in {@code OUT/checkpoints/<job>/}. */
final class CompletedCheckpoints {
    private CompletedCheckpoints() {}

    /** Waits for the job's first completed checkpoint. */
    static void await(Path out, JobClient job) throws InterruptedException {
        awaitAfter(out, job, 0);
    }

    /** Waits for a checkpoint completed after the latest one completed now (retained ones count by number). */
    static void awaitAnother(Path out, JobClient job) throws InterruptedException {
        awaitAfter(out, job, latest(out, job));
    }

    private static long latest(Path out, JobClient job) {
        Path checkpoints = out.resolve("checkpoints").resolve(job.getJobID().toString());
        try (Stream<Path> dirs = Files.exists(checkpoints) ? Files.list(checkpoints) : Stream.empty()) {
            return dirs.filter(
                            d -> d.getFileName().toString().matches("chk-\\d+") && Files.exists(d.resolve("_metadata")))
                    .mapToLong(d -> Long.parseLong(d.getFileName().toString().substring(4)))
                    .max()
                    .orElse(0);
        } catch (IOException e) {
            return 0; // a checkpoint directory being written or removed; none counted
        }
    }

    private static void awaitAfter(Path out, JobClient job, long after) throws InterruptedException {
        Path checkpoints = out.resolve("checkpoints").resolve(job.getJobID().toString());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            if (latest(out, job) > after) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no completed checkpoint in " + checkpoints);
            }
            Thread.sleep(100);
        }
    }
}
