package io.kubelpa.stream;

import io.kubelpa.samples.SampleDirectory;
import io.kubelpa.samples.SampleReplay;
import java.nio.file.Path;
import java.util.List;

/** The sample cluster's audit records as Kafka messages, in the order a live pipeline would send them. */
public final class SampleMessages {
    public static final Path SAMPLES = SampleDirectory.path();

    private SampleMessages() {}

    public static List<byte[]> all() throws Exception {
        return SampleReplay.messages(SAMPLES.resolve("audit")).stream()
                .map(SampleReplay.Message::bytes)
                .toList();
    }
}
