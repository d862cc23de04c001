package io.kubelpa.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelpa.analyze.AnalysisResult;
import io.kubelpa.analyze.AnalyzeOptions;
import io.kubelpa.analyze.AnalyzeRunner;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.ManifestReader;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.usage.UsageCounters;
import io.kubelpa.usage.UsageReport;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bench's floor jobs read what the analysis reads: every record of the sample logs (byte ranges
 * included), and decoded (and sorted by auditID), every event the analysis counts.
 */
class AnalyzeFloorITCase {
    private static final Path SAMPLES = Path.of("../sample-audit-logs");

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @Test
    void theFloorJobsSeeTheRecordsAndEventsOfTheAnalysis() throws Exception {
        Configuration config = new Configuration();
        config.set(AnalyzeOptions.PARALLELISM, 2);
        config.set(AnalyzeOptions.RANGE_SIZE, MemorySize.parse("64kb"));
        RbacObjects rbac =
                new ManifestReader().read(List.of(SAMPLES.resolve("rbac"))).objects();
        try (AnalysisResult result = new AnalyzeRunner(config)
                .run(rbac, BuiltinMode.ROLES_AND_BINDINGS, List.of(SAMPLES.resolve("audit")))) {
            UsageReport analysis = result.report();

            AnalyzeFloor.Result read =
                    AnalyzeFloor.run(config, List.of(SAMPLES.resolve("audit")), AnalyzeFloor.Depth.READ);
            AnalyzeFloor.Result decoded =
                    AnalyzeFloor.run(config, List.of(SAMPLES.resolve("audit")), AnalyzeFloor.Depth.DECODE);

            AnalyzeFloor.Result keyed =
                    AnalyzeFloor.run(config, List.of(SAMPLES.resolve("audit")), AnalyzeFloor.Depth.KEYED);

            assertThat(keyed.count()).isEqualTo(decoded.count());
            assertThat(read.count())
                    .isEqualTo(analysis.counters().get(UsageCounters.RECORDS))
                    .isPositive();
            assertThat(decoded.count())
                    .isEqualTo(analysis.counters().get(UsageCounters.EVENTS))
                    .isGreaterThan(read.count());
            assertThat(decoded.seconds())
                    .isGreaterThanOrEqualTo(decoded.jobSeconds())
                    .isPositive();
        }
    }
}
