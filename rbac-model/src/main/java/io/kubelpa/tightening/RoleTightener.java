package io.kubelpa.tightening;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.kubelpa.authz.RuleMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The rules a role needs: exactly the permissions its rules were exercised for, compacted, plus any
 * rule that must stay as it is (one the audit policy cannot observe). Every permission kept comes
 * from a rule that allowed it, so the result never grants more than the original.
 */
public final class RoleTightener {
    /** {@code expandReadVerbs}: where one of get/list/watch was used, keep the others the rule grants. */
    public record Options(boolean expandReadVerbs) {
        public static final Options EXACT = new Options(false);

        public static Options of(VerbExpansion expansion) {
            return new Options(expansion == VerbExpansion.READ);
        }
    }

    private RoleTightener() {}

    public static List<PolicyRule> tighten(
            List<PolicyRule> rules, RuleUsage usage, Set<Integer> keepAsIs, Options options) {
        List<PolicyRule> tightened = new ArrayList<>();
        SortedSet<Permission> needed = new TreeSet<>();
        for (int i = 0; i < rules.size(); i++) {
            if (keepAsIs.contains(i)) {
                tightened.add(rules.get(i));
                continue;
            }
            for (Permission permission : usage.firstMatched(i)) {
                needed.add(permission);
                if (options.expandReadVerbs() && Verbs.READ.contains(permission.verb())) {
                    for (String verb : Verbs.READ) {
                        if (RuleMatcher.verbMatches(rules.get(i), verb)) {
                            needed.add(permission.withVerb(verb));
                        }
                    }
                }
            }
        }
        // A request allowed by both a name-restricted and an open rule is in the ledger twice, once with its name.
        needed.removeIf(p -> !p.resourceName().isEmpty()
                && needed.contains(new Permission(p.apiGroup(), p.resource(), p.verb(), "", "")));
        tightened.addAll(RuleCompactor.compact(needed));
        return tightened;
    }
}
