package io.kubelpa.policy;

import io.kubelpa.findings.FindingType;
import io.kubelpa.ownership.Owner;
import io.kubelpa.ownership.OwnershipOverride;
import io.kubelpa.rbac.Glob;
import io.kubelpa.rbac.ObjectPattern;
import io.kubelpa.risk.EscalationCatalog;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a {@code kube-lpa.io/v1} Policy file strictly: every key must be known and every value of
 * its kind, or the read fails with one line naming the file, the line and the field.
 */
public final class PolicyReader {
    public static final String API_VERSION = "kube-lpa.io/v1";
    public static final String KIND = "Policy";
    /** The name of a policy file found at the root of an RBAC directory or a repository. */
    public static final String DEFAULT_FILE_NAME = ".kube-lpa.yaml";

    private static final long MAX_BYTES = 1024 * 1024;
    private static final Set<String> TOP = Set.of("apiVersion", "kind", "exclude", "suppress", "ownership");
    private static final Set<String> EXCLUDE = Set.of("subjects", "namespaces", "objects");
    private static final Set<String> SUPPRESS = Set.of("finding", "object", "reason", "expires");
    private static final Set<String> OWNERSHIP = Set.of("object", "owner", "reason");

    private final String file;

    private PolicyReader(String file) {
        this.file = file;
    }

    public static Policy read(Path path) {
        String text;
        try {
            if (!Files.isRegularFile(path)) {
                throw new PolicyException(path + ": not a file");
            }
            if (Files.size(path) > MAX_BYTES) {
                throw new PolicyException(path + ": larger than 1 MiB, which no policy needs");
            }
            text = Files.readString(path);
        } catch (CharacterCodingException e) {
            throw new PolicyException(path + ": not UTF-8 text");
        } catch (IOException e) {
            throw new PolicyException(path + ": cannot read it: " + e.getMessage());
        }
        return read(path.toString(), text);
    }

    public static Policy read(String name, String text) {
        return new PolicyReader(name).parse(text);
    }

    private Policy parse(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10);
        options.setNestingDepthLimit(16);
        options.setCodePointLimit((int) MAX_BYTES);
        Node root;
        try {
            root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
        } catch (YAMLException e) {
            throw new PolicyException(file + ": not YAML: " + oneLine(e.getMessage()));
        }
        if (root == null) {
            throw new PolicyException(file + ": empty; a policy starts with apiVersion: " + API_VERSION);
        }
        Map<String, Node> top = mapping(root, "the document", TOP);
        String apiVersion = requiredString(top, root, "apiVersion");
        if (!API_VERSION.equals(apiVersion)) {
            throw error(top.get("apiVersion"), "apiVersion", "must be " + API_VERSION + ", not '" + apiVersion + "'");
        }
        String kind = requiredString(top, root, "kind");
        if (!KIND.equals(kind)) {
            throw error(top.get("kind"), "kind", "must be " + KIND + ", not '" + kind + "'");
        }
        return new Policy(
                file,
                top.containsKey("exclude") ? exclusions(top.get("exclude")) : Exclusions.NONE,
                list(top.get("suppress"), "suppress", this::suppression),
                list(top.get("ownership"), "ownership", this::override));
    }

    private Exclusions exclusions(Node node) {
        Map<String, Node> fields = mapping(node, "exclude", EXCLUDE);
        return new Exclusions(
                strings(fields.get("subjects"), "exclude.subjects", SubjectPattern::parse),
                strings(fields.get("namespaces"), "exclude.namespaces", Glob::new),
                strings(fields.get("objects"), "exclude.objects", ObjectPattern::parse));
    }

    private SuppressionRule suppression(Node node, String field) {
        Map<String, Node> fields = mapping(node, field, SUPPRESS);
        String finding = requiredString(fields, node, field + ".finding");
        if (!knownFinding(finding)) {
            throw error(
                    fields.get("finding"),
                    field + ".finding",
                    "'" + finding + "' is neither a finding type (e.g. UNUSED_BINDING) nor a catalog id"
                            + " (e.g. RBAC-ESC-SECRETS-READ)");
        }
        ObjectPattern object = fields.containsKey("object")
                ? value(fields.get("object"), field + ".object", ObjectPattern::parse)
                : null;
        LocalDate expires = fields.containsKey("expires")
                ? value(fields.get("expires"), field + ".expires", PolicyReader::date)
                : null;
        return new SuppressionRule(finding, object, reason(fields, node, field), expires, file + ":" + line(node));
    }

    private OwnershipOverride override(Node node, String field) {
        Map<String, Node> fields = mapping(node, field, OWNERSHIP);
        if (!fields.containsKey("object")) {
            throw error(node, field + ".object", "is required");
        }
        ObjectPattern object = value(fields.get("object"), field + ".object", ObjectPattern::parse);
        if (!fields.containsKey("owner")) {
            throw error(node, field + ".owner", "is required: platform, managed or yours");
        }
        Owner owner = value(fields.get("owner"), field + ".owner", PolicyReader::owner);
        return new OwnershipOverride(object, owner, reason(fields, node, field), file + ":" + line(node));
    }

    private String reason(Map<String, Node> fields, Node node, String field) {
        String reason = requiredString(fields, node, field + ".reason");
        if (reason.isBlank()) {
            throw error(fields.get("reason"), field + ".reason", "must say why");
        }
        return reason.strip();
    }

    static boolean knownFinding(String id) {
        try {
            FindingType.valueOf(id);
            return true;
        } catch (IllegalArgumentException e) {
            return EscalationCatalog.byId(id).isPresent();
        }
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a date such as 2027-03-31");
        }
    }

    private static Owner owner(String text) {
        try {
            return Owner.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be platform, managed or yours, not '" + text + "'");
        }
    }

    private interface Entry<T> {
        T read(Node node, String field);
    }

    private <T> List<T> list(Node node, String field, Entry<T> entry) {
        List<T> values = new ArrayList<>();
        if (node == null) {
            return values;
        }
        if (!(node instanceof SequenceNode sequence)) {
            throw error(node, field, "must be a list");
        }
        for (int i = 0; i < sequence.getValue().size(); i++) {
            values.add(entry.read(sequence.getValue().get(i), field + "[" + i + "]"));
        }
        return values;
    }

    private <T> List<T> strings(Node node, String field, Function<String, T> parse) {
        return list(node, field, (item, itemField) -> value(item, itemField, parse));
    }

    private <T> T value(Node node, String field, Function<String, T> parse) {
        try {
            return parse.apply(scalar(node, field));
        } catch (PolicyException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw error(node, field, e.getMessage());
        }
    }

    private String requiredString(Map<String, Node> fields, Node parent, String field) {
        String key = field.substring(field.lastIndexOf('.') + 1);
        if (!fields.containsKey(key)) {
            throw error(parent, field, "is required");
        }
        return scalar(fields.get(key), field);
    }

    private String scalar(Node node, String field) {
        if (!(node instanceof ScalarNode scalar)) {
            throw error(node, field, "must be a single value");
        }
        return scalar.getValue();
    }

    private Map<String, Node> mapping(Node node, String field, Set<String> known) {
        if (!(node instanceof MappingNode mapping)) {
            throw error(node, field, "must be a mapping of " + String.join(", ", new java.util.TreeSet<>(known)));
        }
        Map<String, Node> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
            if (key == null || !known.contains(key)) {
                throw error(
                        tuple.getKeyNode(),
                        field,
                        "unknown key " + (key == null ? "(not a name)" : "'" + key + "'") + "; known: "
                                + String.join(", ", new java.util.TreeSet<>(known)));
            }
            if (fields.put(key, tuple.getValueNode()) != null) {
                throw error(tuple.getKeyNode(), field, "'" + key + "' is given twice");
            }
        }
        return fields;
    }

    private PolicyException error(Node node, String field, String problem) {
        return new PolicyException(file + ":" + line(node) + ": " + field + ": " + oneLine(problem));
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
