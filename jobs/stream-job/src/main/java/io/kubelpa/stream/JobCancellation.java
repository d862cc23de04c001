package io.kubelpa.stream;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
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
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            job.cancel().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // A job that already ended (failed, say) cannot be cancelled; its own end is what counts.
            if (!status(job, deadline).isGloballyTerminalState()) {
                throw e;
            }
        }
        JobStatus status = status(job, deadline);
        while (!status.isGloballyTerminalState()) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(
                        "job " + job.getJobID() + " still " + status + " " + timeout + " after it was cancelled");
            }
            Thread.sleep(50);
            status = status(job, deadline);
        }
        return status;
    }

    private static JobStatus status(JobClient job, long deadline) throws Exception {
        long left = Math.max(1, deadline - System.nanoTime());
        return job.getJobStatus().get(left, TimeUnit.NANOSECONDS);
    }
}
