package io.kubelpa.generate;

import io.kubelpa.rbac.RbacKind;
import io.kubelpa.usage.RequestShape;
import io.kubelpa.usage.SubjectLedger;
import io.kubelpa.usage.SubjectUsage;
import java.util.Set;
import java.util.TreeSet;

/** What the ledger says a subject to generate for did: the request shapes it was allowed and denied. */
public final class SubjectUse {
    private SubjectUse() {}

    /**
     * What the subject was allowed: a user's or service account's own use through RBAC and outside it;
     * a group's, the use of any member through a binding to it (use outside RBAC names no group).
     */
    public static Set<RequestShape> allowed(SubjectLedger ledger, GeneratedSubject subject) {
        Set<RequestShape> shapes = new TreeSet<>();
        if (subject.isGroup()) {
            for (SubjectUsage usage : ledger.subjects().values()) {
                usage.used().forEach((grant, used) -> {
                    if (RbacKind.GROUP_SUBJECT.equals(grant.subject().kind())
                            && grant.subject().name().equals(subject.name())) {
                        shapes.addAll(used.keySet());
                    }
                });
            }
            return shapes;
        }
        SubjectUsage usage = ledger.subjects().get(subject.username());
        if (usage != null) {
            usage.used().values().forEach(used -> shapes.addAll(used.keySet()));
            usage.outsideRbac().values().forEach(used -> shapes.addAll(used.keySet()));
        }
        return shapes;
    }

    /** What a user or service account was denied and never allowed ({@code allowed}); none for a group. */
    public static Set<RequestShape> deniedOnly(
            SubjectLedger ledger, GeneratedSubject subject, Set<RequestShape> allowed) {
        Set<RequestShape> denied = new TreeSet<>();
        SubjectUsage usage = subject.isGroup() ? null : ledger.subjects().get(subject.username());
        if (usage != null) {
            usage.denied().keySet().stream().filter(s -> !allowed.contains(s)).forEach(denied::add);
        }
        return denied;
    }
}
