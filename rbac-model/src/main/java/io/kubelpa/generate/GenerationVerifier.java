package io.kubelpa.generate;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.kubelpa.authz.RbacAuthorizer;
import io.kubelpa.authz.RuleCoverage;
import io.kubelpa.authz.UserInfo;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.PolicyRuleSpec;
import io.kubelpa.rbac.RbacKind;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.rbac.SnapshotAssembler;
import io.kubelpa.risk.RiskScanner;
import io.kubelpa.tightening.Permission;
import io.kubelpa.tightening.RuleCompactor;
import io.kubelpa.usage.RequestShape;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Proves generated RBAC mechanically. Replay: every request shape the subject was allowed, authorized
 * against the generated objects alone, must be allowed. Against today's RBAC, when there is one: what
 * the generated roles give that today's do not (a widening), and what today's give that they drop,
 * per namespace used and cluster-wide, as the subject's name and the groups it implies see them.
 */
public final class GenerationVerifier {
    private static final int MAX_LISTED = 20;

    private GenerationVerifier() {}

    /** The proof for one subject; {@code today} null when there is no RBAC to compare with. */
    public static GenerationCheck verify(
            GeneratedRbac generated, Collection<RequestShape> shapes, RbacAuthorizer today) {
        RbacObjects.Builder objects = new RbacObjects.Builder();
        generated.objects().forEach(objects::add);
        RbacAuthorizer alone = new RbacAuthorizer(SnapshotAssembler.assemble(objects.build(), BuiltinMode.NONE));
        UserInfo user = generated.subject().asUser();
        List<String> denied = new ArrayList<>();
        long deniedCount = 0;
        for (RequestShape shape : shapes) {
            if (!alone.authorize(Permission.of(shape).asRequest(user, shape.namespace()))
                    .allowed()) {
                deniedCount++;
                if (denied.size() < MAX_LISTED) {
                    denied.add(describe(shape));
                }
            }
        }
        List<String> widening = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        if (today != null) {
            Set<String> scopes = new TreeSet<>(generated.granted().keySet());
            scopes.add("");
            List<PolicyRule> clusterWide = rules(generated, "");
            for (String scope : scopes) {
                List<PolicyRule> mine = new ArrayList<>(clusterWide);
                if (!scope.isEmpty()) {
                    mine.addAll(rules(generated, scope));
                }
                List<RbacAuthorizer.HeldRule> held = today.rulesFor(user, scope);
                List<PolicyRule> theirs =
                        held.stream().map(RbacAuthorizer.HeldRule::rule).toList();
                // Dropped: the subject's own grants of this scope; a binding to everyone (system:authenticated)
                // is not the subject's to lose, and a namespace's share of cluster-wide grants is listed once.
                List<PolicyRule> own = held.stream()
                        .filter(h -> !RbacKind.GROUP_SUBJECT.equals(
                                        h.grant().subject().kind())
                                || !UserInfo.isDefaultGroup(h.grant().subject().name()))
                        .filter(h -> scope.isEmpty() || h.grant().binding().namespaced())
                        .map(RbacAuthorizer.HeldRule::rule)
                        .toList();
                String where = scope.isEmpty() ? "cluster-wide" : "in " + scope;
                RuleCoverage.uncovered(theirs, mine).forEach(r -> widening.add(PolicyRuleSpec.format(r) + " " + where));
                RuleCoverage.uncovered(mine, own).forEach(r -> dropped.add(PolicyRuleSpec.format(r) + " " + where));
            }
        }
        return new GenerationCheck(
                generated.subject(),
                shapes.size(),
                deniedCount,
                denied,
                today != null,
                widening.stream().distinct().toList(),
                dropped.stream().distinct().toList());
    }

    /**
     * The escalation-prone rules among generated objects, as "ID on Kind/name rule N" (the escalation
     * catalog's ids, evaluated where each role is bound).
     */
    public static List<String> escalations(GeneratedRbac generated) {
        RbacObjects.Builder objects = new RbacObjects.Builder();
        generated.objects().forEach(objects::add);
        return new RiskScanner(
                        SnapshotAssembler.assemble(objects.build(), BuiltinMode.NONE),
                        new RiskScanner.Options(RiskScanner.Options.DEFAULT.privilegedNamespaces(), true))
                .scan().stream()
                        .map(risk -> risk.id() + " on " + risk.role()
                                + (risk.ruleIndex() == null ? "" : " rule " + risk.ruleIndex()))
                        .distinct()
                        .toList();
    }

    private static List<PolicyRule> rules(GeneratedRbac generated, String scope) {
        return generated.granted().containsKey(scope)
                ? RuleCompactor.compact(generated.granted().get(scope))
                : List.of();
    }

    private static String describe(RequestShape shape) {
        return shape.isNonResource()
                ? shape.verb() + " " + shape.nonResourceURL()
                : shape.verb() + " " + (shape.apiGroup().isEmpty() ? "" : shape.apiGroup() + "/") + shape.resource()
                        + (shape.subresource().isEmpty() ? "" : "/" + shape.subresource())
                        + (shape.resourceName().isEmpty() ? "" : " " + shape.resourceName())
                        + (shape.namespace().isEmpty() ? " (cluster)" : " in " + shape.namespace());
    }

    /**
     * The proof for one subject: how many of its request shapes the generated RBAC denies (must be
     * none), and, against today's RBAC when {@code compared}, what it adds and what it drops.
     */
    public record GenerationCheck(
            GeneratedSubject subject,
            int shapes,
            long deniedCount,
            List<String> denied,
            boolean compared,
            List<String> widening,
            List<String> dropped) {
        public boolean replayPassed() {
            return deniedCount == 0;
        }
    }
}
