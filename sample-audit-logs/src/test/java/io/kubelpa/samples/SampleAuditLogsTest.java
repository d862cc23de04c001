package io.kubelpa.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubelpa.audit.format.AuditLogReader;
import io.kubelpa.audit.format.AuditRecordDecoder;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.ManifestReader;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.usage.AuditAnalysis;
import io.kubelpa.usage.GrantKey;
import io.kubelpa.usage.RequestShape;
import io.kubelpa.usage.ShapeUsage;
import io.kubelpa.usage.SubjectUsage;
import io.kubelpa.usage.UsageCounters;
import io.kubelpa.usage.UsageReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed sample logs are the simulator's output, and the analysis finds their ground truth. */
public class SampleAuditLogsTest {
    static final Path SAMPLES = SampleDirectory.path();

    @Test
    void committedSamplesAreWhatTheSimulatorWrites(@TempDir Path dir) throws Exception {
        new SampleClusterSimulator(42, 3, 1).write(dir);
        List<Path> generated;
        try (Stream<Path> files = Files.walk(dir)) {
            generated = files.filter(Files::isRegularFile)
                    .map(dir::relativize)
                    .sorted()
                    .toList();
        }
        assertThat(generated).isNotEmpty();
        for (Path file : generated) {
            assertThat(Files.readAllBytes(SAMPLES.resolve(file)))
                    .as("%s is up to date (lpa simulate --out sample-audit-logs)", file)
                    .isEqualTo(Files.readAllBytes(dir.resolve(file)));
        }
    }

    /** The in-process analysis of the committed samples, as `lpa analyze --builtin-bindings` runs it. */
    public static UsageReport analyseSamples() throws Exception {
        RbacObjects rbac =
                new ManifestReader().read(List.of(SAMPLES.resolve("rbac"))).objects();
        AuditAnalysis analysis = new AuditAnalysis(rbac, BuiltinMode.ROLES_AND_BINDINGS);
        AuditLogReader reader = new AuditLogReader(new AuditRecordDecoder());
        for (Path file : AuditLogReader.files(List.of(SAMPLES.resolve("audit")))) {
            reader.read(file, analysis::accept);
        }
        return analysis.finish().report();
    }

    @Test
    void analysisReproducesTheGroundTruth() throws Exception {
        JsonNode truth =
                new ObjectMapper().readTree(SAMPLES.resolve("ground-truth.json").toFile());
        UsageReport report = analyseSamples();
        UsageCounters counters = report.counters();
        assertThat(counters.get(UsageCounters.REQUESTS))
                .isEqualTo(truth.get("requests").asLong());
        assertThat(counters.get(UsageCounters.EVENTS))
                .as("every event written is read, none swallowed by the damaged record")
                .isEqualTo(truth.get("events").asLong());
        assertThat(counters.get(UsageCounters.INCOMPLETE))
                .isEqualTo(truth.get("incomplete").asLong());
        assertThat(counters.get(UsageCounters.DUPLICATES))
                .isEqualTo(truth.get("redeliveredEvents").asLong());
        assertThat(report.deadLetters()).hasSize(truth.get("damagedRecords").asInt());
        assertThat(counters.get(UsageCounters.REASON_MISMATCHES)).isZero();
        assertThat(counters.get(UsageCounters.RBAC_CHANGES)).isEqualTo(1);

        Map<String, SubjectUsage> subjects = report.ledger().subjects();
        truth.get("subjects").fields().forEachRemaining(entry -> {
            String user = entry.getKey();
            JsonNode expected = entry.getValue();
            SubjectUsage actual = subjects.get(user);
            TreeSet<String> bindings = new TreeSet<>();
            long denied = 0;
            long allowed = 0;
            if (actual != null) {
                actual.used()
                        .keySet()
                        .forEach(grant -> bindings.add(grant.binding().toString()));
                denied = actual.denied().values().stream()
                        .mapToLong(ShapeUsage::count)
                        .sum();
                allowed = requestsMadeAs(actual.used());
            }
            TreeSet<String> expectedBindings = new TreeSet<>();
            expected.get("bindings").forEach(b -> expectedBindings.add(b.asText()));
            assertThat(bindings).as("bindings used by %s", user).isEqualTo(expectedBindings);
            assertThat(denied)
                    .as("requests denied to %s", user)
                    .isEqualTo(expected.get("denied").asLong());
            if (!expectedBindings.isEmpty()) {
                assertThat(allowed)
                        .as("allowed requests of %s", user)
                        .isEqualTo(expected.get("allowed").asLong());
            }
        });
    }

    /** Requests the subject made itself: per shape the count of one grant (every grant saw them all), no impersonation checks. */
    private static long requestsMadeAs(Map<GrantKey, Map<RequestShape, ShapeUsage>> used) {
        Map<RequestShape, Long> perShape = new TreeMap<>();
        used.values()
                .forEach(shapes -> shapes.forEach((shape, usage) -> {
                    if (!"impersonate".equals(shape.verb())) {
                        perShape.merge(
                                shape.resourceName().isEmpty()
                                        ? shape
                                        : new RequestShape(
                                                shape.verb(),
                                                shape.apiGroup(),
                                                shape.resource(),
                                                shape.subresource(),
                                                shape.namespace(),
                                                "",
                                                shape.nonResourceURL()),
                                usage.count(),
                                Math::max);
                    }
                }));
        return perShape.values().stream().mapToLong(Long::longValue).sum();
    }
}
