package io.kubelpa.authz;

import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.RbacSnapshot;
import io.kubelpa.rbac.RbacSnapshot.RoleResolution;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Kubernetes RBAC authorizer over one {@link RbacSnapshot}, with attribution. It visits
 * ClusterRoleBindings, then (for a namespaced request) the RoleBindings of the request's namespace,
 * exactly as the API server's rule resolver does, and keeps every allowing grant rather than
 * stopping at the first. Bindings are indexed by subject so a request only looks at the bindings
 * that can name its user, and a request seen before is answered from a bounded cache of decisions; the
 * authorizer is safe to share between threads.
 */
public final class RbacAuthorizer {
    private final RbacSnapshot snapshot;
    private final List<BindingEntry> clusterBindings;
    private final Map<String, List<BindingEntry>> roleBindingsByNamespace = new HashMap<>();
    private final SubjectIndex clusterIndex;
    private final Map<String, SubjectIndex> namespaceIndexes = new HashMap<>();
    private final Map<Grant, String> reasons = new ConcurrentHashMap<>();
    private final DecisionCache decisions;

    public RbacAuthorizer(RbacSnapshot snapshot) {
        this(snapshot, new DecisionCache(DecisionCache.DEFAULT_CAPACITY));
    }

    /** An authorizer that decides every request afresh: what the decision cache saves is measured against it. */
    public static RbacAuthorizer withoutDecisionCache(RbacSnapshot snapshot) {
        return new RbacAuthorizer(snapshot, new DecisionCache(0));
    }

    /** An authorizer keeping its decisions in {@code decisions}, which other versions of the same RBAC may share. */
    public RbacAuthorizer(RbacSnapshot snapshot, DecisionCache decisions) {
        this.snapshot = snapshot;
        this.decisions = decisions;
        this.clusterBindings = new ArrayList<>();
        for (ClusterRoleBinding binding : snapshot.clusterRoleBindings()) {
            clusterBindings.add(new BindingEntry(
                    ObjectRef.clusterRoleBinding(binding.getMetadata().getName()),
                    "",
                    orEmpty(binding.getSubjects()),
                    snapshot.resolve(binding.getRoleRef(), "")));
        }
        this.clusterIndex = new SubjectIndex(clusterBindings);
        for (String namespace : snapshot.roleBindingNamespaces()) {
            List<BindingEntry> entries = new ArrayList<>();
            for (RoleBinding binding : snapshot.roleBindings(namespace)) {
                RoleRef roleRef = binding.getRoleRef();
                entries.add(new BindingEntry(
                        ObjectRef.roleBinding(namespace, binding.getMetadata().getName()),
                        namespace,
                        orEmpty(binding.getSubjects()),
                        snapshot.resolve(roleRef, namespace)));
            }
            roleBindingsByNamespace.put(namespace, entries);
            namespaceIndexes.put(namespace, new SubjectIndex(entries));
        }
    }

    public RbacSnapshot snapshot() {
        return snapshot;
    }

    /** {@link Grant#reason()}, computed once per grant: audit analysis compares it for every request. */
    public String reasonOf(Grant grant) {
        return reasons.computeIfAbsent(grant, Grant::reason);
    }

    /** The decision for the request; a request decided before is answered from the {@link DecisionCache}. */
    public AuthorizationDecision authorize(RequestAttributes request) {
        return decisions.get(this, request, this::decide);
    }

    int decisionsKept() {
        return decisions.size();
    }

    /** The decision made afresh, never from the cache. */
    AuthorizationDecision decide(RequestAttributes request) {
        List<Grant> grants = new ArrayList<>(2);
        List<String> errors = new ArrayList<>(0);
        visit(clusterBindings, clusterIndex, request, grants, errors);
        if (!request.namespace().isEmpty()) {
            SubjectIndex index = namespaceIndexes.get(request.namespace());
            if (index != null) {
                visit(roleBindingsByNamespace.get(request.namespace()), index, request, grants, errors);
            }
        }
        return AuthorizationDecision.of(grants, errors);
    }

    private static void visit(
            List<BindingEntry> bindings,
            SubjectIndex index,
            RequestAttributes request,
            List<Grant> grants,
            List<String> errors) {
        for (int position : index.candidates(request.user())) {
            BindingEntry binding = bindings.get(position);
            int subjectIndex = SubjectMatcher.firstApplying(binding.subjects, request.user(), binding.namespace);
            if (subjectIndex < 0) {
                continue;
            }
            if (binding.role.isMissing()) {
                errors.add(binding.role.error());
                continue;
            }
            List<PolicyRule> rules = binding.role.rules();
            for (int i = 0; i < rules.size(); i++) {
                if (RuleMatcher.allows(rules.get(i), request)) {
                    grants.add(new Grant(
                            binding.ref,
                            binding.role.role(),
                            i,
                            SubjectRef.of(binding.subjects.get(subjectIndex), binding.namespace)));
                }
            }
        }
    }

    /** A rule the user holds, with the grant it comes through. */
    public record HeldRule(Grant grant, PolicyRule rule) {}

    /**
     * Every rule the user holds in {@code namespace} ("" for cluster-wide grants only), as the API
     * server's rule resolver lists them for {@code kubectl auth can-i --list}: ClusterRoleBindings
     * first, then RoleBindings of the namespace; a binding whose role is missing adds nothing.
     */
    public List<HeldRule> rulesFor(UserInfo user, String namespace) {
        List<HeldRule> held = new ArrayList<>();
        collectRules(clusterBindings, clusterIndex, user, held);
        if (!namespace.isEmpty() && namespaceIndexes.containsKey(namespace)) {
            collectRules(roleBindingsByNamespace.get(namespace), namespaceIndexes.get(namespace), user, held);
        }
        return held;
    }

    /**
     * Every rule the user holds, by where it holds: "" for ClusterRoleBindings (every namespace and
     * cluster-scoped resources), and each namespace for its own RoleBindings; namespaces where the
     * user holds nothing of its own are left out. In namespace order.
     */
    public SortedMap<String, List<HeldRule>> heldByScope(UserInfo user) {
        SortedMap<String, List<HeldRule>> byScope = new TreeMap<>();
        List<HeldRule> cluster = new ArrayList<>();
        collectRules(clusterBindings, clusterIndex, user, cluster);
        if (!cluster.isEmpty()) {
            byScope.put("", cluster);
        }
        roleBindingsByNamespace.forEach((namespace, bindings) -> {
            List<HeldRule> held = new ArrayList<>();
            collectRules(bindings, namespaceIndexes.get(namespace), user, held);
            if (!held.isEmpty()) {
                byScope.put(namespace, held);
            }
        });
        return byScope;
    }

    private static void collectRules(
            List<BindingEntry> bindings, SubjectIndex index, UserInfo user, List<HeldRule> held) {
        for (int position : index.candidates(user)) {
            BindingEntry binding = bindings.get(position);
            int subjectIndex = SubjectMatcher.firstApplying(binding.subjects, user, binding.namespace);
            if (subjectIndex < 0 || binding.role.isMissing()) {
                continue;
            }
            SubjectRef subject = SubjectRef.of(binding.subjects.get(subjectIndex), binding.namespace);
            List<PolicyRule> rules = binding.role.rules();
            for (int i = 0; i < rules.size(); i++) {
                held.add(new HeldRule(new Grant(binding.ref, binding.role.role(), i, subject), rules.get(i)));
            }
        }
    }

    /**
     * Every binding subject that may make the request (the user is ignored), with the first allowing
     * rule of its binding: ClusterRoleBindings first, then RoleBindings in the request's namespace.
     */
    public List<Grant> whoCan(RequestAttributes request) {
        List<Grant> result = new ArrayList<>();
        collectSubjects(clusterBindings, request, result);
        if (!request.namespace().isEmpty()) {
            collectSubjects(roleBindingsByNamespace.getOrDefault(request.namespace(), List.of()), request, result);
        }
        return result;
    }

    private static void collectSubjects(List<BindingEntry> bindings, RequestAttributes request, List<Grant> out) {
        for (BindingEntry binding : bindings) {
            int ruleIndex = firstAllowingRule(binding.role.rules(), request);
            if (ruleIndex < 0) {
                continue;
            }
            for (Subject subject : binding.subjects) {
                SubjectRef ref = SubjectRef.of(subject, binding.namespace);
                if (SubjectIndex.key(subject, binding.namespace) != null) {
                    out.add(new Grant(binding.ref, binding.role.role(), ruleIndex, ref));
                }
            }
        }
    }

    private static int firstAllowingRule(List<PolicyRule> rules, RequestAttributes request) {
        for (int i = 0; i < rules.size(); i++) {
            if (RuleMatcher.allows(rules.get(i), request)) {
                return i;
            }
        }
        return -1;
    }

    private static List<Subject> orEmpty(List<Subject> subjects) {
        return subjects == null ? List.of() : subjects;
    }

    private record BindingEntry(ObjectRef ref, String namespace, List<Subject> subjects, RoleResolution role) {}

    /** Positions of bindings by the subject keys they name, so a lookup touches only relevant bindings. */
    private static final class SubjectIndex {
        private final Map<String, int[]> positionsByKey = new HashMap<>();

        SubjectIndex(List<BindingEntry> bindings) {
            Map<String, List<Integer>> building = new HashMap<>();
            for (int position = 0; position < bindings.size(); position++) {
                BindingEntry binding = bindings.get(position);
                for (Subject subject : binding.subjects) {
                    String key = key(subject, binding.namespace);
                    if (key != null) {
                        List<Integer> positions = building.computeIfAbsent(key, k -> new ArrayList<>());
                        if (positions.isEmpty() || positions.get(positions.size() - 1) != position) {
                            positions.add(position);
                        }
                    }
                }
            }
            building.forEach((key, positions) -> positionsByKey.put(
                    key, positions.stream().mapToInt(Integer::intValue).toArray()));
        }

        /** The key a subject is found under, or null when it can never match anyone. */
        static String key(Subject subject, String bindingNamespace) {
            String kind = subject.getKind() == null ? "" : subject.getKind();
            return switch (kind) {
                case "User" -> "u:" + subject.getName();
                case "Group" -> "g:" + subject.getName();
                case "ServiceAccount" -> {
                    String namespace = SubjectMatcher.serviceAccountNamespace(subject, bindingNamespace);
                    yield namespace.isEmpty()
                            ? null
                            : "u:" + UserInfo.SERVICE_ACCOUNT_PREFIX + namespace + ":" + subject.getName();
                }
                default -> null;
            };
        }

        /** Binding positions that name the user or one of its groups, in evaluation order. */
        int[] candidates(UserInfo user) {
            int[] byUser = positionsByKey.get("u:" + user.name());
            int[] merged = byUser == null ? new int[0] : byUser;
            for (String group : user.groups()) {
                int[] byGroup = positionsByKey.get("g:" + group);
                if (byGroup != null) {
                    merged = mergeSorted(merged, byGroup);
                }
            }
            return merged;
        }

        private static int[] mergeSorted(int[] a, int[] b) {
            int[] out = new int[a.length + b.length];
            int i = 0;
            int j = 0;
            int n = 0;
            while (i < a.length || j < b.length) {
                int next;
                if (j >= b.length || (i < a.length && a[i] <= b[j])) {
                    next = a[i++];
                } else {
                    next = b[j++];
                }
                if (n == 0 || out[n - 1] != next) {
                    out[n++] = next;
                }
            }
            return Arrays.copyOf(out, n);
        }
    }
}
