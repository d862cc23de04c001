package io.kubelpa.risk;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.kubelpa.authz.RuleCoverage;
import io.kubelpa.rbac.BuiltinPolicy;
import io.kubelpa.rbac.ClusterRoleAggregator;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.RbacKind;
import io.kubelpa.rbac.RbacSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds every escalation-prone grant of the {@link EscalationCatalog} in a snapshot: for each role at
 * each scope it is bound at (an unbound ClusterRole as if bound cluster-wide, marked potential),
 * which patterns its rules match, and which subjects hold them through which bindings.
 */
public final class RiskScanner {

    /** Scanner settings: privileged namespaces (severity as cluster-wide) and whether to report built-in grants. */
    public record Options(Set<String> privilegedNamespaces, boolean includeBuiltin) {
        public static final Options DEFAULT = new Options(Set.of("kube-system"), false);

        public Options {
            privilegedNamespaces = Set.copyOf(privilegedNamespaces);
        }
    }

    /** Groups every user (or every workload) is in. */
    static final Set<String> ALL_IDENTITIES_GROUPS = Set.of("system:authenticated", "system:serviceaccounts");

    private static final Set<String> AGGREGATE_LABELS = Set.of(
            "rbac.authorization.k8s.io/aggregate-to-view",
            "rbac.authorization.k8s.io/aggregate-to-edit",
            "rbac.authorization.k8s.io/aggregate-to-admin");

    private final RbacSnapshot snapshot;
    private final Options options;

    public RiskScanner(RbacSnapshot snapshot, Options options) {
        this.snapshot = snapshot;
        this.options = options;
    }

    public List<Risk> scan() {
        List<Holding> holdings = Holdings.of(snapshot, options.includeBuiltin());
        List<RawHit> raw = new ArrayList<>();
        for (Holding holding : holdings) {
            raw.addAll(ruleHits(holding));
        }
        raw.addAll(PairedPatterns.hits(holdings));
        Map<Holding, Set<EscalationPattern>> patternsByHolding = new HashMap<>();
        Map<HolderKey, Set<ScopedPattern>> patternsBySubject = new HashMap<>();
        for (RawHit hit : raw) {
            patternsByHolding
                    .computeIfAbsent(hit.holding(), h -> new HashSet<>())
                    .add(hit.pattern());
            for (Risk.Holder holder : hit.holders()) {
                patternsBySubject
                        .computeIfAbsent(HolderKey.of(holder), k -> new HashSet<>())
                        .add(new ScopedPattern(hit.pattern(), hit.holding().scope()));
            }
        }
        RiskAccumulator.Accumulator acc = new RiskAccumulator.Accumulator();
        for (RawHit hit : raw) {
            acc.add(hit, adjust(hit, patternsBySubject));
        }
        BindingPatterns.add(holdings, patternsByHolding, acc);
        aggregateToBuiltinRisks(acc);
        return acc.risks();
    }

    // ---- rule-level patterns

    private List<RawHit> ruleHits(Holding holding) {
        List<RawHit> hits = new ArrayList<>();
        boolean privileged = isPrivileged(holding.scope());
        for (int i = 0; i < holding.rules().size(); i++) {
            PolicyRule rule = holding.rules().get(i);
            List<RawHit> ruleHits = new ArrayList<>();
            for (Map.Entry<EscalationPattern, List<RuleTarget>> entry : EscalationCatalog.RULE_TARGETS.entrySet()) {
                EscalationPattern pattern = entry.getKey();
                if (entry.getValue().stream().anyMatch(t -> t.matches(rule, holding.scope()))) {
                    Severity severity = ruleSeverity(pattern, rule, holding.scope(), privileged);
                    ruleHits.add(new RawHit(pattern, holding, i, List.of(), List.of(), severity, holding.holders()));
                }
            }
            if (!hasHit(ruleHits, EscalationCatalog.IMPERSONATE, i)
                    && impersonatesExtrasOrConstrained(rule, holding.scope())) {
                ruleHits.add(hit(EscalationCatalog.IMPERSONATE, holding, i, privileged));
            }
            if (bindVerbRisky(rule, holding.scope())) {
                Severity severity = roleAlsoWritesBindings(holding) ? Severity.CRITICAL : Severity.HIGH;
                ruleHits.add(new RawHit(
                        EscalationCatalog.BIND_VERB, holding, i, List.of(), List.of(), severity, holding.holders()));
            }
            wildcardHits(holding, i, rule, privileged, ruleHits);
            hits.addAll(foldIntoFullWildcard(ruleHits));
        }
        return hits;
    }

    /**
     * A full wildcard rule is reported once, as RBAC-WILD-ALL listing the ids it includes, rather than
     * as every pattern it subsumes (catalog, section 5.3). WILD-NONRESOURCE is not subsumed.
     */
    private static List<RawHit> foldIntoFullWildcard(List<RawHit> ruleHits) {
        RawHit wildAll = ruleHits.stream()
                .filter(h -> h.pattern() == EscalationCatalog.WILD_ALL)
                .findFirst()
                .orElse(null);
        if (wildAll == null) {
            return ruleHits;
        }
        List<String> includes = ruleHits.stream()
                .map(h -> h.pattern())
                .filter(p -> p != EscalationCatalog.WILD_ALL && p != EscalationCatalog.WILD_NONRESOURCE)
                .map(EscalationPattern::id)
                .distinct()
                .sorted()
                .toList();
        List<RawHit> folded = new ArrayList<>();
        folded.add(new RawHit(
                wildAll.pattern(),
                wildAll.holding(),
                wildAll.ruleIndex(),
                List.of(),
                includes,
                wildAll.severity(),
                wildAll.holders()));
        ruleHits.stream()
                .filter(h -> h.pattern() == EscalationCatalog.WILD_NONRESOURCE)
                .forEach(folded::add);
        return folded;
    }

    private static boolean hasHit(List<RawHit> hits, EscalationPattern pattern, int ruleIndex) {
        return hits.stream().anyMatch(h -> h.pattern() == pattern && h.ruleIndex() == ruleIndex);
    }

    private Severity ruleSeverity(EscalationPattern pattern, PolicyRule rule, Scope scope, boolean privileged) {
        Severity base = pattern.severityAt(scope, privileged);
        if (pattern == EscalationCatalog.WORKLOAD_MODIFY && !modifiesControllers(rule, scope)) {
            return base.lower();
        }
        if (pattern == EscalationCatalog.ADMISSION_WEBHOOK && reachesMutating(rule)) {
            return Severity.CRITICAL;
        }
        return base;
    }

    private static boolean modifiesControllers(PolicyRule rule, Scope scope) {
        Set<String> verbs = Set.of("update", "patch");
        return RuleTarget.of(
                                verbs,
                                "",
                                List.of("replicationcontrollers"),
                                RuleTarget.ScopeNeed.ANY,
                                RuleTarget.NamePolicy.EXEMPT)
                        .matches(rule, scope)
                || RuleTarget.of(
                                verbs,
                                "apps",
                                List.of("deployments", "replicasets", "statefulsets", "daemonsets"),
                                RuleTarget.ScopeNeed.ANY,
                                RuleTarget.NamePolicy.EXEMPT)
                        .matches(rule, scope)
                || RuleTarget.of(
                                verbs,
                                "batch",
                                List.of("jobs", "cronjobs"),
                                RuleTarget.ScopeNeed.ANY,
                                RuleTarget.NamePolicy.EXEMPT)
                        .matches(rule, scope);
    }

    private static boolean reachesMutating(PolicyRule rule) {
        return RuleTarget.resourceMatches(rule.getResources(), "mutatingwebhookconfigurations")
                || RuleTarget.resourceMatches(rule.getResources(), "mutatingadmissionpolicies")
                || RuleTarget.resourceMatches(rule.getResources(), "mutatingadmissionpolicybindings");
    }

    /** impersonate on authentication.k8s.io userextras/<key> (cluster only), or a constrained-impersonation verb. */
    private static boolean impersonatesExtrasOrConstrained(PolicyRule rule, Scope scope) {
        List<String> verbs = rule.getVerbs() == null ? List.of() : rule.getVerbs();
        if (verbs.stream().anyMatch(EscalationCatalog.CONSTRAINED_IMPERSONATION_VERBS::contains)) {
            return rule.getResources() != null && !rule.getResources().isEmpty();
        }
        if (!scope.isCluster()
                || !RuleTarget.contains(verbs, "impersonate")
                || !RuleTarget.contains(rule.getApiGroups(), "authentication.k8s.io")
                || rule.getResources() == null) {
            return false;
        }
        return rule.getResources().stream().anyMatch(r -> "*".equals(r) || r.startsWith("userextras/"));
    }

    private boolean bindVerbRisky(PolicyRule rule, Scope scope) {
        if (!RuleTarget.contains(rule.getVerbs(), "bind")
                || !RuleTarget.contains(rule.getApiGroups(), RbacKind.GROUP)) {
            return false;
        }
        boolean roles = RuleTarget.resourceMatches(rule.getResources(), "roles");
        boolean clusterRoles = RuleTarget.resourceMatches(rule.getResources(), "clusterroles");
        if (!roles && !clusterRoles) {
            return false;
        }
        List<String> names = rule.getResourceNames() == null ? List.of() : rule.getResourceNames();
        if (names.isEmpty()) {
            return true;
        }
        for (String name : names) {
            if (!isNonEscalatingRole(name, scope, roles, clusterRoles)) {
                return true;
            }
        }
        return false;
    }

    /** Built-in view, or a role of the input (every role the name can refer to here) matching no RBAC-ESC pattern. */
    private boolean isNonEscalatingRole(String name, Scope scope, boolean roles, boolean clusterRoles) {
        List<List<PolicyRule>> candidates = new ArrayList<>();
        // Built-in view leaves out Secrets and every other escalating read by design.
        boolean builtinView = "view".equals(name)
                && snapshot.clusterRole(name)
                        .map(r -> snapshot.isBuiltin(ObjectRef.clusterRole(name)))
                        .orElse(true);
        if (clusterRoles && !builtinView) {
            ClusterRole role = snapshot.clusterRole(name).orElse(null);
            if (role == null) {
                return false;
            }
            candidates.add(Holdings.rulesOf(role.getRules()));
        }
        if (roles) {
            if (scope.isCluster()) {
                return false;
            }
            Role role = snapshot.role(scope.namespace(), name).orElse(null);
            if (role == null) {
                return false;
            }
            candidates.add(Holdings.rulesOf(role.getRules()));
        }
        for (List<PolicyRule> rules : candidates) {
            for (PolicyRule rule : rules) {
                for (Map.Entry<EscalationPattern, List<RuleTarget>> entry : EscalationCatalog.RULE_TARGETS.entrySet()) {
                    if (entry.getKey().isEscalation()
                            && entry.getValue().stream().anyMatch(t -> t.matches(rule, scope))) {
                        return false;
                    }
                }
                if (RuleTarget.contains(rule.getVerbs(), "bind")
                        || RuleTarget.contains(rule.getVerbs(), "escalate")
                        || RuleTarget.contains(rule.getVerbs(), "impersonate")) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean roleAlsoWritesBindings(Holding holding) {
        List<RuleTarget> targets = EscalationCatalog.RULE_TARGETS.get(EscalationCatalog.BINDING_WRITE);
        return holding.rules().stream().anyMatch(r -> targets.stream().anyMatch(t -> t.matches(r, holding.scope())));
    }

    private void wildcardHits(Holding holding, int index, PolicyRule rule, boolean privileged, List<RawHit> hits) {
        List<String> verbs = rulesList(rule.getVerbs());
        List<String> groups = rulesList(rule.getApiGroups());
        List<String> resources = rulesList(rule.getResources());
        List<String> urls = rulesList(rule.getNonResourceURLs());
        if (verbs.contains("*") && groups.contains("*") && resources.contains("*")) {
            hits.add(hit(EscalationCatalog.WILD_ALL, holding, index, privileged));
        } else if (verbs.contains("*")
                || groups.contains("*")
                || resources.stream().anyMatch(r -> "*".equals(r) || r.startsWith("*/"))) {
            hits.add(hit(EscalationCatalog.WILD_PARTIAL, holding, index, privileged));
        }
        if (holding.scope().isCluster() && (urls.contains("*") || urls.contains("/*"))) {
            hits.add(hit(EscalationCatalog.WILD_NONRESOURCE, holding, index, privileged));
        }
        if (resources.contains("*")
                && !groups.isEmpty()
                && (RuleTarget.contains(verbs, "delete") || RuleTarget.contains(verbs, "deletecollection"))) {
            hits.add(hit(EscalationCatalog.DELETE_BROAD, holding, index, privileged));
        }
    }

    private static RawHit hit(EscalationPattern pattern, Holding holding, int index, boolean privileged) {
        return new RawHit(
                pattern,
                holding,
                index,
                List.of(),
                List.of(),
                pattern.severityAt(holding.scope(), privileged),
                holding.holders());
    }

    static List<String> rulesList(List<String> values) {
        return values == null ? List.of() : values;
    }

    // ---- severity modifiers that depend on what else the holders have

    private record ScopedPattern(EscalationPattern pattern, Scope scope) {}

    private Severity adjust(RawHit hit, Map<HolderKey, Set<ScopedPattern>> patternsBySubject) {
        Severity severity = hit.severity();
        EscalationPattern pattern = hit.pattern();
        Scope scope = hit.holding().scope();
        if ((pattern == EscalationCatalog.SECRETS_WRITE || pattern == EscalationCatalog.TOKEN_REQUEST)
                && !scope.isCluster()
                && !isPrivileged(scope)
                && serviceAccountOfNamespaceEscalates(scope.namespace(), patternsBySubject)) {
            severity = severity.max(Severity.HIGH);
        }
        if (pattern == EscalationCatalog.BIND_VERB) {
            for (Risk.Holder holder : hit.holders()) {
                Set<ScopedPattern> held = patternsBySubject.getOrDefault(HolderKey.of(holder), Set.of());
                if (held.stream()
                        .anyMatch(p -> p.pattern == EscalationCatalog.BINDING_WRITE
                                && (p.scope.isCluster() || p.scope.equals(scope)))) {
                    severity = Severity.CRITICAL;
                }
            }
        }
        if (escalates(pattern) && hit.holders().stream().anyMatch(RiskScanner::isEveryone)) {
            severity = Severity.CRITICAL;
        }
        return severity;
    }

    private static boolean serviceAccountOfNamespaceEscalates(
            String namespace, Map<HolderKey, Set<ScopedPattern>> patternsBySubject) {
        for (Map.Entry<HolderKey, Set<ScopedPattern>> entry : patternsBySubject.entrySet()) {
            HolderKey key = entry.getKey();
            if (RbacKind.SERVICE_ACCOUNT.equals(key.kind())
                    && namespace.equals(key.namespace())
                    && entry.getValue().stream()
                            .anyMatch(p -> escalates(p.pattern)
                                    && (p.scope.isCluster()
                                            || p.scope.namespace().equals(namespace)))) {
                return true;
            }
        }
        return false;
    }

    static boolean isFullWildcard(PolicyRule rule) {
        return rulesList(rule.getVerbs()).contains("*")
                && rulesList(rule.getApiGroups()).contains("*")
                && rulesList(rule.getResources()).contains("*");
    }

    /** RBAC-ESC patterns, and the full wildcard that includes them all. */
    static boolean escalates(EscalationPattern pattern) {
        return pattern.isEscalation() || pattern == EscalationCatalog.WILD_ALL;
    }

    private static boolean isEveryone(Risk.Holder holder) {
        return (RbacKind.GROUP_SUBJECT.equals(holder.kind())
                        && (ALL_IDENTITIES_GROUPS.contains(holder.name())
                                || "system:unauthenticated".equals(holder.name())))
                || (RbacKind.USER.equals(holder.kind()) && "system:anonymous".equals(holder.name()));
    }

    private boolean isPrivileged(Scope scope) {
        return !scope.isCluster() && options.privilegedNamespaces().contains(scope.namespace());
    }

    // ---- ClusterRoles that feed built-in aggregated roles

    private static final class BuiltinEdit {
        static final List<PolicyRule> RULES = load();

        private static List<PolicyRule> load() {
            Map<String, ClusterRole> roles = new LinkedHashMap<>();
            BuiltinPolicy.objects()
                    .clusterRoles()
                    .forEach(r -> roles.put(r.getMetadata().getName(), r));
            return Holdings.rulesOf(
                    ClusterRoleAggregator.aggregate(roles).get("edit").getRules());
        }
    }

    private void aggregateToBuiltinRisks(RiskAccumulator.Accumulator acc) {
        for (ClusterRole role : snapshot.clusterRoles()) {
            ObjectRef ref = ObjectRef.clusterRole(role.getMetadata().getName());
            Map<String, String> labels = role.getMetadata().getLabels() == null
                    ? Map.of()
                    : role.getMetadata().getLabels();
            Set<String> feeds = new TreeSet<>();
            AGGREGATE_LABELS.stream().filter(l -> "true".equals(labels.get(l))).forEach(feeds::add);
            if (feeds.isEmpty() || (snapshot.isBuiltin(ref) && !options.includeBuiltin())) {
                continue;
            }
            boolean view = feeds.contains("rbac.authorization.k8s.io/aggregate-to-view");
            List<PolicyRule> rules = Holdings.rulesOf(role.getRules());
            for (int i = 0; i < rules.size(); i++) {
                PolicyRule rule = rules.get(i);
                boolean escalating = EscalationCatalog.RULE_TARGETS.entrySet().stream()
                                .anyMatch(e -> e.getKey().isEscalation()
                                        && e.getValue().stream().anyMatch(t -> t.matches(rule, Scope.CLUSTER)))
                        || bindVerbRisky(rule, Scope.CLUSTER);
                if (!escalating) {
                    continue;
                }
                if (view) {
                    acc.addRoleLevel(EscalationCatalog.AGGREGATE_TO_BUILTIN, ref, i, Severity.HIGH);
                } else if (!RuleCoverage.covers(BuiltinEdit.RULES, List.of(rule))) {
                    acc.addRoleLevel(EscalationCatalog.AGGREGATE_TO_BUILTIN, ref, i, Severity.MEDIUM);
                }
            }
        }
    }
}
