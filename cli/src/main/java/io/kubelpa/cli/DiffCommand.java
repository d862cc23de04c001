package io.kubelpa.cli;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubelpa.manifest.ManifestYamlWriter;
import io.kubelpa.proposal.ProposalAnnotations;
import io.kubelpa.rbac.ManifestException;
import io.kubelpa.rbac.ManifestReader;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.RbacObjects;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lpa diff}: what the proposals of an analysis change, as a unified diff of current vs proposed YAML. */
@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        versionProvider = LpaCommand.Version.class,
        header = "Show the proposals of an analysis as a unified diff against the current RBAC.",
        description = {
            "Compares every object under --proposals (an analysis' proposals/ directory, deletions.yaml included)",
            "with the same object in the current manifests. kube-lpa's own annotations are left out of the comparison.",
            "Exit status: 0 no changes, 1 changes.",
            "",
            "  lpa diff --rbac manifests/ --proposals lpa-out/proposals",
            "  lpa diff --rbac manifests/ --proposals lpa-out/proposals > proposals.diff"
        })
final class DiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--rbac",
            paramLabel = "PATH",
            arity = "1..*",
            required = true,
            description = "Current RBAC manifests (files or directories). Repeatable.")
    List<Path> rbac;

    @Option(
            names = "--proposals",
            paramLabel = "DIR",
            required = true,
            description = "The proposals/ directory of an analysis.")
    Path proposals;

    @Override
    public Integer call() {
        if (!Files.isDirectory(proposals)) {
            throw new CliException(ExitCodes.USAGE, "--proposals: not a directory: " + proposals);
        }
        ManifestReader reader = new ManifestReader();
        Map<ObjectRef, HasMetadata> current = index(read(reader, rbac));
        Map<ObjectRef, HasMetadata> proposed = new TreeMap<>();
        List<ObjectRef> deletions = new ArrayList<>();
        try (Stream<Path> files = Files.list(proposals)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                if (file.getFileName().toString().equals("deletions.yaml")) {
                    deletions.addAll(deletions(file));
                } else {
                    proposed.putAll(index(read(reader, List.of(file))));
                }
            }
        } catch (java.io.IOException e) {
            throw new CliException(ExitCodes.ERROR, "cannot list " + proposals + ": " + e.getMessage());
        }
        ManifestYamlWriter yaml = new ManifestYamlWriter();
        PrintWriter out = spec.commandLine().getOut();
        boolean changed = false;
        for (ObjectRef ref : deletions) {
            changed |= print(out, ref, text(yaml, current.get(ref)), "");
        }
        for (Map.Entry<ObjectRef, HasMetadata> entry : proposed.entrySet()) {
            changed |=
                    print(out, entry.getKey(), text(yaml, current.get(entry.getKey())), text(yaml, entry.getValue()));
        }
        out.flush();
        return changed ? 1 : ExitCodes.OK;
    }

    /** The objects deletions.yaml names: only kind and metadata, so not full RBAC objects. */
    private static List<ObjectRef> deletions(Path file) throws java.io.IOException {
        List<ObjectRef> refs = new ArrayList<>();
        try (var documents = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
                .readerFor(com.fasterxml.jackson.databind.JsonNode.class)
                .<com.fasterxml.jackson.databind.JsonNode>readValues(file.toFile())) {
            while (documents.hasNextValue()) {
                var document = documents.nextValue();
                if (document == null || !document.isObject()) {
                    continue;
                }
                String kind = document.path("kind").asText("");
                String name = document.path("metadata").path("name").asText("");
                if (!io.kubelpa.rbac.RbacKind.isRbacKind(kind) || name.isEmpty()) {
                    throw new CliException(
                            ExitCodes.USAGE, file + ": every document needs an RBAC kind and metadata.name");
                }
                String namespace = kind.startsWith("Cluster")
                        ? ""
                        : document.path("metadata").path("namespace").asText("");
                refs.add(new ObjectRef(kind, name, namespace));
            }
        }
        return refs;
    }

    private static RbacObjects read(ManifestReader reader, List<Path> paths) {
        try {
            return reader.read(paths).objects();
        } catch (ManifestException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
    }

    private static Map<ObjectRef, HasMetadata> index(RbacObjects objects) {
        Map<ObjectRef, HasMetadata> index = new TreeMap<>();
        Stream.of(objects.roles(), objects.clusterRoles(), objects.roleBindings(), objects.clusterRoleBindings())
                .flatMap(List::stream)
                .forEach(o -> index.put(ObjectRef.of(o), o));
        return index;
    }

    /** The object's YAML without kube-lpa's annotations and server fields, "" when absent. */
    private static String text(ManifestYamlWriter yaml, HasMetadata object) {
        if (object == null) {
            return "";
        }
        var meta = object.getMetadata();
        Map<String, String> annotations =
                meta.getAnnotations() == null ? new TreeMap<>() : new TreeMap<>(meta.getAnnotations());
        annotations
                .keySet()
                .removeIf(k -> k.startsWith(ProposalAnnotations.PREFIX)
                        || k.equals("kubectl.kubernetes.io/last-applied-configuration"));
        var clean = new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                .withName(meta.getName())
                .withNamespace(meta.getNamespace())
                .withLabels(meta.getLabels())
                .withAnnotations(annotations.isEmpty() ? null : annotations)
                .build();
        var previous = object.getMetadata();
        object.setMetadata(clean);
        try {
            return yaml.write(object);
        } finally {
            object.setMetadata(previous);
        }
    }

    private static boolean print(PrintWriter out, ObjectRef ref, String before, String after) {
        if (before.equals(after)) {
            return false;
        }
        List<String> a = before.isEmpty() ? List.of() : before.lines().toList();
        List<String> b = after.isEmpty() ? List.of() : after.lines().toList();
        String name = Table.safe(ref.toString());
        List<String> diff = UnifiedDiffUtils.generateUnifiedDiff(
                a.isEmpty() ? "/dev/null" : "current/" + name,
                b.isEmpty() ? "/dev/null" : "proposed/" + name,
                a,
                DiffUtils.diff(a, b),
                3);
        diff.forEach(line -> out.println(Table.safe(line)));
        return true;
    }
}
