package io.kubelpa.pr;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubelpa.rbac.ObjectRef;
import java.util.List;

/** A proposal put forward by an analysis, as `lpa pr` reads it back: what it changes and its proof. */
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
        boolean noWidening) {

    public AcceptedProposal {
        upserts = List.copyOf(upserts);
        deletions = List.copyOf(deletions);
        removed = List.copyOf(removed);
    }
}
