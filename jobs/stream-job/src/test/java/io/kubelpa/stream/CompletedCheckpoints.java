package io.kubelpa.stream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;

/** Waits for a streaming job's first completed checkpoint in {@code OUT/checkpoints/<job>/}. */
final class CompletedCheckpoints {
    private CompletedCheckpoints() {}

    static void await(Path out, JobClient job) throws InterruptedException {
        Path checkpoints = out.resolve("checkpoints").resolve(job.getJobID().toString());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try (Stream<Path> dirs = Files.exists(checkpoints) ? Files.list(checkpoints) : Stream.empty()) {
                if (dirs.anyMatch(
                        d -> d.getFileName().toString().startsWith("chk-") && Files.exists(d.resolve("_metadata")))) {
                    return;
                }
            } catch (IOException e) {
                // a checkpoint directory being written; look again
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no completed checkpoint in " + checkpoints);
            }
            Thread.sleep(100);
        }
    }
}
