package io.kubelpa.generate;

import io.kubelpa.ownership.PlatformSubjects;
import io.kubelpa.rbac.RbacKind;
import io.kubelpa.usage.AuthorizedBy;
import io.kubelpa.usage.SubjectLedger;
import io.kubelpa.usage.SubjectUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The subjects a review offers new roles to: every request they were allowed, another authorizer
 * allowed (AlwaysAllow, a webhook) or membership of {@code system:masters} did (which the API server
 * lets through before any authorizer, and which the built-in cluster-admin binding mirrors), so RBAC
 * holds nothing of theirs to tighten. The platform's own identities are left out: their access is the
 * platform's to define.
 */
public final class NewRoleCandidates {
    private NewRoleCandidates() {}

    public static List<GeneratedSubject> in(SubjectLedger ledger) {
        List<GeneratedSubject> candidates = new ArrayList<>();
        for (Map.Entry<String, SubjectUsage> entry : ledger.subjects().entrySet()) {
            SubjectUsage usage = entry.getValue();
            boolean onlyAsSuperuser = usage.used().keySet().stream()
                    .allMatch(grant -> RbacKind.GROUP_SUBJECT.equals(
                                    grant.subject().kind())
                            && AuthorizedBy.MASTERS.equals(grant.subject().name()));
            boolean used = !usage.used().isEmpty() || !usage.outsideRbac().isEmpty();
            // RBAC allowed some of it through a binding the RBAC given lacks: the subject holds RBAC
            // elsewhere (a partial picture), so a "new" role could duplicate what it has.
            boolean rbacElsewhere = usage.outsideRbac().containsKey(AuthorizedBy.RBAC);
            if (used && onlyAsSuperuser && !rbacElsewhere && PlatformSubjects.rule(entry.getKey()) == null) {
                candidates.add(GeneratedSubject.ofUsername(entry.getKey()));
            }
        }
        return candidates;
    }
}
