package io.kubelpa.benchmarks;

import io.kubelpa.audit.AuditEvent;
import io.kubelpa.audit.format.AuditEventCodec;
import io.kubelpa.audit.format.AuditRecordDecoder;
import io.kubelpa.audit.format.DecodeResult;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/** The source task's work per event: a JSON line decoded into an event, and the compact form it crosses the exchange in. */
public class DecodingBenchmark extends PerEventBenchmark {
    private List<byte[]> lines;
    private List<AuditEvent> events;
    private List<byte[]> encoded;
    private AuditRecordDecoder decoder;

    @Setup
    public void setUp() {
        lines = SampleData.lines();
        events = SampleData.events();
        encoded = events.stream().map(AuditEventCodec::encode).toList();
        decoder = new AuditRecordDecoder();
    }

    @Benchmark
    public DecodeResult decodeJsonLine() {
        return decoder.decode(next(lines));
    }

    @Benchmark
    public byte[] encodeCompact() {
        return AuditEventCodec.encode(next(events));
    }

    @Benchmark
    public AuditEvent decodeCompact() {
        return AuditEventCodec.decode(next(encoded));
    }
}
