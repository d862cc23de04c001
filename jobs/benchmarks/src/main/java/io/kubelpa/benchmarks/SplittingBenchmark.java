package io.kubelpa.benchmarks;

import io.kubelpa.audit.format.JsonRecordSplitter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;

/** The reading task's first work per event: the sample log's bytes split into records, timed per record. */
public class SplittingBenchmark extends PerEventBenchmark {
    private byte[] log;

    @Setup
    public void setUp() {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (byte[] line : SampleData.lines()) {
            joined.writeBytes(line);
            joined.write('\n');
        }
        log = joined.toByteArray();
        if (SampleData.lines().size() != SampleData.EVENTS) {
            throw new IllegalStateException("the score is per record of " + SampleData.EVENTS
                    + " lines, but the sample has " + SampleData.lines().size());
        }
    }

    @Benchmark
    @OperationsPerInvocation(SampleData.EVENTS)
    public long splitJsonLines() throws IOException {
        JsonRecordSplitter splitter = new JsonRecordSplitter(new ByteArrayInputStream(log), 1 << 20);
        long bytes = 0;
        for (JsonRecordSplitter.Split split = splitter.next(); split != null; split = splitter.next()) {
            bytes += split.bytes().length;
        }
        return bytes;
    }
}
