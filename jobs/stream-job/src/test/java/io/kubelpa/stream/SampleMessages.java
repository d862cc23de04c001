package io.kubelpa.stream;

import io.kubelpa.samples.SampleDirectory;
import io.kubelpa.samples.SampleReplay;
import java.nio.charset.StandardCharsets;
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

    /** A RequestReceived-only event far after the samples: it moves event time past the last review boundary. */
    public static byte[] clock(String time) {
        return ("{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\",\"auditID\":\"clock-"
                        + time
                        + "\",\"stage\":\"RequestReceived\",\"requestURI\":\"/healthz\",\"verb\":\"get\",\"user\":{\"username\":\"clock\"},"
                        + "\"requestReceivedTimestamp\":\"" + time + "\",\"stageTimestamp\":\"" + time + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
