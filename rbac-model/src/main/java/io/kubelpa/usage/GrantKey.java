package io.kubelpa.usage;

import io.kubelpa.authz.Grant;
import io.kubelpa.authz.SubjectRef;
import io.kubelpa.rbac.ObjectRef;
import java.util.Comparator;

/**
 * One grant as the ledger counts it: a binding, the role it references, a rule of that role, and the
 * binding subject through which the user matched (so a replay can authorize as that subject again,
 * and subjects of a binding that nobody used can be told apart). Use the RBAC given does not explain
 * is counted against a stand-in grant naming the authorizer instead ({@link #outsideRbac}), so it
 * travels and sums as any other; {@link SubjectUsage} keeps it apart from RBAC's grants.
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

    /** The kind of the stand-in object that names the authorizer of use outside the RBAC given. */
    static final String AUTHORIZER = "Authorizer";

    public static GrantKey outsideRbac(AuthorizedBy by) {
        ObjectRef authorizer = new ObjectRef(AUTHORIZER, by.label(), "");
        return new GrantKey(authorizer, authorizer, -1, new SubjectRef(AUTHORIZER, by.label(), ""));
    }

    /** The authorizer of a stand-in grant; null for a grant of the RBAC given. */
    public AuthorizedBy authorizedOutsideRbac() {
        return AUTHORIZER.equals(binding.kind()) ? AuthorizedBy.ofLabel(binding.name()) : null;
    }

    public static GrantKey of(Grant grant) {
        return new GrantKey(grant.binding(), grant.role(), grant.ruleIndex(), grant.subject());
    }

    @Override
    public int compareTo(GrantKey other) {
        return ORDER.compare(this, other);
    }
}
