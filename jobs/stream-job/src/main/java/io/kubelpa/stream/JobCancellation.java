package io.kubelpa.stream;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;

/**
 * Cancels a job and returns only once it has reached a terminal state. {@link JobClient#cancel()}
 * completes when the cluster accepts the request, while tasks may still be writing a review; whoever
 * removes the output folder next must wait for them.
 */
public final class JobCancellation {
    private JobCancellation() {}

    public static JobStatus cancelAndAwait(JobClient job, Duration timeout) throws Exception {
        try {
            job.cancel().get();
        } catch (ExecutionException e) {
            // A job that already ended (failed, say) cannot be cancelled; its own end is what counts.
            if (!job.getJobStatus().get().isGloballyTerminalState()) {
                throw e;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        JobStatus status = job.getJobStatus().get();
        while (!status.isGloballyTerminalState()) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(
                        "job " + job.getJobID() + " still " + status + " " + timeout + " after it was cancelled");
            }
            Thread.sleep(50);
            status = job.getJobStatus().get();
        }
        return status;
    }
}
