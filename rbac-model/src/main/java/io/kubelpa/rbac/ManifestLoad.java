package io.kubelpa.rbac;

import java.util.Map;
import java.util.TreeMap;

/**
 * What reading manifests produced: the RBAC objects, how many documents were read, how many
 * objects of other kinds were skipped, by kind, and where each object was defined (file and the line
 * its document starts on).
 */
public record ManifestLoad(
        RbacObjects objects,
        int documents,
        Map<String, Integer> skippedByKind,
        Map<ObjectRef, SourceLocation> sources) {

    public ManifestLoad {
        skippedByKind = Map.copyOf(new TreeMap<>(skippedByKind));
        sources = Map.copyOf(sources);
    }

    public int skipped() {
        return skippedByKind.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** One line for diagnostics, e.g. {@code 12 RBAC objects from 5 documents; skipped 3 (Deployment: 2, Service: 1)}. */
    public String summary() {
        StringBuilder line = new StringBuilder()
                .append(objects.size())
                .append(" RBAC objects from ")
                .append(documents)
                .append(" documents");
        if (!skippedByKind.isEmpty()) {
            line.append("; skipped ").append(skipped()).append(" of other kinds (");
            line.append(String.join(
                    ", ",
                    skippedByKind.entrySet().stream()
                            .map(e -> e.getKey() + ": " + e.getValue())
                            .toList()));
            line.append(')');
        }
        return line.toString();
    }
}
