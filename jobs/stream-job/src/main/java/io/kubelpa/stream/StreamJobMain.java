package io.kubelpa.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kubelpa.cluster.ClusterRbacReader;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.ManifestReader;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.stream.runtime.ClusterConfiguration;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The entry point of the job jar on a Flink cluster (application mode, or a jar run through the REST
 * API): {@code --config FILE} (the lpa.* settings, YAML), and the starting RBAC from {@code --rbac PATH}
 * or, without it, from the cluster the job runs in (its service account reads RBAC). The cluster's
 * own configuration decides state backend, checkpoints and parallelism unless the file sets them.
 */
public final class StreamJobMain {
    private StreamJobMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        // The cluster's own settings (state backend, checkpoint storage on object storage...) come first;
        // kube-lpa only fills in what neither they nor the job's file set.
        Configuration config = ClusterConfiguration.load();
        if (options.containsKey("--config")) {
            config.addAll(fromYaml(Path.of(options.get("--config"))));
        }
        RbacObjects rbac;
        if (options.containsKey("--rbac")) {
            rbac = new ManifestReader()
                    .read(List.of(Path.of(options.get("--rbac"))))
                    .objects();
        } else {
            try (KubernetesClient client = new KubernetesClientBuilder().build()) {
                rbac = new ClusterRbacReader(client, ClusterRbacReader.DEFAULT_PAGE_SIZE).read();
            }
        }
        BuiltinMode mode =
                BuiltinMode.valueOf(options.getOrDefault("--builtin", BuiltinMode.ROLES_AND_BINDINGS.name()));
        StreamRunner runner = new StreamRunner(
                config,
                StreamJobMain.class.getPackage().getImplementationVersion() == null
                        ? "dev"
                        : StreamJobMain.class.getPackage().getImplementationVersion());
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(runner.flinkConfiguration());
        runner.define(env, rbac, mode);
        env.execute("kube-lpa stream");
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new TreeMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException(
                        "usage: --config FILE [--rbac PATH] [--builtin NONE|REFERENCED_ROLES|ROLES_AND_BINDINGS]");
            }
            options.put(args[i], args[++i]);
        }
        return options;
    }

    /** A YAML map of settings (lpa.* and Flink keys) as a Configuration; lists become ';'-separated values. */
    public static Configuration fromYaml(Path file) throws java.io.IOException {
        JsonNode root = new YAMLMapper().readTree(file.toFile());
        if (root != null && !root.isObject()) {
            throw new java.io.IOException("expected a map of settings");
        }
        Map<String, String> settings = new TreeMap<>();
        if (root != null) {
            root.properties()
                    .forEach(e -> settings.put(
                            e.getKey(),
                            e.getValue().isArray()
                                    ? String.join(
                                            ";",
                                            java.util.stream.StreamSupport.stream(
                                                            e.getValue().spliterator(), false)
                                                    .map(JsonNode::asText)
                                                    .toList())
                                    : e.getValue().asText()));
        }
        return Configuration.fromMap(settings);
    }
}
