package io.kubelpa.risk;

import io.kubelpa.rbac.ObjectRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Groups hits into risks, one per pattern, role, rule (or binding): highest severity, all scopes and holders. */
final class RiskAccumulator {
    private RiskAccumulator() {}

    private record RiskKey(String id, ObjectRef role, Integer ruleIndex, ObjectRef binding) {}

    private static final class Entry {
        EscalationPattern pattern;
        Severity severity = Severity.LOW;
        final Set<Scope> scopes = new TreeSet<>();
        final Set<Integer> related = new TreeSet<>();
        final Set<String> includes = new TreeSet<>();
        final Set<Risk.Holder> holders = new LinkedHashSet<>();
        boolean potential = true;
    }

    static final class Accumulator {
        private final Map<RiskKey, Entry> entries = new LinkedHashMap<>();

        void add(RawHit hit, Severity severity) {
            Entry entry =
                    entry(new RiskKey(hit.pattern().id(), hit.holding().role(), hit.ruleIndex(), null), hit.pattern());
            entry.severity = entry.severity.max(severity);
            entry.scopes.add(hit.holding().scope());
            entry.related.addAll(hit.related());
            entry.includes.addAll(hit.includes());
            entry.holders.addAll(hit.holders());
            entry.potential &= hit.holding().potential();
        }

        void addBinding(EscalationPattern pattern, Holding holding, List<Risk.Holder> holders, Severity severity) {
            Entry entry = entry(new RiskKey(pattern.id(), holding.role(), null, holding.binding()), pattern);
            entry.severity = entry.severity.max(severity);
            entry.scopes.add(holding.scope());
            entry.holders.addAll(holders);
            entry.potential = false;
        }

        void addRoleLevel(EscalationPattern pattern, ObjectRef role, int ruleIndex, Severity severity) {
            Entry entry = entry(new RiskKey(pattern.id(), role, ruleIndex, null), pattern);
            entry.severity = entry.severity.max(severity);
            entry.scopes.add(Scope.CLUSTER);
            entry.potential = false;
        }

        private Entry entry(RiskKey key, EscalationPattern pattern) {
            Entry entry = entries.computeIfAbsent(key, k -> new Entry());
            entry.pattern = pattern;
            return entry;
        }

        List<Risk> risks() {
            List<Risk> risks = new ArrayList<>();
            entries.forEach((key, e) -> risks.add(new Risk(
                    e.pattern,
                    e.severity,
                    key.role,
                    key.ruleIndex,
                    List.copyOf(e.related),
                    List.copyOf(e.includes),
                    key.binding,
                    List.copyOf(e.scopes),
                    e.potential,
                    List.copyOf(e.holders))));
            risks.sort(Comparator.comparing(Risk::severity)
                    .reversed()
                    .thenComparing(Risk::id)
                    .thenComparing(Risk::role)
                    .thenComparing(r -> r.ruleIndex() == null ? -1 : r.ruleIndex())
                    .thenComparing(r -> r.binding() == null ? "" : r.binding().toString()));
            return risks;
        }
    }
}
