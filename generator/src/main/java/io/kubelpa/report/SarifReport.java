package io.kubelpa.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The findings as SARIF 2.1.0: one rule per finding type and catalog id, with a stable id, a
 * {@code security-severity} and help; each result located logically at the RBAC object it is about
 * and, where its manifest is known, physically, relative to a base ({@code SRCROOT} in
 * {@code originalUriBaseIds}: by default the git repository holding the manifests), with a
 * fingerprint so code-scanning tools track it across runs instead of opening new alerts.
 */
public final class SarifReport {
    /** The uriBaseId of locations relative to the base. */
    public static final String SRCROOT = "SRCROOT";

    /** The base of relative locations; null: found from the manifests' paths; {@link #ABSOLUTE}: none. */
    private final Path base;

    /** Locations as absolute file URIs, relative to nothing. */
    public static final Path ABSOLUTE = Path.of("/");

    public SarifReport() {
        this(null);
    }

    public SarifReport(Path base) {
        this.base = base;
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Map<String, String> SECURITY_SEVERITY =
            Map.of("critical", "9.5", "high", "8.0", "medium", "5.5", "low", "3.0");

    public String render(ReportModel model, String version) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "kube-lpa");
        driver.put("version", version);
        driver.put("informationUri", "https://kube-lpa.io/");
        Map<String, ReportModel.FindingRow> rules = new TreeMap<>();
        model.findings().forEach(f -> rules.putIfAbsent(f.ruleId(), f));
        ArrayNode ruleArray = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new TreeMap<>();
        for (ReportModel.FindingRow f : rules.values()) {
            ruleIndex.put(f.ruleId(), ruleIndex.size());
            ObjectNode rule = ruleArray.addObject();
            rule.put("id", f.ruleId());
            rule.put("name", name(f));
            rule.putObject("shortDescription")
                    .put(
                            "text",
                            f.type().replace('_', ' ').toLowerCase(java.util.Locale.ROOT)
                                    + (f.catalogId().isEmpty() ? "" : " " + f.catalogId()));
            rule.putObject("help").put("text", f.remediation());
            rule.putObject("defaultConfiguration").put("level", level(f.severity()));
            ObjectNode properties = rule.putObject("properties");
            properties.put("security-severity", SECURITY_SEVERITY.getOrDefault(f.severity(), "3.0"));
            properties.putArray("tags").add("security").add("rbac").add("least-privilege");
        }
        Path sourceRoot =
                base == ABSOLUTE ? null : base != null ? base.toAbsolutePath().normalize() : repositoryOf(model);
        if (sourceRoot != null) {
            run.putObject("originalUriBaseIds").putObject(SRCROOT).put("uri", directoryUri(sourceRoot));
        }
        ArrayNode results = run.putArray("results");
        for (ReportModel.FindingRow f : model.findings()) {
            ObjectNode result = results.addObject();
            result.put("ruleId", f.ruleId());
            result.put("ruleIndex", ruleIndex.get(f.ruleId()));
            // The platform's findings are for information: a code-scanning gate should not fail on them.
            result.put("level", f.platform() ? "note" : level(f.severity()));
            result.putObject("message").put("text", f.message());
            ObjectNode location = result.putArray("locations").addObject();
            if (f.file() != null && !f.file().isEmpty()) {
                ObjectNode physical = location.putObject("physicalLocation");
                artifact(physical.putObject("artifactLocation"), f, sourceRoot, base == ABSOLUTE);
                physical.putObject("region").put("startLine", Math.max(1, f.line()));
            }
            location.putArray("logicalLocations")
                    .addObject()
                    .put("fullyQualifiedName", f.on())
                    .put("kind", "resource");
            result.putObject("partialFingerprints")
                    .put(
                            "kubeLpaFinding/v1",
                            Integer.toHexString(f.key().hashCode()) + "-"
                                    + f.key().length());
            ObjectNode properties = result.putObject("properties");
            properties.put("confidence", f.confidence());
            properties.put("owner", f.owner());
            properties.put("ownerRule", f.ownerRule());
            if (f.isSuppressed()) {
                ObjectNode suppression = result.putArray("suppressions").addObject();
                suppression.put("kind", f.suppressed().source().startsWith("annotation") ? "inSource" : "external");
                suppression.put("status", "accepted");
                suppression.put(
                        "justification",
                        f.suppressed().reason()
                                + (f.suppressed().expires().isEmpty()
                                        ? ""
                                        : " (until " + f.suppressed().expires() + ")"));
                suppression.putObject("properties").put("source", f.suppressed().source());
            }
        }
        return root.toPrettyString() + "\n";
    }

    /**
     * Relative to the root when the manifest lies under it; with no root found, the path as given to
     * the analysis; absolute file URIs when asked or outside the root. A report without absolute
     * paths (an older findings.json) keeps the path as given.
     */
    private static void artifact(ObjectNode artifact, ReportModel.FindingRow f, Path root, boolean absolute) {
        if (f.absoluteFile() == null) {
            artifact.put("uri", uri(f.file()));
            return;
        }
        Path file = Path.of(f.absoluteFile());
        if (root != null && file.startsWith(root)) {
            artifact.put("uri", uri(root.relativize(file).toString()));
            artifact.put("uriBaseId", SRCROOT);
        } else if (root == null && !absolute) {
            artifact.put("uri", uri(f.file()));
        } else {
            artifact.put("uri", file.toUri().toString());
        }
    }

    /** SARIF requires a base URI to end with '/', which Path.toUri adds only for a folder that exists here. */
    private static String directoryUri(Path folder) {
        String uri = folder.toUri().toString();
        return uri.endsWith("/") ? uri : uri + "/";
    }

    /** The git repository (the nearest folder with .git) holding the first located manifest, if any. */
    static Path repositoryOf(ReportModel model) {
        for (ReportModel.FindingRow f : model.findings()) {
            if (f.absoluteFile() == null) {
                continue;
            }
            for (Path folder = Path.of(f.absoluteFile()).getParent(); folder != null; folder = folder.getParent()) {
                if (Files.exists(folder.resolve(".git"))) {
                    return folder;
                }
            }
            return null;
        }
        return null;
    }

    /** A relative file path as a SARIF URI reference (forward slashes, percent-encoded where needed). */
    static String uri(String file) {
        String path = file.replace('\\', '/');
        while (path.startsWith("./")) {
            path = path.substring(2);
        }
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~/".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format(java.util.Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static String name(ReportModel.FindingRow f) {
        StringBuilder name = new StringBuilder();
        for (String part : (f.catalogId().isEmpty() ? f.type() : f.catalogId()).split("[_-]")) {
            if (!part.isEmpty()) {
                name.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return name.toString();
    }

    private static String level(String severity) {
        return switch (severity) {
            case "critical", "high" -> "error";
            case "medium" -> "warning";
            default -> "note";
        };
    }
}
