package io.kubelpa.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelpa.audit.format.AuditLogReader;
import io.kubelpa.audit.format.AuditRecordDecoder;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.ManifestReader;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.samples.SampleDirectory;
import io.kubelpa.usage.AuditAnalysis;
import io.kubelpa.usage.UsageCounters;
import io.kubelpa.usage.UsageReport;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded file-system faults in a folder of audit logs — gzip cut short or corrupted, a plain log cut
 * mid-line or followed by binary noise, a file made empty, a log replaced by a dangling link, a link
 * loop or a FIFO — never fail {@code lpa analyze}'s job: it gives the same ledger, counters and dead
 * letters as the in-process reading of the same folder, every faulty file is named by a dead letter
 * of one line, and every record of the untouched files is counted.
 */
class AuditLogFaultsFuzzITCase {
    private static final Path SAMPLES = SampleDirectory.path();

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void faultyFilesAreDeadLettersAndTheRestIsAnalysedAsInProcess(long seed, @TempDir Path dir) throws Exception {
        Random random = new Random(seed);
        Path logs = dir.resolve("logs");
        copy(SAMPLES.resolve("audit"), logs);
        List<Path> files = AuditLogReader.files(List.of(logs));
        List<Path> touched = new ArrayList<>();
        List<Path> detectable = new ArrayList<>();
        for (Path file : files) {
            if (random.nextInt(3) > 0) {
                touched.add(file);
                if (fault(file, random)) {
                    detectable.add(file);
                }
            }
        }
        long untouchedEvents =
                events(files.stream().filter(f -> !touched.contains(f)).toList());

        RbacObjects rbac =
                new ManifestReader().read(List.of(SAMPLES.resolve("rbac"))).objects();
        Configuration config = new Configuration();
        config.set(AnalyzeOptions.PARALLELISM, 2);
        // Some seeds read the plain logs in byte ranges, so a fault falls inside a range.
        config.set(AnalyzeOptions.RANGE_SIZE, MemorySize.parse(random.nextBoolean() ? "32mb" : "16kb"));
        try (AnalysisResult result =
                new AnalyzeRunner(config).run(rbac, BuiltinMode.ROLES_AND_BINDINGS, List.of(logs))) {
            UsageReport job = result.report();
            UsageReport expected = inProcess(rbac, logs);

            assertThat(new TreeMap<>(job.ledger().subjects()))
                    .usingRecursiveComparison()
                    .isEqualTo(expected.ledger().subjects());
            assertThat(job.counters().all()).isEqualTo(expected.counters().all());
            assertThat(job.deadLetters())
                    .extracting(d -> file(d.location()) + " " + d.reason())
                    .containsExactlyInAnyOrderElementsOf(expected.deadLetters().stream()
                            .map(d -> file(d.location()) + " " + d.reason())
                            .toList());
            assertThat(job.deadLetters()).allSatisfy(d -> assertThat(d.detail()).doesNotContain("\n", "\r"));
            assertThat(job.counters().get(UsageCounters.EVENTS)).isGreaterThanOrEqualTo(untouchedEvents);
            for (Path file : detectable) {
                assertThat(job.deadLetters()).as("a dead letter names " + file).anyMatch(d -> file(d.location())
                        .equals(file.toString()));
            }
        }
    }

    /**
     * One fault, chosen by {@code random}, applied to {@code file}; whether a reader can tell (an empty file,
     * or a plain log cut at a line's end, is whole as far as anyone can see).
     */
    private static boolean fault(Path file, Random random) throws IOException, InterruptedException {
        long size = Files.size(file);
        boolean gzip = file.toString().endsWith(".gz");
        switch (random.nextInt(gzip ? 6 : 5)) {
            case 0 -> {
                Files.delete(file);
                Files.createSymbolicLink(file, file.resolveSibling("gone"));
            }
            case 1 -> {
                Files.delete(file);
                Files.createSymbolicLink(file, file.resolveSibling(file.getFileName() + ".loop"));
                Files.createSymbolicLink(file.resolveSibling(file.getFileName() + ".loop"), file);
            }
            case 2 -> {
                Files.delete(file);
                assertThat(new ProcessBuilder("mkfifo", file.toString()).start().waitFor())
                        .isZero();
            }
            case 3 -> {
                truncate(file, gzip ? 20 + random.nextInt((int) size - 40) : 1 + random.nextInt((int) size - 1));
                byte[] left = Files.readAllBytes(file);
                return gzip || left[left.length - 1] != '\n';
            }
            case 4 -> {
                if (gzip) {
                    corrupt(file, random);
                } else {
                    byte[] noise = new byte[1 + random.nextInt(4096)];
                    random.nextBytes(noise);
                    noise[0] = (byte) 0xff; // never valid UTF-8, never blank
                    Files.write(file, noise, StandardOpenOption.APPEND);
                }
            }
            default -> {
                truncate(file, 0);
                return false;
            }
        }
        return true;
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    /** A few bytes of the compressed data, past the gzip header, overwritten. */
    private static void corrupt(Path file, Random random) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 0; i < 1 + random.nextInt(8); i++) {
            bytes[20 + random.nextInt(bytes.length - 40)] ^= (byte) (1 + random.nextInt(255));
        }
        Files.write(file, bytes);
    }

    private static UsageReport inProcess(RbacObjects rbac, Path logs) throws IOException {
        AuditAnalysis reference = new AuditAnalysis(rbac, BuiltinMode.ROLES_AND_BINDINGS);
        AuditLogReader reader = new AuditLogReader(new AuditRecordDecoder());
        List<Path> all = new ArrayList<>(AuditLogReader.files(List.of(logs)));
        all.addAll(AuditLogReader.notFiles(List.of(logs)));
        for (Path path : all) {
            reader.read(path, reference::accept);
        }
        return reference.finish().report();
    }

    private static long events(List<Path> files) throws IOException {
        AuditAnalysis analysis = new AuditAnalysis(RbacObjects.empty(), BuiltinMode.NONE);
        AuditLogReader reader = new AuditLogReader(new AuditRecordDecoder());
        for (Path file : files) {
            reader.read(file, analysis::accept);
        }
        return analysis.finish().counters().get(UsageCounters.EVENTS);
    }

    /** The file a dead letter's location names: without its record number or byte offset. */
    private static String file(String location) {
        return location.replaceFirst("[:@]\\d+$", "");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
