package io.kubelpa.tightening;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.kubelpa.authz.RuleMatcher;
import io.kubelpa.authz.UserInfo;
import io.kubelpa.usage.RequestShape;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * How the rules of a role, as they are now, were exercised by the request shapes that went through
 * its bindings. Shapes are matched again rather than trusting the ledger's rule indexes, which refer
 * to whichever version of the role was in force at the time. A shape no current rule allows is
 * kept aside: the role no longer grants it.
 */
public final class RuleUsage {
    private static final UserInfo ANYONE = new UserInfo("kube-lpa:rule-usage", List.of());

    private final List<SortedSet<Permission>> matched = new ArrayList<>();
    private final List<SortedSet<Permission>> firstMatched = new ArrayList<>();
    private final SortedSet<RequestShape> unmatched = new TreeSet<>();

    private RuleUsage(int rules) {
        for (int i = 0; i < rules; i++) {
            matched.add(new TreeSet<>());
            firstMatched.add(new TreeSet<>());
        }
    }

    public static RuleUsage of(List<PolicyRule> rules, Collection<RequestShape> shapes) {
        RuleUsage usage = new RuleUsage(rules.size());
        for (RequestShape shape : shapes) {
            Permission permission = Permission.of(shape);
            boolean first = true;
            for (int i = 0; i < rules.size(); i++) {
                if (RuleMatcher.allows(rules.get(i), permission.asRequest(ANYONE, shape.namespace()))) {
                    usage.matched.get(i).add(permission);
                    if (first) {
                        usage.firstMatched.get(i).add(permission);
                        first = false;
                    }
                }
            }
            if (first) {
                usage.unmatched.add(shape);
            }
        }
        return usage;
    }

    /** Every permission rule {@code index} allowed. */
    public SortedSet<Permission> matched(int index) {
        return matched.get(index);
    }

    /** The permissions for which rule {@code index} is the first allowing rule: the ones a tightened role keeps in it. */
    public SortedSet<Permission> firstMatched(int index) {
        return firstMatched.get(index);
    }

    public boolean used(int index) {
        return !matched.get(index).isEmpty();
    }

    public SortedSet<RequestShape> unmatched() {
        return unmatched;
    }
}
