package io.kubelpa.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.ManifestReader;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.rbac.SnapshotAssembler;
import io.kubelpa.risk.Risk;
import io.kubelpa.risk.RiskScanner;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.HighAvailabilityOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * deploy/ as a platform team applies it: every manifest parses (fabric8 for known kinds, generic YAML
 * for CRDs), each overlay renders with `kubectl kustomize`, and the pieces fit: the Flink settings
 * exist in Flink 2.2, the entry class is in the job jar the image copies, every topic the job names is
 * a KafkaTopic, and the RBAC reader only reads (kube-lpa finds no risk in it).
 */
class DeployManifestsITCase {
    private static final Path DEPLOY = Path.of("../../deploy");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void everyManifestParses() throws Exception {
        int typed = 0;
        int custom = 0;
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml"))
                    .filter(DeployManifestsITCase::isApiObjects)
                    .sorted()
                    .toList()) {
                for (JsonNode document : documents(Files.readString(file))) {
                    String kind = document.path("kind").asText();
                    Object object = Serialization.unmarshal(
                            new ByteArrayInputStream(document.toString().getBytes(StandardCharsets.UTF_8)));
                    assertThat(object).as(file + " " + kind).isInstanceOf(HasMetadata.class);
                    if (object instanceof GenericKubernetesResource generic) {
                        assertThat(generic.getAdditionalProperties())
                                .as(file + " " + kind + " has a spec")
                                .containsKey("spec");
                        custom++;
                    } else {
                        typed++;
                    }
                }
            }
        }
        assertThat(typed).isGreaterThan(5);
        assertThat(custom).isGreaterThan(5);
    }

    /** Not API objects: kustomize's files, the API server's audit configuration, Vector's and the job's settings. */
    private static boolean isApiObjects(Path file) {
        return !Set.of(
                        "kustomization.yaml",
                        "audit-policy.yaml",
                        "webhook-kubeconfig.yaml",
                        "vector.yaml",
                        "stream.yaml")
                .contains(file.getFileName().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eachOverlayRendersWithKubectlKustomize(String overlay) throws Exception {
        List<JsonNode> rendered = kustomize(overlay);
        JsonNode deployment = only(rendered, "FlinkDeployment");
        assertThat(deployment.path("spec").path("job").path("parallelism").asInt())
                .isEqualTo(overlay.equals("dev") ? 1 : 4);
        assertThat(deployment.path("spec").path("job").path("upgradeMode").asText())
                .isEqualTo("last-state");
        assertThat(rendered.stream().filter(d -> d.path("kind").asText().equals("KafkaTopic")))
                .hasSize(4);
        assertThat(rendered.stream().filter(d -> d.path("kind").asText().equals("ConfigMap")))
                .singleElement()
                .satisfies(c ->
                        assertThat(c.path("data").path("stream.yaml").asText()).contains("lpa.kafka.topics"));
        Map<String, Object> settings = YAML.convertValue(deployment.path("spec").path("flinkConfiguration"), Map.class);
        Set<String> known = flinkOptionKeys();
        for (String key : settings.keySet()) {
            boolean reporter = key.matches("metrics\\.reporter\\.[a-z]+\\.(factory\\.class|port|interval)");
            assertThat(known.contains(key) || reporter)
                    .as("Flink 2.2 has the option %s", key)
                    .isTrue();
        }
        assertThat(settings.get("state.backend.type")).isEqualTo("rocksdb");
        assertThat(settings.get("execution.checkpointing.incremental")).isEqualTo("true");
        if (overlay.equals("prod")) {
            assertThat(settings.get("execution.checkpointing.dir").toString()).startsWith("s3://");
        }
    }

    @Test
    void theImageCarriesTheJarTheDeploymentRunsAndItsEntryClass() throws Exception {
        JsonNode deployment = only(kustomize("dev"), "FlinkDeployment");
        String jarUri = deployment.path("spec").path("job").path("jarURI").asText();
        String inImage = jarUri.replace("local://", "");
        assertThat(Files.readString(DEPLOY.resolve("Dockerfile")))
                .contains("FROM flink:2.2-java17", "COPY jobs/job-jar/target/kube-lpa-job.jar " + inImage);
        String entryClass =
                deployment.path("spec").path("job").path("entryClass").asText();
        try (JarFile jar = new JarFile(Path.of("target", "kube-lpa-job.jar").toFile())) {
            assertThat(jar.getEntry(entryClass.replace('.', '/') + ".class"))
                    .as(entryClass)
                    .isNotNull();
            assertThat(jar.getEntry("org/apache/flink/connector/kafka/source/KafkaSource.class"))
                    .isNotNull();
            assertThat(jar.getEntry("org/apache/flink/streaming/api/environment/StreamExecutionEnvironment.class"))
                    .as("Flink itself is the cluster's")
                    .isNull();
            for (String notRunByTheJob : List.of(
                    "picocli/CommandLine.class",
                    "org/eclipse/jgit/api/Git.class",
                    "io/kubelpa/cli/LpaCommand.class",
                    "io/kubelpa/samples/SampleClusterSimulator.class")) {
                assertThat(jar.getEntry(notRunByTheJob))
                        .as("the job jar carries only what the job runs")
                        .isNull();
            }
        }
    }

    @Test
    void everyTopicTheJobNamesIsAKafkaTopicAndTheSettingsParse() throws Exception {
        Configuration config = StreamJobMain.fromYaml(DEPLOY.resolve("base/stream.yaml"));
        Set<String> named = new HashSet<>(config.get(KafkaOptions.TOPICS));
        named.add(config.get(KafkaOptions.FINDINGS_TOPIC));
        named.add(config.get(KafkaOptions.DEAD_LETTER_TOPIC));
        named.add(config.get(KafkaOptions.RBAC_TOPIC));
        Set<String> topics = new HashSet<>();
        for (JsonNode topic : documents(Files.readString(DEPLOY.resolve("base/kafka-topics.yaml")))) {
            topics.add(topic.path("spec")
                    .path("topicName")
                    .asText(topic.path("metadata").path("name").asText()));
        }
        assertThat(topics).containsAll(named);
        assertThat(config.get(StreamReviewOptions.WINDOW)).isEqualTo(Duration.ofDays(30));
        assertThat(config.get(StreamReviewOptions.REVIEW_EVERY)).isEqualTo(Duration.ofHours(24));
        assertThat(only(
                                documents(Files.readString(DEPLOY.resolve("base/kafka-topics.yaml"))).stream()
                                        .filter(t -> t.path("metadata")
                                                .path("name")
                                                .asText()
                                                .equals(config.get(KafkaOptions.FINDINGS_TOPIC)))
                                        .toList(),
                                "KafkaTopic")
                        .path("spec")
                        .path("config")
                        .path("cleanup.policy")
                        .asText())
                .isEqualTo("compact");
    }

    @Test
    void theRbacReaderOnlyReadsAndKubeLpaFindsNoRiskInIt() throws Exception {
        RbacObjects rbac = new ManifestReader()
                .read(List.of(DEPLOY.resolve("base/rbac-reader.yaml"), DEPLOY.resolve("base/flink-permissions.yaml")))
                .objects();
        ClusterRole reader = rbac.clusterRoles().stream()
                .filter(r -> r.getMetadata().getName().equals("kube-lpa-rbac-reader"))
                .findFirst()
                .orElseThrow();
        reader.getRules().forEach(rule -> {
            assertThat(rule.getVerbs()).isSubsetOf("get", "list", "watch");
            assertThat(rule.getApiGroups()).containsExactly("rbac.authorization.k8s.io");
            assertThat(rule.getResources()).isSubsetOf("roles", "clusterroles", "rolebindings", "clusterrolebindings");
        });
        List<Risk> risks =
                new RiskScanner(SnapshotAssembler.assemble(rbac, BuiltinMode.NONE), RiskScanner.Options.DEFAULT).scan();
        assertThat(risks).noneMatch(r -> r.role() != null && r.role().name().equals("kube-lpa-rbac-reader"));
    }

    @Test
    void theAuditPolicyReadsAndKeepsRbacWritesWithTheirObjects() throws Exception {
        var policy = new io.kubelpa.audit.format.AuditPolicyReader().read(DEPLOY.resolve("audit/audit-policy.yaml"));
        assertThat(policy.omitStages()).containsExactly("RequestReceived");
        var rbacWrites = policy.rules().get(0);
        assertThat(rbacWrites.level()).isEqualTo("RequestResponse");
        assertThat(rbacWrites.resources()).singleElement().satisfies(r -> assertThat(r.group())
                .isEqualTo("rbac.authorization.k8s.io"));
        assertThat(policy.rules().get(policy.rules().size() - 1).level()).isEqualTo("Metadata");
        assertThat(policy.recordsDecision(rbacWrites)).isTrue();
    }

    private static List<JsonNode> kustomize(String overlay) throws Exception {
        Process kubectl = new ProcessBuilder(
                        "kubectl",
                        "kustomize",
                        DEPLOY.resolve("overlays").resolve(overlay).toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(kubectl.exitValue())
                .as("kubectl kustomize %s (kubectl from Debian's kubernetes-client; .ci/run installs it)", overlay)
                .isZero();
        return documents(out);
    }

    private static List<JsonNode> documents(String yaml) throws Exception {
        List<JsonNode> documents = new ArrayList<>();
        try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            while (values.hasNextValue()) {
                JsonNode document = values.nextValue();
                if (document != null && document.isObject() && !document.isEmpty()) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }

    private static JsonNode only(List<JsonNode> documents, String kind) {
        List<JsonNode> matching = documents.stream()
                .filter(d -> d.path("kind").asText().equals(kind))
                .toList();
        assertThat(matching).as(kind).hasSize(1);
        return matching.get(0);
    }

    /** The keys of Flink 2.2's own options, read from its option classes. */
    private static Set<String> flinkOptionKeys() throws IllegalAccessException {
        Set<String> keys = new HashSet<>();
        for (Class<?> options : List.of(
                CoreOptions.class,
                CheckpointingOptions.class,
                StateBackendOptions.class,
                HighAvailabilityOptions.class,
                TaskManagerOptions.class,
                JobManagerOptions.class,
                RestartStrategyOptions.class,
                PipelineOptions.class,
                ExecutionOptions.class,
                RocksDBConfigurableOptions.class,
                RocksDBOptions.class)) {
            for (Field field : options.getFields()) {
                if (Modifier.isStatic(field.getModifiers()) && ConfigOption.class.isAssignableFrom(field.getType())) {
                    ConfigOption<?> option = (ConfigOption<?>) field.get(null);
                    keys.add(option.key());
                    option.fallbackKeys().forEach(k -> keys.add(k.getKey()));
                }
            }
        }
        return keys;
    }
}
