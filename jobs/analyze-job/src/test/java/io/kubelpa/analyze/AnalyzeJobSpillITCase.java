package io.kubelpa.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelpa.audit.format.AuditLogReader;
import io.kubelpa.audit.format.AuditRecordDecoder;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.ManifestReader;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.samples.SampleClusterSimulator;
import io.kubelpa.samples.SampleDirectory;
import io.kubelpa.usage.AuditAnalysis;
import io.kubelpa.usage.UsageReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bounded job with a small fraction of the sort memory its log needs: the requests keyed by
 * auditID are sorted in runs spilled to disk and merged, and the analysis is still exactly the
 * in-process one.
 */
class AnalyzeJobSpillITCase {
    private static final MemorySize SORT_MEMORY = MemorySize.parse("2mb");

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .setConfiguration(smallSortMemory())
            .build());

    private static Configuration smallSortMemory() {
        Configuration config = new Configuration();
        config.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, SORT_MEMORY);
        return config;
    }

    @Test
    void aLogManyTimesTheSortMemoryIsAnalysedExactly(@TempDir Path dir) throws Exception {
        new SampleClusterSimulator(7, 3, 10, true).write(dir);
        Path log = dir.resolve("audit").resolve("audit.log");
        assertThat(Files.size(log))
                .as("the log is several times the sort memory")
                .isGreaterThan(4 * SORT_MEMORY.getBytes());
        RbacObjects rbac = new ManifestReader()
                .read(List.of(SampleDirectory.path().resolve("rbac")))
                .objects();

        Configuration config = new Configuration();
        config.set(AnalyzeOptions.PARALLELISM, 2);
        // each task hands on its sums every few entries: the ledger adds up many partial sums of the same entry
        config.set(AnalyzeOptions.PARTIAL_SUMS, 5);
        try (AnalysisResult result =
                new AnalyzeRunner(config).run(rbac, BuiltinMode.ROLES_AND_BINDINGS, List.of(dir.resolve("audit")))) {
            UsageReport job = result.report();

            AuditAnalysis reference = new AuditAnalysis(rbac, BuiltinMode.ROLES_AND_BINDINGS);
            new AuditLogReader(new AuditRecordDecoder()).read(log, reference::accept);
            UsageReport expected = reference.finish().report();
            assertThat(job.counters().get(io.kubelpa.usage.UsageCounters.REQUESTS))
                    .isGreaterThan(5_000);
            assertThat(new java.util.TreeMap<>(job.ledger().subjects()))
                    .usingRecursiveComparison()
                    .isEqualTo(expected.ledger().subjects());
            assertThat(job.counters().all()).isEqualTo(expected.counters().all());
            assertThat(job.rbacChanges()).isNotEmpty().isEqualTo(expected.rbacChanges());
        }
    }
}
