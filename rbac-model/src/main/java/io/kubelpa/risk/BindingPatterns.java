package io.kubelpa.risk;

import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.RbacKind;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The patterns of a binding rather than a rule: bindings to cluster-admin, bindings for
 * unauthenticated callers, and escalating roles bound to every identity.
 */
final class BindingPatterns {
    private BindingPatterns() {}

    static void add(
            List<Holding> holdings,
            Map<Holding, Set<EscalationPattern>> patternsByHolding,
            RiskAccumulator.Accumulator acc) {
        for (Holding holding : holdings) {
            if (holding.potential()) {
                continue;
            }
            boolean clusterBinding = holding.scope().isCluster();
            Set<EscalationPattern> patterns = patternsByHolding.getOrDefault(holding, Set.of());
            boolean escalates = patterns.stream().anyMatch(RiskScanner::escalates);
            if (holding.role().equals(ObjectRef.clusterRole("cluster-admin"))) {
                List<Risk.Holder> holders = holding.holders().stream()
                        .filter(h -> !(RbacKind.GROUP_SUBJECT.equals(h.kind()) && "system:masters".equals(h.name())))
                        .toList();
                if (!holders.isEmpty()) {
                    acc.addBinding(
                            EscalationCatalog.BINDING_CLUSTER_ADMIN,
                            holding,
                            holders,
                            clusterBinding ? Severity.CRITICAL : Severity.HIGH);
                }
            }
            List<Risk.Holder> anonymous = holding.holders().stream()
                    .filter(h -> (RbacKind.USER.equals(h.kind()) && "system:anonymous".equals(h.name()))
                            || (RbacKind.GROUP_SUBJECT.equals(h.kind()) && "system:unauthenticated".equals(h.name())))
                    .toList();
            if (!anonymous.isEmpty() && !holding.role().equals(ObjectRef.clusterRole("system:public-info-viewer"))) {
                acc.addBinding(
                        EscalationCatalog.BINDING_ANONYMOUS,
                        holding,
                        anonymous,
                        escalates ? Severity.CRITICAL : Severity.HIGH);
            }
            List<Risk.Holder> everyone = holding.holders().stream()
                    .filter(h -> RbacKind.GROUP_SUBJECT.equals(h.kind())
                            && RiskScanner.ALL_IDENTITIES_GROUPS.contains(h.name()))
                    .toList();
            if (!everyone.isEmpty() && escalates) {
                acc.addBinding(
                        EscalationCatalog.BINDING_ALL_AUTHENTICATED,
                        holding,
                        everyone,
                        clusterBinding ? Severity.CRITICAL : Severity.HIGH);
            }
        }
    }
}
