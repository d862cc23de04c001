package io.kubelpa.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.apache.flink.annotation.Internal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What each package of the product may use (docs/architecture.md draws it): the core and the
 * generator know no job; the two jobs share only {@code io.kubelpa.job} and know neither each other
 * nor the command line; benchmarks and the demo are used by the command line alone; Flink's internal API is
 * used in one package of each job, {@code runtime}.
 */
class PackageRulesTest {
    private static final String[] JOBS_AND_ABOVE = {
        "io.kubelpa.job..",
        "io.kubelpa.cluster..",
        "io.kubelpa.analyze..",
        "io.kubelpa.stream..",
        "io.kubelpa.cli..",
        "io.kubelpa.demo..",
        "io.kubelpa.bench..",
        "io.kubelpa.samples.."
    };
    private static JavaClasses product;

    @BeforeAll
    static void importProduct() {
        product = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar")) // other modules' test helpers
                .importPackages("io.kubelpa");
        assertThat(product.size()).as("classes analysed").isGreaterThan(300);
    }

    @Test
    void theCoreAndTheGeneratorKnowNoJob() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "io.kubelpa.audit..",
                        "io.kubelpa.authz..",
                        "io.kubelpa.rbac..",
                        "io.kubelpa.risk..",
                        "io.kubelpa.usage..",
                        "io.kubelpa.tightening..",
                        "io.kubelpa.generate..",
                        "io.kubelpa.ownership..",
                        "io.kubelpa.findings..",
                        "io.kubelpa.proposal..",
                        "io.kubelpa.review..",
                        "io.kubelpa.report..",
                        "io.kubelpa.manifest..",
                        "io.kubelpa.output..",
                        "io.kubelpa.pr..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(JOBS_AND_ABOVE)
                .check(product);
    }

    @Test
    void whatTheJobsShareKnowsNeitherJob() {
        noClasses()
                .that()
                .resideInAnyPackage("io.kubelpa.job..", "io.kubelpa.cluster..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.kubelpa.analyze..",
                        "io.kubelpa.stream..",
                        "io.kubelpa.cli..",
                        "io.kubelpa.demo..",
                        "io.kubelpa.bench..",
                        "io.kubelpa.samples..")
                .check(product);
    }

    @Test
    void theJobsKnowNeitherEachOtherNorTheCommandLine() {
        noClasses()
                .that()
                .resideInAPackage("io.kubelpa.analyze..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.kubelpa.stream..",
                        "io.kubelpa.cli..",
                        "io.kubelpa.demo..",
                        "io.kubelpa.bench..",
                        "io.kubelpa.samples..")
                .check(product);
        noClasses()
                .that()
                .resideInAPackage("io.kubelpa.stream..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.kubelpa.analyze..",
                        "io.kubelpa.cli..",
                        "io.kubelpa.demo..",
                        "io.kubelpa.bench..",
                        "io.kubelpa.samples..")
                .check(product);
    }

    @Test
    void benchmarksAndTheDemoAreTheCommandLinesAlone() {
        noClasses()
                .that()
                .resideOutsideOfPackages("io.kubelpa.cli..", "io.kubelpa.demo..", "io.kubelpa.bench..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.kubelpa.demo..", "io.kubelpa.bench..")
                .check(product);
    }

    @Test
    void flinksInternalApiIsUsedOnlyInTheJobsRuntimePackages() {
        noClasses()
                .that()
                .resideOutsideOfPackages("io.kubelpa.stream.runtime..", "io.kubelpa.analyze.runtime..")
                .should()
                .dependOnClassesThat()
                .areAnnotatedWith(Internal.class)
                .because(
                        "Flink's @Internal classes change without notice: one package per job holds what must use them")
                .check(product);
    }
}
