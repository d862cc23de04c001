package io.kubelpa.pr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubelpa.rbac.ManifestException;
import io.kubelpa.rbac.ManifestReader;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.report.GeneratedRbacWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The accepted proposals of an analysis directory (verification.json and proposals/*.yaml) and its window. */
public record AnalysisProposals(String windowFrom, String windowTo, List<AcceptedProposal> proposals) {

    /** The kind of a new role offered to a subject only another authorizer allowed. */
    public static final String NEW_ROLE = "NEW_ROLE";

    /** As {@link #read(Path)}; with {@code includeNew}, also the new roles of {@code new-roles/}. */
    public static AnalysisProposals read(Path dir, boolean includeNew) throws IOException {
        AnalysisProposals tightening = read(dir);
        if (!includeNew) {
            return tightening;
        }
        List<AcceptedProposal> all = new ArrayList<>(tightening.proposals());
        all.addAll(newRoles(dir));
        return new AnalysisProposals(tightening.windowFrom(), tightening.windowTo(), all);
    }

    /**
     * The new roles of {@code new-roles/}, one proposal per subject whose replay passed. The file each
     * names must be a plain file directly in that folder: the analysis directory is input too.
     */
    static List<AcceptedProposal> newRoles(Path dir) throws IOException {
        Path folder = dir.resolve(GeneratedRbacWriter.NEW_ROLES);
        Path verificationFile = folder.resolve("verification.json");
        if (!Files.exists(verificationFile, LinkOption.NOFOLLOW_LINKS)) {
            return List.of(); // no subject only another authorizer allowed: nothing new to offer
        }
        if (!Files.isRegularFile(verificationFile, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(verificationFile + " is not a plain file");
        }
        JsonNode verification = new ObjectMapper().readTree(verificationFile.toFile());
        List<AcceptedProposal> proposals = new ArrayList<>();
        int n = 0;
        for (JsonNode subject : verification.path("subjects")) {
            if (!subject.path("replay").path("passed").asBoolean(false)) {
                continue;
            }
            Path file = folder.resolve(subject.path("file").asText()).normalize();
            if (!file.getParent().equals(folder.normalize()) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(verificationFile + ": '"
                        + subject.path("file").asText() + "' is not a file of " + GeneratedRbacWriter.NEW_ROLES + "/");
            }
            RbacObjects read;
            try {
                read = new ManifestReader().read(List.of(file)).objects();
            } catch (ManifestException e) {
                throw new IOException(e.getMessage());
            }
            List<HasMetadata> objects = Stream.of(
                            read.roles(), read.clusterRoles(), read.roleBindings(), read.clusterRoleBindings())
                    .flatMap(List::stream)
                    .map(o -> (HasMetadata) o)
                    .toList();
            if (objects.isEmpty()) {
                continue;
            }
            String name = subject.path("subject").asText();
            long shapes = subject.path("requestShapes").asLong();
            proposals.add(new AcceptedProposal(
                    "new-" + ++n,
                    NEW_ROLE,
                    ObjectRef.of(objects.get(0)),
                    "New: least roles for " + name + ", whose requests only another authorizer allowed",
                    objects,
                    List.of(),
                    List.of(),
                    shapes,
                    shapes,
                    false,
                    List.of()));
        }
        return proposals;
    }

    public static AnalysisProposals read(Path dir) throws IOException {
        Path verificationFile = dir.resolve("verification.json");
        if (!Files.isRegularFile(verificationFile)) {
            throw new IOException(dir + " is not an analysis directory: verification.json is missing");
        }
        JsonNode verification = new ObjectMapper().readTree(verificationFile.toFile());
        Map<ObjectRef, HasMetadata> objects = new HashMap<>();
        Path proposals = dir.resolve("proposals");
        if (Files.isDirectory(proposals)) {
            try (Stream<Path> files = Files.list(proposals)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml")
                                && !f.getFileName().toString().equals("deletions.yaml"))
                        .sorted()
                        .toList()) {
                    RbacObjects read;
                    try {
                        read = new ManifestReader().read(List.of(file)).objects();
                    } catch (ManifestException e) {
                        throw new IOException(e.getMessage());
                    }
                    Stream.of(read.roles(), read.clusterRoles(), read.roleBindings(), read.clusterRoleBindings())
                            .flatMap(List::stream)
                            .forEach(o -> objects.put(ObjectRef.of(o), o));
                }
            }
        }
        List<AcceptedProposal> accepted = new ArrayList<>();
        for (JsonNode p : verification.path("proposals")) {
            if (!"proposed".equals(p.path("status").asText())) {
                continue;
            }
            List<HasMetadata> upserts = new ArrayList<>();
            for (JsonNode ref : p.path("objects")) {
                ObjectRef objectRef = ref(ref);
                HasMetadata object = objects.get(objectRef);
                if (object == null) {
                    throw new IOException(
                            "proposal " + p.path("id").asText() + ": " + objectRef + " is missing from proposals/");
                }
                upserts.add(object);
            }
            List<ObjectRef> deletions = new ArrayList<>();
            p.path("deletions").forEach(d -> deletions.add(ref(d)));
            List<String> removed = new ArrayList<>();
            p.path("removed").forEach(r -> removed.add(r.asText()));
            accepted.add(new AcceptedProposal(
                    p.path("id").asText(),
                    p.path("kind").asText(),
                    ref(p.path("target")),
                    p.path("summary").asText(),
                    upserts,
                    deletions,
                    removed,
                    p.path("replay").path("checkedShapes").asLong(),
                    p.path("replay").path("checkedRequests").asLong(),
                    p.path("noWidening").path("passed").asBoolean(),
                    strings(p.path("managedBy"))));
        }
        return new AnalysisProposals(
                verification.path("window").path("from").asText(""),
                verification.path("window").path("to").asText(""),
                accepted);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static ObjectRef ref(JsonNode node) {
        return new ObjectRef(
                node.path("kind").asText(),
                node.path("name").asText(),
                node.path("namespace").asText(""));
    }
}
