package io.kubelpa.risk;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The patterns that need two rules of the same subject at cluster scope (steal pods, CSR approve,
 * CSR sign): a subject holding both halves, through any bindings, holds the pattern; an unbound
 * ClusterRole holding both is a potential one. Full wildcard rules are reported as RBAC-WILD-ALL
 * instead.
 */
final class PairedPatterns {
    private PairedPatterns() {}

    private record RuleAt(Holding holding, int ruleIndex) {}

    static List<RawHit> hits(List<Holding> holdings) {
        List<RawHit> hits = new ArrayList<>();
        paired(
                holdings,
                EscalationCatalog.STEAL_PODS,
                List.of(EscalationCatalog.STEAL_NODE_HALF),
                EscalationCatalog.STEAL_EVICT_HALF,
                hits);
        paired(
                holdings,
                EscalationCatalog.CSR_APPROVE,
                List.of(EscalationCatalog.CSR_APPROVAL_HALF),
                List.of(EscalationCatalog.CSR_APPROVE_SIGNER_HALF),
                hits);
        paired(
                holdings,
                EscalationCatalog.CSR_SIGN,
                List.of(EscalationCatalog.CSR_STATUS_HALF),
                List.of(EscalationCatalog.CSR_SIGN_SIGNER_HALF),
                hits);
        return hits;
    }

    private static void paired(
            List<Holding> holdings,
            EscalationPattern pattern,
            List<RuleTarget> first,
            List<RuleTarget> second,
            List<RawHit> out) {
        Map<HolderKey, List<RuleAt>> firstBySubject = new LinkedHashMap<>();
        Map<HolderKey, List<RuleAt>> secondBySubject = new HashMap<>();
        Map<HolderKey, Boolean> createsCsrs = new HashMap<>();
        for (Holding holding : holdings) {
            if (!holding.scope().isCluster()) {
                continue;
            }
            List<Integer> firstRules = matching(holding, first);
            List<Integer> secondRules = matching(holding, second);
            boolean csrCreate =
                    !matching(holding, List.of(EscalationCatalog.CSR_CREATE)).isEmpty();
            if (holding.potential() && !firstRules.isEmpty() && !secondRules.isEmpty()) {
                out.add(new RawHit(
                        pattern,
                        holding,
                        firstRules.get(0),
                        secondRules,
                        List.of(),
                        pairedSeverity(pattern, csrCreate),
                        List.of()));
            }
            for (Risk.Holder holder : holding.holders()) {
                HolderKey key = HolderKey.of(holder);
                firstRules.forEach(i -> firstBySubject
                        .computeIfAbsent(key, k -> new ArrayList<>())
                        .add(new RuleAt(holding, i)));
                secondRules.forEach(i -> secondBySubject
                        .computeIfAbsent(key, k -> new ArrayList<>())
                        .add(new RuleAt(holding, i)));
                createsCsrs.merge(key, csrCreate, Boolean::logicalOr);
            }
        }
        for (Map.Entry<HolderKey, List<RuleAt>> entry : firstBySubject.entrySet()) {
            List<RuleAt> seconds = secondBySubject.get(entry.getKey());
            if (seconds == null) {
                continue;
            }
            for (RuleAt at : entry.getValue()) {
                List<Integer> related = seconds.stream()
                        .filter(s -> s.holding().role().equals(at.holding().role()))
                        .map(RuleAt::ruleIndex)
                        .distinct()
                        .toList();
                List<Risk.Holder> holders = at.holding().holders().stream()
                        .filter(h -> HolderKey.of(h).equals(entry.getKey()))
                        .toList();
                out.add(new RawHit(
                        pattern,
                        at.holding(),
                        at.ruleIndex(),
                        related,
                        List.of(),
                        pairedSeverity(pattern, createsCsrs.getOrDefault(entry.getKey(), false)),
                        holders));
            }
        }
    }

    private static Severity pairedSeverity(EscalationPattern pattern, boolean createsCsrs) {
        if (pattern == EscalationCatalog.CSR_APPROVE) {
            return createsCsrs ? Severity.CRITICAL : Severity.HIGH;
        }
        return pattern.clusterSeverity();
    }

    private static List<Integer> matching(Holding holding, List<RuleTarget> targets) {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < holding.rules().size(); i++) {
            PolicyRule rule = holding.rules().get(i);
            if (!RiskScanner.isFullWildcard(rule) && targets.stream().anyMatch(t -> t.matches(rule, holding.scope()))) {
                indexes.add(i);
            }
        }
        return indexes;
    }
}
