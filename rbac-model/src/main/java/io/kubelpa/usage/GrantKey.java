package io.kubelpa.usage;

import io.kubelpa.authz.Grant;
import io.kubelpa.rbac.ObjectRef;
import java.util.Comparator;

/** One grant as the ledger counts it: a binding, the role it references, and a rule of that role. */
public record GrantKey(ObjectRef binding, ObjectRef role, int ruleIndex) implements Comparable<GrantKey> {
    private static final Comparator<GrantKey> ORDER = Comparator.comparing(GrantKey::binding)
            .thenComparing(GrantKey::role).thenComparingInt(GrantKey::ruleIndex);

    public static GrantKey of(Grant grant) {
        return new GrantKey(grant.binding(), grant.role(), grant.ruleIndex());
    }

    @Override
    public int compareTo(GrantKey other) {
        return ORDER.compare(this, other);
    }
}
