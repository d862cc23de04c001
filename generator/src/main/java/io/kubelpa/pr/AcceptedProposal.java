package io.kubelpa.pr;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubelpa.rbac.ObjectRef;
import java.util.List;

/**
 * A proposal put forward by an analysis, as `lpa pr` reads it back: what it changes, its proof, and
 * which of the objects it changes belong to a manager (a chart, an operator), who must make the change.
 */
public record AcceptedProposal(
        String id,
        String kind,
        ObjectRef target,
        String summary,
        List<HasMetadata> upserts,
        List<ObjectRef> deletions,
        List<String> removed,
        long replayChecked,
        long replayRequests,
        boolean noWidening,
        List<String> managedBy) {

    public AcceptedProposal {
        managedBy = List.copyOf(managedBy);
        upserts = List.copyOf(upserts);
        deletions = List.copyOf(deletions);
        removed = List.copyOf(removed);
    }
}
