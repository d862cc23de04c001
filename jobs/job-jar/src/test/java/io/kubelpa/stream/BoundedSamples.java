package io.kubelpa.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubelpa.report.UsageJsonWriter;
import io.kubelpa.samples.SampleAuditLogsTest;
import java.nio.file.Path;

/** The oracle of the job jar's tests: a review's ledger against the bounded analysis of the samples. */
final class BoundedSamples {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BoundedSamples() {}

    /** The review's subjects (less the bindings each holds, which only a review adds) equal the bounded ledger's. */
    static void assertReviewEqualsTheBoundedAnalysis(Path review) throws Exception {
        JsonNode subjects = JSON.readTree(review.resolve("usage.json").toFile())
                .get("subjects")
                .deepCopy();
        subjects.forEach(s -> ((ObjectNode) s).remove("bindingsHeld"));
        // Through text, as the job's files are read: numbers then compare as the same node type.
        JsonNode expected = JSON.readTree(new UsageJsonWriter()
                .usage(SampleAuditLogsTest.analyseSamples())
                .get("subjects")
                .toString());
        assertThat(subjects).as("the ledger of %s", review.getFileName()).isEqualTo(expected);
    }
}
