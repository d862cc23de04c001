package io.kubelpa.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class JobCancellationITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    /** Writes one file per number into a folder, slowly, as a review writer would. */
    private record WriteFile(String dir) implements MapFunction<Long, Long> {
        @Override
        public Long map(Long n) throws Exception {
            Files.writeString(Path.of(dir).resolve(n + ".txt"), "written");
            Thread.sleep(5);
            return n;
        }
    }

    @Test
    void aCancelledJobWritesNothingOnceItReturns(@TempDir Path out) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.fromSequence(0, Long.MAX_VALUE).map(new WriteFile(out.toString())).sinkTo(new DiscardingSink<>());
        JobClient job = env.executeAsync("writes until cancelled");
        while (files(out).size() < 20) {
            Thread.sleep(20);
        }

        assertThat(JobCancellation.cancelAndAwait(job, Duration.ofSeconds(60))).isEqualTo(JobStatus.CANCELED);
        List<Path> atReturn = files(out);
        Thread.sleep(500);
        assertThat(files(out)).as("files written after the job was cancelled").isEqualTo(atReturn);
    }

    @Test
    void aJobThatAlreadyEndedIsNotAnError() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSequence(1, 10).sinkTo(new DiscardingSink<>());
        JobClient job = env.executeAsync("ends by itself");
        job.getJobExecutionResult().get();

        assertThat(JobCancellation.cancelAndAwait(job, Duration.ofSeconds(60))).isEqualTo(JobStatus.FINISHED);
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> paths = Files.list(dir)) {
            return paths.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
