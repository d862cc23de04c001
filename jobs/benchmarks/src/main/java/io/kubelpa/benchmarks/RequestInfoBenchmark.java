package io.kubelpa.benchmarks;

import io.kubelpa.audit.AuditEvent;
import io.kubelpa.audit.RequestInfoParser;
import io.kubelpa.authz.RequestAttributes;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/** The API server's request info, rebuilt from an event's URI and verb: the first step of attributing it. */
public class RequestInfoBenchmark extends PerEventBenchmark {
    private List<AuditEvent> events;

    @Setup
    public void setUp() {
        events = SampleData.events();
    }

    @Benchmark
    public RequestAttributes requestInfo() {
        AuditEvent event = next(events);
        return RequestInfoParser.attributes(event, event.effectiveUser());
    }
}
