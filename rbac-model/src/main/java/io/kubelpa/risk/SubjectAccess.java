package io.kubelpa.risk;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.kubelpa.authz.RbacAuthorizer;
import io.kubelpa.authz.RbacAuthorizer.HeldRule;
import io.kubelpa.authz.RuleCoverage;
import io.kubelpa.authz.SubjectRef;
import io.kubelpa.authz.UserInfo;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.RbacKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one subject can do under one RBAC: its rules per scope ("" for cluster-wide bindings, else
 * the namespace of its RoleBindings), each with the binding it comes through and the escalation
 * catalog ids it carries there. A user or service account holds, besides its own bindings, those of
 * the groups its name implies ({@code system:authenticated}, {@code system:serviceaccounts...}); a
 * group holds only the bindings that name it.
 */
public record SubjectAccess(SortedMap<String, List<Row>> byScope) {

    /** One rule held, the grant it comes through, and the catalog ids it matches at that scope. */
    public record Row(HeldRule held, SortedSet<String> risks) {}

    /**
     * {@code groupName}: when not null, only bindings that name this group count (the subject is the
     * group itself, not one of its members).
     */
    public static SubjectAccess of(RbacAuthorizer authorizer, UserInfo user, String groupName) {
        Map<RiskKey, SortedSet<String>> risks = risksByGrant(authorizer);
        SortedMap<String, List<Row>> byScope = new TreeMap<>();
        authorizer.heldByScope(user).forEach((scope, held) -> {
            List<Row> rows = new ArrayList<>();
            for (HeldRule rule : held) {
                SubjectRef subject = rule.grant().subject();
                if (groupName != null
                        && !(RbacKind.GROUP_SUBJECT.equals(subject.kind())
                                && subject.name().equals(groupName))) {
                    continue;
                }
                SortedSet<String> ids = new TreeSet<>();
                ids.addAll(risks.getOrDefault(
                        new RiskKey(
                                rule.grant().binding(),
                                rule.grant().role(),
                                rule.grant().ruleIndex()),
                        NONE));
                ids.addAll(risks.getOrDefault(
                        new RiskKey(rule.grant().binding(), rule.grant().role(), -1), NONE));
                rows.add(new Row(rule, ids));
            }
            if (!rows.isEmpty()) {
                byScope.put(scope, List.copyOf(rows));
            }
        });
        return new SubjectAccess(byScope);
    }

    public List<PolicyRule> rules(String scope) {
        return byScope.getOrDefault(scope, List.of()).stream()
                .map(row -> row.held().rule())
                .toList();
    }

    /**
     * What {@code after} changes for the subject, per scope: the rules it no longer holds and those it
     * gains, each as uncovered rule breakdowns (a rule split into others is neither).
     */
    public static SortedMap<String, Change> compare(SubjectAccess before, SubjectAccess after) {
        SortedSet<String> scopes = new TreeSet<>(before.byScope().keySet());
        scopes.addAll(after.byScope().keySet());
        SortedMap<String, Change> changes = new TreeMap<>();
        for (String scope : scopes) {
            List<PolicyRule> was = before.rules(scope);
            List<PolicyRule> now = after.rules(scope);
            if (!scope.isEmpty()) {
                // A namespace also holds what cluster-wide bindings give there.
                was = concat(was, before.rules(""));
                now = concat(now, after.rules(""));
            }
            Change change = new Change(RuleCoverage.uncovered(now, was), RuleCoverage.uncovered(was, now));
            if (!change.removed().isEmpty() || !change.added().isEmpty()) {
                changes.put(scope, change);
            }
        }
        return changes;
    }

    /** Rules a subject loses and gains in one scope. */
    public record Change(List<PolicyRule> removed, List<PolicyRule> added) {}

    private static List<PolicyRule> concat(List<PolicyRule> a, List<PolicyRule> b) {
        List<PolicyRule> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static final SortedSet<String> NONE = new TreeSet<>();

    private record RiskKey(ObjectRef binding, ObjectRef role, int ruleIndex) {}

    private static Map<RiskKey, SortedSet<String>> risksByGrant(RbacAuthorizer authorizer) {
        Map<RiskKey, SortedSet<String>> byGrant = new HashMap<>();
        List<Risk> risks = new RiskScanner(
                        authorizer.snapshot(),
                        new RiskScanner.Options(RiskScanner.Options.DEFAULT.privilegedNamespaces(), true))
                .scan();
        for (Risk risk : risks) {
            for (Risk.Holder holder : risk.subjects()) {
                int rule = risk.ruleIndex() == null ? -1 : risk.ruleIndex();
                byGrant.computeIfAbsent(new RiskKey(holder.via(), risk.role(), rule), k -> new TreeSet<>())
                        .add(risk.id());
            }
        }
        return byGrant;
    }
}
