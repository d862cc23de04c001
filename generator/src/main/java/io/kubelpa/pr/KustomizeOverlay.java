package io.kubelpa.pr;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.kubelpa.manifest.ProposalFiles;
import io.kubelpa.manifest.SafeFileNames;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.RbacKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Changes to objects of a kustomize base the team does not own, made in its own overlay instead: a
 * strategic-merge patch per changed object (rules and roleRef replace the base's; a deletion is a
 * {@code $patch: delete}), new objects as resources, each listed in the overlay's kustomization.yaml.
 * The base stays untouched.
 */
final class KustomizeOverlay {
    private final Path overlay;
    private final Path kustomization;

    KustomizeOverlay(Path overlay) throws IOException {
        this.overlay = overlay.toAbsolutePath().normalize();
        Path found = null;
        for (String name : List.of("kustomization.yaml", "kustomization.yml", "Kustomization")) {
            if (Files.isRegularFile(this.overlay.resolve(name))) {
                found = this.overlay.resolve(name);
                break;
            }
        }
        if (found == null) {
            throw new IOException(overlay + " is not a kustomize overlay (no kustomization.yaml)");
        }
        this.kustomization = found;
    }

    /**
     * The files to write for one proposal: patches, new resources, and the updated kustomization.yaml.
     * A patch names its base object's own apiVersion ({@code apiVersions}; v1 when unknown): kustomize
     * matches patches to objects by group, version and kind.
     */
    Map<Path, String> plan(
            AcceptedProposal proposal,
            Map<ObjectRef, Boolean> inBase,
            Map<ObjectRef, String> apiVersions,
            String currentKustomization) {
        Map<Path, String> files = new LinkedHashMap<>();
        StringBuilder patches = new StringBuilder();
        StringBuilder resources = new StringBuilder();
        for (ObjectRef deleted : proposal.deletions()) {
            String file = "kube-lpa-delete." + SafeFileNames.of(deleted);
            files.put(overlay.resolve(file), header(proposal) + identity(deleted, apiVersions) + "$patch: delete\n");
            patches.append("  - path: ").append(file).append('\n');
        }
        for (HasMetadata object : proposal.upserts()) {
            ObjectRef ref = ObjectRef.of(object);
            if (Boolean.TRUE.equals(inBase.get(ref))) {
                String file = "kube-lpa-patch." + SafeFileNames.of(ref);
                files.put(overlay.resolve(file), header(proposal) + identity(ref, apiVersions) + body(object));
                patches.append("  - path: ").append(file).append('\n');
            } else {
                String file = "kube-lpa." + SafeFileNames.of(ref);
                files.put(
                        overlay.resolve(file),
                        header(proposal) + new io.kubelpa.manifest.ManifestYamlWriter().write(object));
                resources.append("  - ").append(file).append('\n');
            }
        }
        files.put(
                kustomization,
                withEntries(currentKustomization, "patches", patches.toString(), "resources", resources.toString()));
        return files;
    }

    private static String header(AcceptedProposal proposal) {
        return ProposalFiles.comment("kube-lpa " + proposal.id() + ": " + proposal.summary());
    }

    private static String identity(ObjectRef ref, Map<ObjectRef, String> apiVersions) {
        String apiVersion = apiVersions.getOrDefault(ref, RbacKind.GROUP + "/v1");
        StringBuilder out = new StringBuilder("apiVersion: ")
                .append(YamlText.scalar(apiVersion))
                .append("\nkind: ")
                .append(ref.kind())
                .append("\nmetadata:\n  name: ")
                .append(YamlText.scalar(ref.name()))
                .append('\n');
        if (ref.namespaced()) {
            out.append("  namespace: ").append(YamlText.scalar(ref.namespace())).append('\n');
        }
        return out.toString();
    }

    private static String body(HasMetadata object) {
        if (object instanceof Role role) {
            return "rules:\n" + YamlText.rules(role.getRules(), 2);
        }
        if (object instanceof ClusterRole role) {
            return "rules:\n" + YamlText.rules(role.getRules(), 2);
        }
        var roleRef = object instanceof RoleBinding b ? b.getRoleRef() : ((ClusterRoleBinding) object).getRoleRef();
        return "roleRef:\n  apiGroup: " + RbacKind.GROUP + "\n  kind: " + YamlText.scalar(roleRef.getKind())
                + "\n  name: " + YamlText.scalar(roleRef.getName()) + "\n";
    }

    /**
     * kustomization.yaml with entries added to its {@code patches:} and {@code resources:} lists (created at
     * the end when missing), by appending lines after each list's last item; the rest stays as it was.
     */
    static String withEntries(
            String text, String firstKey, String firstEntries, String secondKey, String secondEntries) {
        String result = withEntries(text, firstKey, firstEntries);
        return withEntries(result, secondKey, secondEntries);
    }

    private static String withEntries(String text, String key, String entries) {
        if (entries.isEmpty()) {
            return text;
        }
        Node root = new org.yaml.snakeyaml.Yaml().compose(new java.io.StringReader(text));
        if (root instanceof MappingNode mapping) {
            var value = ManifestIndex.value(mapping, key);
            if (value.isPresent()
                    && value.get() instanceof SequenceNode list
                    && !list.getValue().isEmpty()
                    && list.getFlowStyle() == org.yaml.snakeyaml.DumperOptions.FlowStyle.BLOCK) {
                Node last = list.getValue().get(list.getValue().size() - 1);
                int end = YamlText.lineEnd(text, YamlText.offset(text, last.getEndMark()) - 1);
                int dash = YamlText.offset(text, list.getStartMark());
                String indent = " ".repeat(dash - YamlText.lineStart(text, dash));
                String indented = entries.replaceAll("(?m)^  - ", indent + "- ");
                return text.substring(0, end)
                        + (text.substring(0, end).endsWith("\n") ? "" : "\n")
                        + indented
                        + text.substring(end);
            }
            if (value.isPresent()) {
                throw new IllegalStateException(
                        "kustomization.yaml's " + key + ": is not a block list; add the kube-lpa entries by hand");
            }
        }
        return text + (text.endsWith("\n") || text.isEmpty() ? "" : "\n") + key + ":\n" + entries;
    }

    String read() throws IOException {
        return Files.readString(kustomization, StandardCharsets.UTF_8);
    }
}
