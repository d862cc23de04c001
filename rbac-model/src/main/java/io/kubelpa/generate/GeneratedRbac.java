package io.kubelpa.generate;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubelpa.tightening.Permission;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * What was generated for one subject: its Roles, ClusterRole and bindings; the permissions each
 * scope grants (namespace, or "" for the ClusterRole bound cluster-wide); and notes on choices made.
 */
public record GeneratedRbac(
        GeneratedSubject subject,
        List<HasMetadata> objects,
        SortedMap<String, SortedSet<Permission>> granted,
        List<String> notes) {
    public GeneratedRbac {
        objects = List.copyOf(objects);
        notes = List.copyOf(notes);
    }
}
