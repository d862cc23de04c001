package io.kubelpa.rbac;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads Roles, ClusterRoles, RoleBindings and ClusterRoleBindings from YAML or JSON manifests:
 * files or directories (recursive), multi-document streams, {@code kind: List} and typed lists as
 * {@code kubectl get -o yaml} writes them. Older RBAC API versions are converted to v1. Documents of
 * other kinds are skipped and counted; a document that claims to be RBAC but is malformed fails
 * the read with a one-line {@link ManifestException}.
 *
 * <p>YAML is parsed with alias, nesting and size limits, so a YAML bomb is an error, not an outage.
 */
public final class ManifestReader {

    /** Largest manifest file accepted. RBAC dumps of very large clusters stay well below this. */
    public static final long MAX_FILE_BYTES = 256L * 1024 * 1024;
    /**
     * No field of an RBAC object comes near this (an object is at most 1.5 MiB in etcd), and the YAML
     * parser's time grows with the square of a scalar's length: 16 MiB on one line took a minute.
     */
    public static final int MAX_YAML_LINE_BYTES = 1024 * 1024;

    private static final int MAX_ALIASES = 100;
    private static final int MAX_NESTING = 64;
    private static final String DEFAULT_NAMESPACE = "default";

    private final LoaderOptions loaderOptions;
    private final ObjectMapper yaml;
    private final ObjectMapper json;

    public ManifestReader() {
        this.loaderOptions = new LoaderOptions();
        loaderOptions.setMaxAliasesForCollections(MAX_ALIASES);
        loaderOptions.setNestingDepthLimit(MAX_NESTING);
        loaderOptions.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, MAX_FILE_BYTES));
        loaderOptions.setAllowDuplicateKeys(false);
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING)
                .maxStringLength(8 * 1024 * 1024)
                .build();
        YAMLFactory yamlFactory = YAMLFactory.builder()
                .loaderOptions(loaderOptions)
                .streamReadConstraints(constraints)
                .build();
        this.yaml = configure(new ObjectMapper(yamlFactory));
        this.json = configure(new ObjectMapper());
        this.json.getFactory().setStreamReadConstraints(constraints);
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);
        return mapper;
    }

    /** Reads every path: a file, a directory (recursively: *.yaml, *.yml, *.json), or {@code -} for stdin. */
    public ManifestLoad read(List<String> paths, InputStream stdin) throws ManifestException {
        Accumulator acc = new Accumulator();
        for (String path : paths) {
            if ("-".equals(path)) {
                try {
                    readStream("<stdin>", stdin, false, acc);
                } catch (IOException e) {
                    throw new ManifestException("<stdin>: cannot read: " + e.getMessage());
                }
            } else {
                readPath(Path.of(path), acc);
            }
        }
        return acc.result();
    }

    public ManifestLoad read(List<Path> paths) throws ManifestException {
        Accumulator acc = new Accumulator();
        for (Path path : paths) {
            readPath(path, acc);
        }
        return acc.result();
    }

    /**
     * Reads one in-memory document stream; {@code sourceName} appears in error messages. A text that
     * starts as JSON does is read as JSON: read as YAML 1.1, a NEL, LS or PS inside a string would fold
     * into a space, and a name would no longer match the object it names.
     */
    public ManifestLoad readString(String sourceName, String content) throws ManifestException {
        Accumulator acc = new Accumulator();
        String start = content.stripLeading();
        boolean isJson = start.startsWith("{") || start.startsWith("[");
        try {
            readStream(sourceName, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), isJson, acc);
        } catch (IOException e) {
            throw new ManifestException(sourceName + ": cannot read: " + e.getMessage());
        }
        return acc.result();
    }

    private void readPath(Path path, Accumulator acc) throws ManifestException {
        if (!Files.exists(path)) {
            throw new ManifestException(path + ": no such file or directory");
        }
        if (Files.isDirectory(path)) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(path, FileVisitOption.FOLLOW_LINKS)) {
                files = walk.filter(Files::isRegularFile)
                        .filter(p -> !isHidden(path, p))
                        .filter(ManifestReader::hasManifestExtension)
                        .sorted()
                        .toList();
            } catch (IOException | UncheckedIOException e) {
                throw new ManifestException(path + ": cannot list directory: " + e.getMessage());
            }
            for (Path file : files) {
                readFile(file, acc);
            }
        } else {
            readFile(path, acc);
        }
    }

    private static boolean isHidden(Path root, Path file) {
        for (Path part : root.relativize(file)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasManifestExtension(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private void readFile(Path file, Accumulator acc) throws ManifestException {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ManifestException(file + ": file is " + size + " bytes, over the " + MAX_FILE_BYTES
                        + "-byte limit for manifests");
            }
            try (InputStream in = Files.newInputStream(file)) {
                boolean isJson =
                        file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
                readStream(file.toString(), in, isJson, acc);
            }
        } catch (IOException e) {
            throw new ManifestException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static void checkLineLengths(String source, byte[] content) throws ManifestException {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= content.length; i++) {
            if (i == content.length || content[i] == '\n') {
                if (i - start > MAX_YAML_LINE_BYTES) {
                    throw new ManifestException(source + ": line " + line + " is longer than "
                            + MAX_YAML_LINE_BYTES / (1024 * 1024) + " MiB; no field of an RBAC manifest is that long");
                }
                line++;
                start = i + 1;
            }
        }
    }

    private void readStream(String source, InputStream in, boolean isJson, Accumulator acc)
            throws ManifestException, IOException {
        byte[] content = in.readNBytes((int) MAX_FILE_BYTES + 1);
        if (content.length > MAX_FILE_BYTES) {
            throw new ManifestException(source + ": over the " + MAX_FILE_BYTES + "-byte limit for manifests");
        }
        if (!isJson) {
            checkLineLengths(source, content);
        }
        Set<Integer> documentsWithAliases = isJson ? Set.of() : documentsWithAliases(content);
        acc.content = content;
        acc.composed = null;
        ObjectMapper mapper = isJson ? json : yaml;
        int index = 0;
        try (MappingIterator<JsonNode> documents =
                mapper.readerFor(JsonNode.class).readValues(content)) {
            while (true) {
                JsonNode document;
                try {
                    if (!documents.hasNextValue()) {
                        break;
                    }
                    acc.line = documents.getCurrentLocation().getLineNr();
                    document = documents.nextValue();
                } catch (IOException | RuntimeException e) {
                    throw new ManifestException(source, index, describe(e));
                }
                if (!isEmpty(document)) {
                    acc.documents++;
                    accept(source, index, document, documentsWithAliases.contains(index), acc);
                }
                index++;
            }
        } catch (IOException e) {
            throw new ManifestException(source, index, describe(e));
        }
    }

    private static boolean isEmpty(JsonNode document) {
        return document == null
                || document.isNull()
                || document.isMissingNode()
                || (document.isTextual() && document.asText().isBlank());
    }

    /**
     * Indexes of the YAML documents that use aliases. Jackson reports an alias as its anchor's name
     * instead of the anchored value, so such documents would be misread; they are found here with
     * SnakeYAML's event parser (which expands nothing, so a YAML bomb costs nothing either).
     */
    private Set<Integer> documentsWithAliases(byte[] content) {
        if (indexOf(content, (byte) '*') < 0) {
            return Set.of();
        }
        Set<Integer> found = new HashSet<>();
        int document = -1;
        try {
            for (Event event : new Yaml(loaderOptions)
                    .parse(new InputStreamReader(new ByteArrayInputStream(content), StandardCharsets.UTF_8))) {
                if (event instanceof DocumentStartEvent) {
                    document++;
                } else if (event instanceof AliasEvent) {
                    found.add(document);
                }
            }
        } catch (RuntimeException syntaxError) {
            // Jackson reports syntax errors with the document index; nothing to add here.
        }
        return found;
    }

    private static int indexOf(byte[] content, byte wanted) {
        for (int i = 0; i < content.length; i++) {
            if (content[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static String describe(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null
                && cause.getCause() != cause
                && (cause.getMessage() == null || cause.getMessage().isBlank())) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        if (message != null && message.contains("aliases")) {
            return "too many YAML aliases (possible YAML bomb): " + ManifestException.oneLine(message);
        }
        return message == null ? cause.getClass().getSimpleName() : message;
    }

    private void accept(String source, int index, JsonNode document, boolean usesAliases, Accumulator acc)
            throws ManifestException {
        if (!document.isObject()) {
            throw new ManifestException(
                    source,
                    index,
                    "expected a mapping with apiVersion and kind, found "
                            + document.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        String kind = document.path("kind").asText("");
        if (kind.isEmpty()) {
            acc.skip("(no kind)");
            return;
        }
        if ("List".equals(kind) || (kind.endsWith("List") && document.has("items"))) {
            JsonNode items = document.path("items");
            if (!items.isArray() && !items.isNull() && !items.isMissingNode()) {
                throw new ManifestException(source, index, kind + ".items must be a list");
            }
            List<Integer> lines = itemLines(acc, index, items.size());
            int documentLine = acc.line;
            int item = 0;
            for (JsonNode element : items) {
                acc.line = lines == null ? documentLine : lines.get(item);
                if (!element.isObject()) {
                    throw new ManifestException(source, index, kind + ".items[" + item + "] is not an object");
                }
                ObjectNode copy = ((ObjectNode) element).deepCopy();
                if (!copy.has("kind") && kind.endsWith("List") && !"List".equals(kind)) {
                    copy.put("kind", kind.substring(0, kind.length() - "List".length()));
                }
                if (!copy.has("apiVersion") && document.has("apiVersion")) {
                    copy.set("apiVersion", document.get("apiVersion"));
                }
                acceptObject(source, index, "items[" + item + "] ", copy, usesAliases, acc);
                item++;
            }
            acc.line = documentLine;
            return;
        }
        acceptObject(source, index, "", document, usesAliases, acc);
    }

    private void acceptObject(
            String source, int index, String where, JsonNode node, boolean usesAliases, Accumulator acc)
            throws ManifestException {
        String kind = node.path("kind").asText("");
        if (!RbacKind.isRbacKind(kind)) {
            acc.skip(kind.isEmpty() ? "(no kind)" : kind);
            return;
        }
        if (usesAliases) {
            throw new ManifestException(
                    source, index, "YAML aliases are not supported in RBAC manifests; write the values out");
        }
        String apiVersion = node.path("apiVersion").asText("");
        if (!RbacApiVersions.isRbac(apiVersion)) {
            acc.skip(kind + " (" + (apiVersion.isEmpty() ? "no apiVersion" : apiVersion) + ")");
            return;
        }
        ObjectNode v1 = RbacApiVersions.toV1((ObjectNode) node);
        try {
            Object object =
                    switch (kind) {
                        case RbacKind.ROLE -> json.treeToValue(v1, Role.class);
                        case RbacKind.CLUSTER_ROLE -> json.treeToValue(v1, ClusterRole.class);
                        case RbacKind.ROLE_BINDING -> json.treeToValue(v1, RoleBinding.class);
                        default -> json.treeToValue(v1, ClusterRoleBinding.class);
                    };
            String problem = RbacObjectValidator.problem(object);
            if (problem != null) {
                throw new ManifestException(source, index, where + kind + " " + problem + kustomizeHint(source));
            }
            RbacObjectValidator.defaultNamespace(object, DEFAULT_NAMESPACE);
            acc.objects.add(object);
            if (!source.startsWith("<") && acc.line > 0) {
                acc.sources.put(
                        ObjectRef.of((io.fabric8.kubernetes.api.model.HasMetadata) object),
                        new SourceLocation(source, acc.line));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new ManifestException(source, index, where + kind + ": " + describe(e));
        }
    }

    /**
     * A kustomize patch is no complete object: when an incomplete one sits beside a kustomization
     * file, say how to read what kustomize builds instead.
     */
    static String kustomizeHint(String source) {
        if (source.startsWith("<")) {
            return "";
        }
        Path folder = Path.of(source).toAbsolutePath().getParent();
        for (String name : List.of("kustomization.yaml", "kustomization.yml", "Kustomization")) {
            if (folder != null && Files.isRegularFile(folder.resolve(name))) {
                return " (a kustomize patch? render the overlay first: kubectl kustomize " + folder
                        + " | lpa analyze --rbac - ...)";
            }
        }
        return "";
    }

    /**
     * The line each item of a {@code kind: List} document starts on, so a finding points at its own
     * item; the documents' tree is read once per file, with node positions (Jackson's tree has none).
     * Null when it cannot be told with certainty (then the document's line stands).
     */
    private List<Integer> itemLines(Accumulator acc, int index, int items) {
        if (acc.content == null) {
            return null;
        }
        if (acc.composed == null) {
            acc.composed = new ArrayList<>();
            try {
                new Yaml(loaderOptions)
                        .composeAll(
                                new InputStreamReader(new ByteArrayInputStream(acc.content), StandardCharsets.UTF_8))
                        .forEach(acc.composed::add);
            } catch (RuntimeException e) {
                acc.content = null;
                return null;
            }
        }
        if (index >= acc.composed.size() || !(acc.composed.get(index) instanceof MappingNode document)) {
            return null;
        }
        for (NodeTuple entry : document.getValue()) {
            if (entry.getKeyNode() instanceof ScalarNode key
                    && "items".equals(key.getValue())
                    && entry.getValueNode() instanceof SequenceNode list
                    && list.getValue().size() == items) {
                return list.getValue().stream()
                        .map(node -> node.getStartMark().getLine() + 1)
                        .toList();
            }
        }
        return null;
    }

    private static final class Accumulator {
        final RbacObjects.Builder objects = new RbacObjects.Builder();
        final Map<String, Integer> skipped = new HashMap<>();
        final Map<ObjectRef, SourceLocation> sources = new HashMap<>();
        int documents;
        int line;
        /** The file's bytes, for item lines of List documents; null once they cannot be read. */
        byte[] content;

        List<Node> composed;

        void skip(String kind) {
            skipped.merge(kind, 1, Integer::sum);
        }

        ManifestLoad result() {
            return new ManifestLoad(objects.build(), documents, skipped, sources);
        }
    }
}
