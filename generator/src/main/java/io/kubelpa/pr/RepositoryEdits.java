package io.kubelpa.pr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.kubelpa.manifest.ManifestYamlWriter;
import io.kubelpa.manifest.SafeFileNames;
import io.kubelpa.rbac.ManifestException;
import io.kubelpa.rbac.ManifestReader;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.PolicyRuleKey;
import io.kubelpa.rbac.RbacObjects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One accepted proposal applied to the manifests of a repository: the role's {@code rules:} replaced,
 * a binding's roleRef re-pointed, documents deleted, new objects appended next to the binding they
 * belong with. Each edited file is parsed again and compared: the changed objects must read as
 * proposed, and every other object exactly as before; otherwise nothing is written.
 */
public final class RepositoryEdits {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The new content per file, or what kept the proposal out of the repository. */
    public record Result(Map<Path, String> files, Optional<String> notApplied) {
        static Result skipped(String why) {
            return new Result(Map.of(), Optional.of(why));
        }
    }

    /** Where new roles go, one file per subject, when nothing in the repository defines them yet. */
    public static final String NEW_ROLES_FOLDER = "kube-lpa-new-roles";

    private RepositoryEdits() {}

    public static Result plan(ManifestIndex index, AcceptedProposal proposal) throws IOException {
        return plan(index, proposal, List.of(), null);
    }

    /**
     * As {@link #plan(ManifestIndex, AcceptedProposal)}, except that objects defined under a
     * {@code notOwned} path (a kustomize base kept by others) are changed through patches in
     * {@code overlay} instead; without an overlay such a proposal is not applied.
     */
    public static Result plan(
            ManifestIndex index, AcceptedProposal proposal, List<Path> notOwned, KustomizeOverlay overlay)
            throws IOException {
        if (!proposal.managedBy().isEmpty()) {
            // Its manager would write the old object back; the change belongs where the manager takes it from.
            return Result.skipped(String.join("; ", proposal.managedBy()));
        }
        Map<ObjectRef, Boolean> inBase = new HashMap<>();
        Map<ObjectRef, String> apiVersions = new HashMap<>();
        boolean touchesBase = false;
        for (ObjectRef ref : touchedRefs(proposal)) {
            Optional<ManifestDocument> document = index.find(ref);
            document.flatMap(d -> ManifestIndex.scalar(d.node(), "apiVersion"))
                    .ifPresent(version -> apiVersions.put(ref, version));
            boolean base = document.isPresent()
                    && notOwned.stream().anyMatch(p -> document.get()
                            .file()
                            .toAbsolutePath()
                            .normalize()
                            .startsWith(p.toAbsolutePath().normalize()));
            inBase.put(ref, base);
            touchesBase |= base;
        }
        if (touchesBase) {
            if (overlay == null) {
                return Result.skipped(proposal.target() + " is defined in a base this repository does not own; "
                        + "give an overlay (--overlay) to patch it there");
            }
            return new Result(overlay.plan(proposal, inBase, apiVersions, overlay.read()), Optional.empty());
        }
        return planInPlace(index, proposal);
    }

    private static List<ObjectRef> touchedRefs(AcceptedProposal proposal) {
        List<ObjectRef> refs = new ArrayList<>(proposal.deletions());
        proposal.upserts().forEach(o -> refs.add(ObjectRef.of(o)));
        return refs;
    }

    private static Result planInPlace(ManifestIndex index, AcceptedProposal proposal) throws IOException {
        Map<Path, YamlSpanEditor> editors = new LinkedHashMap<>();
        Map<Path, String> originals = new HashMap<>();
        Path home = null;
        for (ObjectRef deleted : proposal.deletions()) {
            Optional<ManifestDocument> document = index.find(deleted);
            if (document.isEmpty()) {
                return Result.skipped(notDefined(index, deleted));
            }
            editor(editors, originals, document.get().file()).deleteDocument(document.get());
            home = home == null ? document.get().file() : home;
        }
        List<HasMetadata> toAppend = new ArrayList<>();
        for (HasMetadata object : proposal.upserts()) {
            ObjectRef ref = ObjectRef.of(object);
            Optional<ManifestDocument> document = index.find(ref);
            if (document.isEmpty() && index.definedInJson(ref).isPresent()) {
                return Result.skipped(notDefined(index, ref));
            }
            if (document.isEmpty()) {
                toAppend.add(object);
                continue;
            }
            YamlSpanEditor editor = editor(editors, originals, document.get().file());
            home = home == null ? document.get().file() : home;
            if (object instanceof Role role) {
                editor.replaceRules(document.get(), role.getRules());
            } else if (object instanceof ClusterRole role) {
                editor.replaceRules(document.get(), role.getRules());
            } else if (object instanceof RoleBinding binding) {
                editor.replaceRoleRef(
                        document.get(),
                        binding.getRoleRef().getKind(),
                        binding.getRoleRef().getName());
            } else if (object instanceof ClusterRoleBinding binding) {
                editor.replaceRoleRef(
                        document.get(),
                        binding.getRoleRef().getKind(),
                        binding.getRoleRef().getName());
            }
        }
        if (!toAppend.isEmpty() && home == null && AnalysisProposals.NEW_ROLE.equals(proposal.kind())) {
            Path file = SafeFileNames.resolve(index.root().resolve(NEW_ROLES_FOLDER), proposal.target());
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return Result.skipped(index.root().relativize(file) + " exists already and is not these roles");
            }
            Map<Path, String> created = Map.of(file, new ManifestYamlWriter().writeAll(toAppend));
            verify(proposal, Map.of(), created);
            return new Result(created, Optional.empty());
        }
        if (!toAppend.isEmpty()) {
            if (home == null) {
                return Result.skipped(proposal.target() + " is not defined in the repository's manifests");
            }
            editor(editors, originals, home).append(new ManifestYamlWriter().writeAll(toAppend));
        }
        Map<Path, String> changed = new LinkedHashMap<>();
        for (Map.Entry<Path, YamlSpanEditor> entry : editors.entrySet()) {
            changed.put(entry.getKey(), entry.getValue().apply());
        }
        verify(proposal, originals, changed);
        return new Result(changed, Optional.empty());
    }

    private static String notDefined(ManifestIndex index, ObjectRef ref) {
        return index.definedInJson(ref)
                .map(file -> ref + " is defined in " + index.root().relativize(file)
                        + ", a JSON manifest: lpa pr edits YAML " + "manifests only; apply the proposal's YAML by hand")
                .orElse(ref + " is not defined in the repository's manifests");
    }

    private static YamlSpanEditor editor(Map<Path, YamlSpanEditor> editors, Map<Path, String> originals, Path file)
            throws IOException {
        if (!editors.containsKey(file)) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            originals.put(file, text);
            editors.put(file, new YamlSpanEditor(text));
        }
        return editors.get(file);
    }

    /** Parses the edited files: changed objects as proposed, deleted ones gone, all others untouched. */
    static void verify(AcceptedProposal proposal, Map<Path, String> before, Map<Path, String> after) {
        Map<ObjectRef, HasMetadata> old = new HashMap<>();
        Map<ObjectRef, HasMetadata> now = new HashMap<>();
        before.forEach((file, text) -> old.putAll(parse(file, text)));
        after.forEach((file, text) -> now.putAll(parse(file, text)));
        Map<ObjectRef, HasMetadata> expected = new HashMap<>(old);
        proposal.deletions().forEach(expected::remove);
        proposal.upserts().forEach(o -> expected.put(ObjectRef.of(o), o));
        if (!expected.keySet().equals(now.keySet())) {
            throw new IllegalStateException("editing " + before.keySet() + " for " + proposal.id() + " would define "
                    + now.keySet() + " instead of " + expected.keySet());
        }
        for (Map.Entry<ObjectRef, HasMetadata> entry : now.entrySet()) {
            HasMetadata want = expected.get(entry.getKey());
            boolean touched =
                    proposal.upserts().stream().anyMatch(o -> ObjectRef.of(o).equals(entry.getKey()));
            boolean same =
                    touched ? sameGrant(want, entry.getValue()) : tree(want).equals(tree(entry.getValue()));
            if (!same) {
                throw new IllegalStateException("editing for " + proposal.id() + " would change " + entry.getKey()
                        + " other than proposed; nothing is written");
            }
        }
    }

    private static boolean sameGrant(HasMetadata want, HasMetadata got) {
        if (want instanceof Role a && got instanceof Role b) {
            return rules(a.getRules()).equals(rules(b.getRules()));
        }
        if (want instanceof ClusterRole a && got instanceof ClusterRole b) {
            return rules(a.getRules()).equals(rules(b.getRules()));
        }
        if (want instanceof RoleBinding a && got instanceof RoleBinding b) {
            return Objects.equals(a.getRoleRef(), b.getRoleRef())
                    && tree(a.getSubjects()).equals(tree(b.getSubjects()));
        }
        if (want instanceof ClusterRoleBinding a && got instanceof ClusterRoleBinding b) {
            return Objects.equals(a.getRoleRef(), b.getRoleRef())
                    && tree(a.getSubjects()).equals(tree(b.getSubjects()));
        }
        return false;
    }

    private static List<PolicyRuleKey> rules(List<PolicyRule> rules) {
        return rules == null ? List.of() : rules.stream().map(PolicyRuleKey::of).toList();
    }

    private static JsonNode tree(Object value) {
        return JSON.valueToTree(value);
    }

    private static Map<ObjectRef, HasMetadata> parse(Path file, String text) {
        RbacObjects objects;
        try {
            objects = new ManifestReader().readString(file.toString(), text).objects();
        } catch (ManifestException e) {
            throw new IllegalStateException("the edited " + file + " does not read back: " + e.getMessage());
        }
        Map<ObjectRef, HasMetadata> byRef = new HashMap<>();
        Stream.of(objects.roles(), objects.clusterRoles(), objects.roleBindings(), objects.clusterRoleBindings())
                .flatMap(List::stream)
                .forEach(o -> byRef.put(ObjectRef.of(o), o));
        return byRef;
    }
}
