package io.kubelpa.stream;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * What an operator of the job alerts on about its reviews, under the {@code lpa} group: how many were
 * written, the event time of the latest, how long after that time (on the wall clock) it was written,
 * how long it took, and how long ago the last one was written, or the operator started when none was
 * since (a stalled job's reviews stop coming, also after a restart).
 */
final class ReviewMetrics {
    private final Counter written;
    private volatile long latestReviewTimeMillis = -1;
    private volatile long latestDelayMillis = -1;
    private volatile long latestDurationMillis = -1;
    /** The operator's start until the first review: a job that restarts and then stalls still shows it. */
    private volatile long latestWrittenAtMillis = System.currentTimeMillis();

    ReviewMetrics(MetricGroup parent) {
        MetricGroup group = parent.addGroup("lpa");
        written = group.counter("reviewsWritten");
        group.gauge("latestReviewTimeMillis", (Gauge<Long>) () -> latestReviewTimeMillis);
        group.gauge("reviewDelayMillis", (Gauge<Long>) () -> latestDelayMillis);
        group.gauge("reviewDurationMillis", (Gauge<Long>) () -> latestDurationMillis);
        group.gauge("millisSinceLastReview", (Gauge<Long>)
                () -> latestWrittenAtMillis < 0 ? -1 : System.currentTimeMillis() - latestWrittenAtMillis);
    }

    /** A review of event time {@code reviewTimeMillis} written now, after {@code durationMillis} of work. */
    void written(long reviewTimeMillis, long durationMillis) {
        long now = System.currentTimeMillis();
        written.inc();
        latestReviewTimeMillis = reviewTimeMillis;
        latestDelayMillis = now - reviewTimeMillis;
        latestDurationMillis = durationMillis;
        latestWrittenAtMillis = now;
    }
}
