package io.kubelpa.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.ManifestReader;
import io.kubelpa.rbac.RbacObjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every savepoint a release committed ({@link UpgradeFixture}) restores with the current code: the job
 * resumes where that release stopped, reads the rest of the samples, and its final review's ledger
 * equals the bounded analysis of all of them, though the topic now holds junk where the saved job had
 * read (so the first half's usage comes from the restored state alone). A change to the job's state that breaks restore fails here.
 */
class SavepointUpgradeITCase {
    @org.junit.jupiter.api.extension.RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static TestingKafka kafka;

    @BeforeAll
    static void start() throws Exception {
        kafka = new TestingKafka();
    }

    @AfterAll
    static void stop() throws Exception {
        kafka.close();
    }

    static List<Path> fixtures() throws Exception {
        try (Stream<Path> dirs = Files.list(UpgradeFixture.RESOURCES)) {
            List<Path> all = dirs.filter(Files::isDirectory).sorted().toList();
            assertThat(all)
                    .as("committed savepoints in %s", UpgradeFixture.RESOURCES)
                    .isNotEmpty();
            return all;
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void aCommittedSavepointRestoresAndTheNextReviewEqualsTheBoundedAnalysis(Path dir, @TempDir Path out)
            throws Exception {
        UpgradeFixture fixture = UpgradeFixture.read(dir);
        assertThat(fixture.savepoint().resolve("_metadata")).exists();
        List<byte[]> samples = SampleMessages.all();
        kafka.createTopic(fixture.topic(), fixture.partitions(), false);
        // Where the saved job had read, the topic now holds junk: only the savepoint's state can bring that usage back.
        List<byte[]> topic = new java.util.ArrayList<>(samples);
        for (int i = 0; i < fixture.consumed(); i++) {
            topic.set(i, "not an audit event".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        UpgradeFixture.produce(kafka, fixture.topic(), fixture.partitions(), topic);
        kafka.produceToEveryPartition(fixture.topic(), SampleMessages.clock("2025-05-06T12:00:00Z"));

        Configuration config = kafka.jobConfig(fixture.topic(), out, 2, false);
        config.set(StreamReviewOptions.WINDOW, Duration.ofDays(3650));
        config.set(RequestOptions.IDLENESS, Duration.ofHours(1));
        config.set(
                StateRecoveryOptions.SAVEPOINT_PATH, fixture.savepoint().toUri().toString());
        RbacObjects rbac = new ManifestReader()
                .read(List.of(SampleMessages.SAMPLES.resolve("rbac")))
                .objects();
        JobClient job = new StreamRunner(config, "test").start(rbac, BuiltinMode.ROLES_AND_BINDINGS);
        Path review = out.resolve("reviews").resolve("2025-05-04T00-00-00Z");
        try {
            SampleLedger.awaitFile(review.resolve("verification.json"), Duration.ofSeconds(120));
        } finally {
            JobCancellation.cancelAndAwait(job, Duration.ofSeconds(60));
        }
        SampleLedger.assertEqualsTheBoundedAnalysis(review);
    }
}
