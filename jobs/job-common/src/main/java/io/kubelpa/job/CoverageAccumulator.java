package io.kubelpa.job;

import io.kubelpa.usage.Coverage;
import org.apache.flink.api.common.accumulators.Accumulator;

/** A job's {@link Coverage} as a Flink accumulator: each task's, merged into the job's result. */
public final class CoverageAccumulator implements Accumulator<Coverage, Coverage> {
    private static final long serialVersionUID = 1L;
    private Coverage coverage = new Coverage();

    @Override
    public void add(Coverage value) {
        coverage.merge(value);
    }

    void add(String source, long timeMicros) {
        coverage.add(source, timeMicros);
    }

    @Override
    public Coverage getLocalValue() {
        return coverage;
    }

    @Override
    public void resetLocal() {
        coverage = new Coverage();
    }

    @Override
    public void merge(Accumulator<Coverage, Coverage> other) {
        coverage.merge(other.getLocalValue());
    }

    @Override
    public CoverageAccumulator clone() {
        CoverageAccumulator copy = new CoverageAccumulator();
        copy.coverage.merge(coverage);
        return copy;
    }
}
