package io.kubelpa.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** rbac-model is plain Java: no Flink, no Kubernetes client, no Kafka, no command line. */
class ModelArchitectureTest {
    @Test
    void modelDependsOnNoFramework() {
        JavaClasses model = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.kubelpa");
        assertThat(model.size()).as("classes analysed").isGreaterThan(20);
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.apache.flink..", "io.fabric8.kubernetes.client..", "picocli..", "org.apache.kafka..")
                .check(model);
    }
}
