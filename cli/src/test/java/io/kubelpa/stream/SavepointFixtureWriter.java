package io.kubelpa.stream;

import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.ManifestReader;
import io.kubelpa.rbac.RbacObjects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Writes this release's savepoint fixture ({@link UpgradeFixture}) into the test resources: run once
 * per release, from the cli module, and commit the result (docs/operations.md, "Upgrades"):
 *
 * <pre>../mvnw -o -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.kubelpa.stream.SavepointFixtureWriter -Dexec.args=RELEASE</pre>
 */
public final class SavepointFixtureWriter {
    private SavepointFixtureWriter() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !args[0].matches("[0-9]+\\.[0-9]+\\.[0-9]+")) {
            throw new IllegalArgumentException("give the release this savepoint is of, e.g. 0.1.0");
        }
        String release = args[0];
        Path dir = UpgradeFixture.RESOURCES.resolve(release);
        if (Files.exists(dir)) {
            throw new IllegalStateException(dir + " exists: a release's fixture is written once");
        }
        List<byte[]> samples = SampleMessages.all();
        UpgradeFixture fixture = new UpgradeFixture(
                release, "lpa-upgrade-" + release.replace('.', '-'), 2, samples.size() / 2, dir.resolve("savepoint"));
        RbacObjects rbac = new ManifestReader()
                .read(List.of(SampleMessages.SAMPLES.resolve("rbac")))
                .objects();
        Path work = Files.createTempDirectory("lpa-fixture");
        try {
            write(fixture, dir, samples, rbac, work);
        } finally {
            System.exit(Files.exists(dir.resolve("fixture.properties")) ? 0 : 1); // the embedded cluster's threads
        }
    }

    private static void write(UpgradeFixture fixture, Path dir, List<byte[]> samples, RbacObjects rbac, Path work)
            throws Exception {
        try (TestingKafka kafka = new TestingKafka()) {
            kafka.createTopic(fixture.topic(), fixture.partitions(), false);
            UpgradeFixture.produce(
                    kafka, fixture.topic(), fixture.partitions(), samples.subList(0, fixture.consumed()));
            Configuration config = kafka.jobConfig(fixture.topic(), work, 2, false);
            config.set(StreamReviewOptions.WINDOW, Duration.ofDays(3650));
            config.set(RequestOptions.IDLENESS, Duration.ofHours(1));
            JobClient job = new StreamRunner(config, fixture.release()).start(rbac, BuiltinMode.ROLES_AND_BINDINGS);
            awaitCommitted(kafka, "lpa-" + fixture.topic(), fixture.topic(), fixture.partitions());
            String written = job.stopWithSavepoint(
                            false, work.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
                    .get();
            Files.createDirectories(dir);
            Files.move(Path.of(java.net.URI.create(written)), fixture.savepoint());
            fixture.write(dir);
            System.out.println("Wrote " + dir);
        }
    }

    /** Until the job's checkpoints committed every message of the topic: the savepoint then holds them all. */
    private static void awaitCommitted(TestingKafka kafka, String group, String topic, int partitions)
            throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            var ends = admin.listOffsets(latest).all().get();
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (System.nanoTime() < deadline) {
                var committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata()
                        .get();
                if (ends.entrySet().stream()
                        .allMatch(e -> committed.get(e.getKey()) != null
                                && committed.get(e.getKey()).offset()
                                        >= e.getValue().offset())) {
                    return;
                }
                Thread.sleep(200);
            }
            throw new IllegalStateException("the job did not read the whole topic " + topic + " within 2 minutes");
        }
    }
}
