package io.kubelpa.stream;

import java.time.Duration;
import org.apache.flink.core.execution.JobClient;

/**
 * A started job that try-with-resources cancels, and waits for, however the test ends: a job left
 * running would write into the next test's folders and hold the shared cluster's slots.
 */
record RunningJob(JobClient client) implements AutoCloseable {
    @Override
    public void close() throws Exception {
        JobCancellation.cancelAndAwait(client, Duration.ofSeconds(60));
    }
}
