package io.kubelpa.manifest;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubelpa.output.HiddenCharacters;
import io.kubelpa.output.OutputFolder;
import io.kubelpa.proposal.Proposal;
import io.kubelpa.proposal.Verification;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.RbacKind;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.review.ProposalOutcome;
import io.kubelpa.review.Review;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes the manifests of a review: {@code proposals/} with one YAML file per created or changed
 * object of the accepted proposals and {@code deletions.yaml}; and {@code proposed-rbac/}, the whole
 * RBAC after them. Stale files of an earlier run are removed first, so the directories show exactly
 * this review.
 */
public final class ProposalFiles {
    private final ManifestYamlWriter yaml = new ManifestYamlWriter();

    /** The files written per proposal id, relative to the output directory. */
    public Map<String, List<String>> write(Review review, Path outDir) throws IOException {
        return write(review, OutputFolder.at(outDir));
    }

    /** As {@link #write(Review, Path)}, into a folder whose files kube-lpa creates itself. */
    public Map<String, List<String>> write(Review review, OutputFolder folder) throws IOException {
        Path out = folder.root();
        Path proposals = folder.folder("proposals");
        folder.folder("proposed-rbac");
        folder.deleteFiles("proposals", name -> name.endsWith(".yaml"));
        folder.deleteFiles("proposed-rbac", name -> name.endsWith(".yaml"));
        Map<String, List<String>> files = new TreeMap<>();
        StringBuilder deletions = new StringBuilder();
        for (ProposalOutcome outcome : review.accepted()) {
            Proposal proposal = outcome.proposal();
            List<String> written = new ArrayList<>();
            for (HasMetadata object : proposal.upserts()) {
                Path file = SafeFileNames.resolve(proposals, ObjectRef.of(object));
                folder.writeString(
                        out.relativize(file).toString(),
                        header(proposal, outcome.verification(), object) + yaml.write(object));
                written.add(out.relativize(file).toString());
            }
            for (ObjectRef deleted : proposal.deletions()) {
                deletions
                        .append(deletions.length() == 0 ? "" : "---\n")
                        .append(comment(proposal.id() + ": " + proposal.summary()))
                        .append(deletion(deleted));
            }
            if (!proposal.deletions().isEmpty()) {
                written.add("proposals/deletions.yaml");
            }
            files.put(proposal.id(), written);
        }
        if (deletions.length() > 0) {
            folder.writeString(
                    "proposals/deletions.yaml",
                    comment("Bindings kube-lpa proposes to delete. Review, then: kubectl delete -f deletions.yaml")
                            + deletions);
        }
        folder.writeString(
                "proposed-rbac/rbac.yaml",
                comment("The complete RBAC after the accepted proposals ("
                                + review.accepted().size() + "); check it with: lpa can-i --rbac "
                                + out.resolve("proposed-rbac"))
                        + yaml.writeAll(all(review.proposed())));
        return files;
    }

    private static List<HasMetadata> all(RbacObjects objects) {
        return Stream.of(objects.clusterRoles(), objects.clusterRoleBindings(), objects.roles(), objects.roleBindings())
                .flatMap(List::stream)
                .map(o -> (HasMetadata) o)
                .toList();
    }

    private static String header(Proposal proposal, Verification verification, HasMetadata object) {
        StringBuilder header = new StringBuilder();
        header.append(comment("kube-lpa proposal " + proposal.id() + " (" + proposal.kind() + ")"));
        header.append(comment(proposal.summary()));
        header.append(comment("Verified: " + verification.replayedShapes() + " observed request shape(s) ("
                + verification.replayedRequests() + " requests) still allowed; no subject gains a permission."));
        if (proposal.kind() == io.kubelpa.proposal.ProposalKind.DEDICATED_ROLE && isBinding(object)) {
            header.append(
                    comment("roleRef is immutable: apply with `kubectl auth reconcile --remove-extra-subjects -f` "
                            + "or delete and recreate this binding."));
        }
        return header.toString();
    }

    private static boolean isBinding(HasMetadata object) {
        return object.getKind().endsWith("Binding");
    }

    private static String deletion(ObjectRef ref) {
        StringBuilder out = new StringBuilder();
        out.append("apiVersion: ").append(RbacKind.GROUP).append("/v1\n");
        out.append("kind: ").append(ref.kind()).append('\n');
        out.append("metadata:\n");
        out.append("  name: ").append(quote(ref.name())).append('\n');
        if (ref.namespaced()) {
            out.append("  namespace: ").append(quote(ref.namespace())).append('\n');
        }
        return out.toString();
    }

    /** A double-quoted YAML scalar: names come from untrusted input. */
    private static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /**
     * A YAML comment line, read by people: control characters from untrusted names cannot end it early,
     * and hidden characters (bidirectional controls, line separators) are shown as their codes.
     */
    public static String comment(String text) {
        StringBuilder out = new StringBuilder("# ");
        text.codePoints().forEach(cp -> {
            if (HiddenCharacters.isHidden(cp)) {
                out.append(HiddenCharacters.code(cp));
            } else {
                out.appendCodePoint(Character.isISOControl(cp) ? '?' : cp);
            }
        });
        return out.append('\n').toString();
    }
}
