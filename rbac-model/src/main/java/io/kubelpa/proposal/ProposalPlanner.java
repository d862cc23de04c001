package io.kubelpa.proposal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.kubelpa.authz.RuleCoverage;
import io.kubelpa.findings.FindingContext;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.PolicyRuleSpec;
import io.kubelpa.rbac.RbacKind;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.tightening.BindingUsage;
import io.kubelpa.tightening.BoundRole;
import io.kubelpa.tightening.RoleTightener;
import io.kubelpa.tightening.RuleUsage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Plans the changes that bring the RBAC down to what was used: roles tightened in place, dedicated
 * roles for roles kube-lpa does not edit, ClusterRoleBindings narrowed to the namespaces they were
 * used in, and unused bindings deleted. Every permission a proposal keeps was exercised (or cannot
 * be observed) and comes from the rule that allowed it. Nothing that belongs to the platform is changed.
 */
public final class ProposalPlanner {
    /** Settings: read-verb expansion and the annotations every proposed object carries. */
    public record Options(RoleTightener.Options tightening, Map<String, String> stamp) {}

    private static final int MAX_REMOVED_LISTED = 100;

    private final FindingContext context;
    private final Map<ObjectRef, HasMetadata> inputObjects = new HashMap<>();
    private final Set<ObjectRef> takenNames = new HashSet<>();
    private final RoleTightener.Options tightening;
    private final ProposalObjects objects;

    public ProposalPlanner(FindingContext context, RbacObjects current, Options options) {
        this.context = context;
        this.tightening = options.tightening();
        this.objects = new ProposalObjects(options.stamp());
        List.of(current.roles(), current.clusterRoles(), current.roleBindings(), current.clusterRoleBindings())
                .forEach(list -> list.forEach(o -> inputObjects.put(ObjectRef.of(o), o)));
        takenNames.addAll(inputObjects.keySet());
        context.snapshot().clusterRoles().forEach(r -> takenNames.add(ObjectRef.of(r)));
    }

    public List<Proposal> plan() {
        List<Proposal> proposals = new ArrayList<>();
        for (ObjectRef role : context.boundRoles()) {
            boolean editable = context.ownership().editable(role) && inputObjects.containsKey(role);
            List<BoundRole> used = context.bindingsOf(role).stream()
                    .filter(b -> inputObjects.containsKey(b.binding()) && usage(b).used())
                    .toList();
            if (used.isEmpty()) {
                continue;
            }
            if (editable) {
                tighten(role, used.get(0).rules()).ifPresent(proposals::add);
            }
            for (BoundRole binding : used) {
                if (context.owners().isPlatform(binding.binding())) {
                    continue; // its usage still shapes the role's tightening above; the binding itself stays
                }
                if (narrowable(binding)) {
                    proposals.add(narrow(binding, editable));
                } else if (!editable) {
                    dedicated(binding).ifPresent(proposals::add);
                }
            }
        }
        for (BoundRole binding : context.userBindings()) {
            if (inputObjects.containsKey(binding.binding())
                    && (binding.role().isMissing() || !usage(binding).used())
                    && observable(binding)
                    && !context.owners().isPlatform(binding.binding())) {
                proposals.add(delete(binding));
            }
        }
        return proposals;
    }

    private BindingUsage usage(BoundRole binding) {
        return context.usage().of(binding.binding(), binding.role().role());
    }

    private java.util.Optional<Proposal> tighten(ObjectRef role, List<PolicyRule> rules) {
        List<BoundRole> bindings = context.bindingsOf(role);
        List<PolicyRule> tightened =
                RoleTightener.tighten(rules, context.ruleUsage(role), unobservable(rules, bindings), tightening);
        List<String> removed = removed(rules, tightened);
        if (tightened.isEmpty() || removed.isEmpty()) {
            return java.util.Optional.empty();
        }
        String id = "tighten-" + slug(role);
        HasMetadata original = inputObjects.get(role);
        HasMetadata updated = original instanceof Role r
                ? objects.role(r, tightened, id)
                : objects.clusterRole((ClusterRole) original, tightened, id);
        List<ObjectRef> evidence = new ArrayList<>();
        evidence.add(role);
        bindings.forEach(b -> evidence.add(b.binding()));
        return java.util.Optional.of(new Proposal(
                id,
                ProposalKind.TIGHTEN_ROLE,
                role,
                tightenSummary(role, rules, tightened, bindings.size()),
                List.of(updated),
                List.of(),
                removed,
                context.confidence().of(evidence)));
    }

    /**
     * Never reads as a widening: "Tighten ClusterRole/x to what its 1 binding used: 1 rule (1 with a
     * wildcard) becomes 2 narrower rules".
     */
    static String tightenSummary(ObjectRef role, List<PolicyRule> rules, List<PolicyRule> tightened, int bindings) {
        long wildcards = rules.stream().filter(ProposalPlanner::hasWildcard).count();
        String was = count(rules.size(), "rule") + (wildcards == 0 ? "" : " (" + wildcards + " with a wildcard)");
        String now = tightened.size() >= rules.size()
                ? tightened.size() + " narrower rule" + (tightened.size() == 1 ? "" : "s")
                : count(tightened.size(), "rule");
        return "Tighten " + role + " to what its " + count(bindings, "binding") + " used: " + was
                + (rules.size() == 1 ? " becomes " : " become ") + now;
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static boolean hasWildcard(PolicyRule rule) {
        return Stream.of(rule.getVerbs(), rule.getApiGroups(), rule.getResources(), rule.getNonResourceURLs())
                .filter(java.util.Objects::nonNull)
                .flatMap(List::stream)
                .anyMatch(value -> value.contains("*"));
    }

    private java.util.Optional<Proposal> dedicated(BoundRole binding) {
        ObjectRef role = binding.role().role();
        List<PolicyRule> tightened = bindingRules(binding);
        List<String> removed = removed(binding.rules(), tightened);
        if (tightened.isEmpty() || removed.isEmpty()) {
            return java.util.Optional.empty();
        }
        String id = "dedicated-" + slug(binding.binding());
        String name = freeName(
                binding.clusterWide() ? RbacKind.CLUSTER_ROLE : RbacKind.ROLE,
                binding.namespace(),
                "lpa-" + binding.binding().name());
        HasMetadata newRole = binding.clusterWide()
                ? objects.newClusterRole(name, tightened, id)
                : objects.newRole(binding.namespace(), name, tightened, id);
        HasMetadata rebound = objects.rebind(
                inputObjects.get(binding.binding()),
                binding.clusterWide() ? RbacKind.CLUSTER_ROLE : RbacKind.ROLE,
                name,
                id);
        return java.util.Optional.of(new Proposal(
                id,
                ProposalKind.DEDICATED_ROLE,
                binding.binding(),
                "Bind " + ObjectRef.of(newRole) + " (" + tightened.size() + " rule(s) used) instead of " + role + " in "
                        + binding.binding() + ", because "
                        + context.ownership().reasonNotEditable(role).orElse("it is not editable"),
                List.of(newRole, rebound),
                List.of(),
                removed,
                context.confidence().of(List.of(binding.binding(), role))));
    }

    private boolean narrowable(BoundRole binding) {
        if (!binding.clusterWide()) {
            return false;
        }
        Set<String> namespaces = usage(binding).namespaces();
        return !namespaces.contains("")
                && namespaces.size() <= context.options().maxNarrowNamespaces();
    }

    private Proposal narrow(BoundRole binding, boolean roleEditable) {
        ObjectRef role = binding.role().role();
        String id = "narrow-" + slug(binding.binding());
        List<HasMetadata> upserts = new ArrayList<>();
        String clusterRole = role.name();
        List<String> removed = new ArrayList<>();
        if (!roleEditable) {
            List<PolicyRule> tightened = bindingRules(binding);
            clusterRole = freeName(
                    RbacKind.CLUSTER_ROLE, "", "lpa-" + binding.binding().name());
            upserts.add(objects.newClusterRole(clusterRole, tightened, id));
            removed.addAll(removed(binding.rules(), tightened));
        }
        Set<String> namespaces = usage(binding).namespaces();
        for (String namespace : namespaces) {
            String name =
                    freeName(RbacKind.ROLE_BINDING, namespace, binding.binding().name());
            upserts.add(objects.roleBinding(
                    namespace, name, (ClusterRoleBinding) inputObjects.get(binding.binding()), clusterRole, id));
        }
        removed.add(0, "every namespace but " + String.join(", ", namespaces));
        return new Proposal(
                id,
                ProposalKind.NARROW_TO_NAMESPACES,
                binding.binding(),
                "Replace " + binding.binding() + " with RoleBindings of ClusterRole " + clusterRole + " in "
                        + String.join(", ", namespaces) + ", the only namespaces it was used in",
                upserts,
                List.of(binding.binding()),
                removed,
                context.confidence().of(List.of(binding.binding(), role)));
    }

    private Proposal delete(BoundRole binding) {
        ObjectRef role = binding.role().role();
        String summary = binding.role().isMissing()
                ? "Delete " + binding.binding() + ": its role " + role + " does not exist"
                : "Delete " + binding.binding() + ": nothing was allowed through it in the window";
        return new Proposal(
                "delete-" + slug(binding.binding()),
                ProposalKind.DELETE_BINDING,
                binding.binding(),
                summary,
                List.of(),
                List.of(binding.binding()),
                binding.role().isMissing()
                        ? List.of()
                        : binding.rules().stream().map(PolicyRuleSpec::format).toList(),
                binding.role().isMissing()
                        ? context.confidence().ofSnapshot()
                        : context.confidence().of(List.of(binding.binding(), role)));
    }

    /** What one binding used of its role, tightened. */
    private List<PolicyRule> bindingRules(BoundRole binding) {
        RuleUsage usage = RuleUsage.of(binding.rules(), usage(binding).shapes().keySet());
        return RoleTightener.tighten(
                binding.rules(), usage, unobservable(binding.rules(), List.of(binding)), tightening);
    }

    private Set<Integer> unobservable(List<PolicyRule> rules, List<BoundRole> bindings) {
        Set<Integer> keep = new TreeSet<>();
        IntStream.range(0, rules.size())
                .filter(i -> bindings.stream()
                        .anyMatch(b -> !context.observability().observes(b.subjectRefs(), b.namespace(), rules.get(i))))
                .forEach(keep::add);
        return keep;
    }

    private boolean observable(BoundRole binding) {
        return binding.rules().stream()
                .allMatch(r -> context.observability().observes(binding.subjectRefs(), binding.namespace(), r));
    }

    /** The single permissions of the original that the tightened rules no longer grant, in rule notation. */
    private static List<String> removed(List<PolicyRule> original, List<PolicyRule> tightened) {
        List<String> removed = RuleCoverage.uncovered(tightened, original).stream()
                .map(PolicyRuleSpec::format)
                .distinct()
                .toList();
        if (removed.size() > MAX_REMOVED_LISTED) {
            List<String> shown = new ArrayList<>(removed.subList(0, MAX_REMOVED_LISTED));
            shown.add("... and " + (removed.size() - MAX_REMOVED_LISTED) + " more");
            return shown;
        }
        return removed;
    }

    private String freeName(String kind, String namespace, String wanted) {
        String name = wanted;
        for (int n = 2; takenNames.contains(new ObjectRef(kind, name, namespace)); n++) {
            name = wanted + "-" + n;
        }
        takenNames.add(new ObjectRef(kind, name, namespace));
        return name;
    }

    private static String slug(ObjectRef ref) {
        return ref.kind().toLowerCase(java.util.Locale.ROOT) + "-" + (ref.namespaced() ? ref.namespace() + "-" : "")
                + ref.name();
    }
}
