package io.kubelpa.stream;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A savepoint of the streaming job as one release wrote it, kept in the test resources so every
 * later release proves it restores it: the job read the first {@code consumed} sample messages of
 * {@code topic} ({@code partitions} partitions, message i in partition i mod partitions) before it
 * was stopped with a canonical savepoint in {@code savepoint/}.
 */
record UpgradeFixture(String release, String topic, int partitions, int consumed, Path savepoint) {
    static final Path RESOURCES = Path.of("src", "test", "resources", "savepoints");
    private static final String PROPERTIES = "fixture.properties";

    static UpgradeFixture read(Path dir) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(dir.resolve(PROPERTIES))) {
            properties.load(reader);
        }
        return new UpgradeFixture(
                properties.getProperty("release"),
                properties.getProperty("topic"),
                Integer.parseInt(properties.getProperty("partitions")),
                Integer.parseInt(properties.getProperty("consumed")),
                dir.resolve("savepoint"));
    }

    void write(Path dir) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("release", release);
        properties.setProperty("topic", topic);
        properties.setProperty("partitions", Integer.toString(partitions));
        properties.setProperty("consumed", Integer.toString(consumed));
        try (Writer writer = Files.newBufferedWriter(dir.resolve(PROPERTIES))) {
            properties.store(writer, "a savepoint of kube-lpa's streaming job, see UpgradeFixture");
        }
    }

    /** Messages into the topic as the fixture's job read them: message i into partition i mod partitions, in order. */
    static void produce(TestingKafka kafka, String topic, int partitions, List<byte[]> messages) {
        for (int partition = 0; partition < partitions; partition++) {
            List<byte[]> mine = new ArrayList<>();
            for (int i = partition; i < messages.size(); i += partitions) {
                mine.add(messages.get(i));
            }
            kafka.produceToPartition(topic, partition, mine);
        }
    }
}
