package io.kubelpa.audit.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kubelpa.audit.AuditPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;

/** Reads an audit policy file (YAML or JSON, audit.k8s.io/v1 or v1beta1), as the API server's --audit-policy-file. */
public final class AuditPolicyReader {
    private static final long MAX_BYTES = 4L * 1024 * 1024;
    private static final Set<String> STAGES = Set.of("RequestReceived", "ResponseStarted", "ResponseComplete", "Panic");

    private final ObjectMapper yaml;

    public AuditPolicyReader() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(32);
        options.setCodePointLimit((int) MAX_BYTES);
        this.yaml =
                new ObjectMapper(YAMLFactory.builder().loaderOptions(options).build());
    }

    /** The policy; {@link IllegalArgumentException} with the file and the problem when it is not one. */
    public AuditPolicy read(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new IllegalArgumentException(file + ": larger than " + MAX_BYTES / (1024 * 1024) + " MiB");
        }
        return readString(file.toString(), Files.readString(file));
    }

    /** The policy from its text; {@code name} says where it came from in errors. */
    public AuditPolicy readString(String name, String text) {
        if (text.length() > MAX_BYTES) {
            throw new IllegalArgumentException(name + ": larger than " + MAX_BYTES / (1024 * 1024) + " MiB");
        }
        JsonNode root;
        try {
            root = yaml.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": not YAML or JSON (" + firstLine(e.getMessage()) + ")");
        }
        if (root == null
                || !"Policy".equals(root.path("kind").asText())
                || !root.path("apiVersion").asText().startsWith("audit.k8s.io/")) {
            throw new IllegalArgumentException(
                    name + ": not an audit policy (kind Policy, apiVersion audit.k8s.io/v1)");
        }
        List<AuditPolicy.Rule> rules = new ArrayList<>();
        int index = 0;
        for (JsonNode rule : root.path("rules")) {
            rules.add(rule(name, index++, rule));
        }
        return new AuditPolicy(rules, stages(name, "omitStages", root.path("omitStages")));
    }

    private static AuditPolicy.Rule rule(String file, int index, JsonNode node) {
        String level = node.path("level").asText("");
        if (!AuditPolicy.LEVELS.contains(level)) {
            throw new IllegalArgumentException(file + ": rule " + index + ": level must be one of " + AuditPolicy.LEVELS
                    + ", not '" + level + "'");
        }
        List<AuditPolicy.GroupResources> resources = new ArrayList<>();
        for (JsonNode gr : node.path("resources")) {
            resources.add(new AuditPolicy.GroupResources(
                    gr.path("group").asText(""), strings(gr.path("resources")), strings(gr.path("resourceNames"))));
        }
        return new AuditPolicy.Rule(
                level,
                strings(node.path("users")),
                strings(node.path("userGroups")),
                strings(node.path("verbs")),
                resources,
                strings(node.path("namespaces")),
                strings(node.path("nonResourceURLs")),
                stages(file, "rule " + index + " omitStages", node.path("omitStages")));
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        node.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static Set<String> stages(String file, String where, JsonNode node) {
        Set<String> stages = new LinkedHashSet<>(strings(node));
        for (String stage : stages) {
            if (!STAGES.contains(stage)) {
                throw new IllegalArgumentException(file + ": " + where + ": unknown stage '" + stage + "'");
            }
        }
        return stages;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
