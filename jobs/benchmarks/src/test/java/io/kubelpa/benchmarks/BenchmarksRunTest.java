package io.kubelpa.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelpa.audit.AuditEvent;
import io.kubelpa.authz.RbacAuthorizer;
import io.kubelpa.rbac.RbacSnapshot;
import io.kubelpa.usage.UsageAttributor;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Every benchmark runs and measures something (a short run in this JVM: a check that they work, not a measurement). */
class BenchmarksRunTest {
    @Test
    void everyBenchmarkRunsAndMeasuresAPositiveTime() throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                        .include("io\\.kubelpa\\.benchmarks\\..*")
                        .param("extraBindings", "0", "1000")
                        .forks(0)
                        .warmupIterations(0)
                        .measurementIterations(1)
                        .measurementTime(TimeValue.milliseconds(100))
                        .shouldFailOnError(true)
                        .build())
                .run();

        Set<String> ran = results.stream()
                .map(r -> r.getParams().getBenchmark().replaceAll(".*\\.benchmarks\\.", ""))
                .collect(Collectors.toSet());
        assertThat(ran)
                .contains(
                        "DecodingBenchmark.decodeJsonLine",
                        "DecodingBenchmark.encodeCompact",
                        "DecodingBenchmark.decodeCompact",
                        "RequestInfoBenchmark.requestInfo",
                        "AttributionBenchmark.attribute",
                        "LedgerBenchmark.addFact",
                        "SplittingBenchmark.splitJsonLines");
        assertThat(results)
                .hasSize(6 + 4)
                .allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
    }

    @Test
    void theExtraBindingsAreThereAndChangeNoEventsAttribution() {
        RbacSnapshot plain = SampleData.rbac(0);
        RbacSnapshot extra = SampleData.rbac(1000);
        assertThat(bindings(extra)).isEqualTo(bindings(plain) + 1000);
        RbacAuthorizer withoutExtra = new RbacAuthorizer(plain);
        RbacAuthorizer withExtra = new RbacAuthorizer(extra);
        for (AuditEvent event : SampleData.events()) {
            assertThat(UsageAttributor.attribute(event, withExtra))
                    .isEqualTo(UsageAttributor.attribute(event, withoutExtra));
        }
    }

    private static int bindings(RbacSnapshot snapshot) {
        return snapshot.clusterRoleBindings().size()
                + snapshot.roleBindingNamespaces().stream()
                        .mapToInt(n -> snapshot.roleBindings(n).size())
                        .sum();
    }
}
