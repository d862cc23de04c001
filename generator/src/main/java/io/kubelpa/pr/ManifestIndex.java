package io.kubelpa.pr;

import io.kubelpa.rbac.ManifestException;
import io.kubelpa.rbac.ManifestReader;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.RbacKind;
import io.kubelpa.rbac.RbacObjects;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Where each RBAC object is defined in a repository of plain manifests (YAML, multi-document): found by
 * composing every file with the YAML parser, which keeps each node's position, so edits can touch
 * exactly the spans they change. Hidden directories (.git) are skipped; aliases are not expanded.
 * Objects defined in JSON manifests are only noted, so that a proposal touching one says so: their
 * files are not edited.
 */
public final class ManifestIndex {
    private static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

    private final Path root;
    private final Map<ObjectRef, ManifestDocument> documents = new HashMap<>();
    private final Map<ObjectRef, Path> inJson = new HashMap<>();

    private ManifestIndex(Path root) {
        this.root = root;
    }

    public static ManifestIndex of(Path root) throws IOException {
        ManifestIndex index = new ManifestIndex(root);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !hidden(root, p))
                    .sorted()
                    .toList();
        }
        for (Path file : files) {
            if (Files.size(file) > MAX_FILE_BYTES) {
                continue;
            }
            if (isYaml(file)) {
                index.read(file);
            } else if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
                index.noteJson(file);
            }
        }
        return index;
    }

    /** The JSON manifest that defines {@code ref}, when no YAML one does. */
    public Optional<Path> definedInJson(ObjectRef ref) {
        return documents.containsKey(ref) ? Optional.empty() : Optional.ofNullable(inJson.get(ref));
    }

    private void noteJson(Path file) {
        try {
            RbacObjects objects = new ManifestReader().read(List.of(file)).objects();
            Stream.of(objects.roles(), objects.clusterRoles(), objects.roleBindings(), objects.clusterRoleBindings())
                    .flatMap(List::stream)
                    .forEach(o -> inJson.putIfAbsent(ObjectRef.of(o), file));
        } catch (ManifestException | RuntimeException notAManifest) {
            // JSON that is no manifest (package.json, a dashboard): nothing of RBAC is defined there
        }
    }

    public Optional<ManifestDocument> find(ObjectRef ref) {
        return Optional.ofNullable(documents.get(ref));
    }

    public Path root() {
        return root;
    }

    private void read(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (name.startsWith("kube-lpa-patch.") || name.startsWith("kube-lpa-delete.")) {
            return; // kube-lpa's own overlay patches: partial objects, not definitions
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(64);
        List<Node> nodes = new ArrayList<>();
        try {
            new Yaml(options).composeAll(new StringReader(text)).forEach(nodes::add);
        } catch (RuntimeException notYaml) {
            return; // not a manifest this tool can edit: left alone
        }
        for (Node node : nodes) {
            if (!(node instanceof MappingNode mapping)) {
                continue;
            }
            ref(mapping).ifPresent(ref -> documents.putIfAbsent(ref, new ManifestDocument(file, ref, mapping, false)));
            if (scalar(mapping, "kind").orElse("").endsWith("List")
                    && value(mapping, "items").orElse(null) instanceof SequenceNode items) {
                for (Node item : items.getValue()) {
                    if (item instanceof MappingNode itemMapping) {
                        ref(itemMapping)
                                .ifPresent(ref ->
                                        documents.putIfAbsent(ref, new ManifestDocument(file, ref, itemMapping, true)));
                    }
                }
            }
        }
    }

    static Optional<ObjectRef> ref(MappingNode mapping) {
        String kind = scalar(mapping, "kind").orElse("");
        if (!RbacKind.isRbacKind(kind)
                || !scalar(mapping, "apiVersion").orElse("").startsWith(RbacKind.GROUP + "/")) {
            return Optional.empty();
        }
        Optional<MappingNode> metadata =
                value(mapping, "metadata").filter(MappingNode.class::isInstance).map(MappingNode.class::cast);
        String name = metadata.flatMap(m -> scalar(m, "name")).orElse("");
        if (name.isEmpty()) {
            return Optional.empty();
        }
        String namespace = kind.startsWith("Cluster")
                ? ""
                : metadata.flatMap(m -> scalar(m, "namespace")).orElse("default");
        return Optional.of(new ObjectRef(kind, name, namespace));
    }

    static Optional<Node> value(MappingNode mapping, String key) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return Optional.of(tuple.getValueNode());
            }
        }
        return Optional.empty();
    }

    static Optional<NodeTuple> tuple(MappingNode mapping, String key) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return Optional.of(tuple);
            }
        }
        return Optional.empty();
    }

    static Optional<String> scalar(MappingNode mapping, String key) {
        return value(mapping, key).filter(ScalarNode.class::isInstance).map(n -> ((ScalarNode) n).getValue());
    }

    private static boolean hidden(Path root, Path file) {
        for (Path part : root.relativize(file)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }
}
