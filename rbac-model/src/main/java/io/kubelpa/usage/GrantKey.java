package io.kubelpa.usage;

import io.kubelpa.authz.Grant;
import io.kubelpa.authz.SubjectRef;
import io.kubelpa.rbac.ObjectRef;
import java.util.Comparator;

/**
 * One grant as the ledger counts it: a binding, the role it references, a rule of that role, and the
 * binding subject through which the user matched (so a replay can authorize as that subject again,
 * and subjects of a binding that nobody used can be told apart).
 */
public record GrantKey(ObjectRef binding, ObjectRef role, int ruleIndex, SubjectRef subject)
        implements Comparable<GrantKey> {
    private static final Comparator<SubjectRef> SUBJECT_ORDER = Comparator.comparing(SubjectRef::kind)
            .thenComparing(SubjectRef::namespace)
            .thenComparing(SubjectRef::name);
    private static final Comparator<GrantKey> ORDER = Comparator.comparing(GrantKey::binding)
            .thenComparing(GrantKey::role)
            .thenComparingInt(GrantKey::ruleIndex)
            .thenComparing(GrantKey::subject, SUBJECT_ORDER);

    public static GrantKey of(Grant grant) {
        return new GrantKey(grant.binding(), grant.role(), grant.ruleIndex(), grant.subject());
    }

    @Override
    public int compareTo(GrantKey other) {
        return ORDER.compare(this, other);
    }
}
