package io.kubelpa.proposal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubelpa.findings.Confidence;
import io.kubelpa.rbac.ObjectRef;
import java.util.List;

/**
 * One change to the RBAC: objects to create or replace, objects to delete, the permissions it takes
 * away (as rule notation) and how far its evidence can be trusted.
 */
public record Proposal(
        String id,
        ProposalKind kind,
        ObjectRef target,
        String summary,
        List<HasMetadata> upserts,
        List<ObjectRef> deletions,
        List<String> removed,
        Confidence confidence) {

    public Proposal {
        upserts = List.copyOf(upserts);
        deletions = List.copyOf(deletions);
        removed = List.copyOf(removed);
    }
}
