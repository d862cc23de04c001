package io.kubelpa.findings;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.kubelpa.audit.Observability;
import io.kubelpa.authz.SubjectRef;
import io.kubelpa.ownership.Owners;
import io.kubelpa.ownership.Ownership;
import io.kubelpa.ownership.OwnershipOverride;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.RbacKind;
import io.kubelpa.rbac.RbacSnapshot;
import io.kubelpa.tightening.BoundRole;
import io.kubelpa.tightening.RoleOwnership;
import io.kubelpa.tightening.RuleUsage;
import io.kubelpa.tightening.UsageIndex;
import io.kubelpa.usage.RequestShape;
import io.kubelpa.usage.SubjectLedger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What every kind of finding is computed from: the RBAC as it is at the end of the window, the
 * ledger and its per-binding index, confidence, observability and settings; plus, per role, how
 * its rules were exercised through all its (non-built-in) bindings.
 */
public final class FindingContext {
    private final RbacSnapshot snapshot;
    private final SubjectLedger ledger;
    private final UsageIndex usage;
    private final ConfidenceAssessor confidence;
    private final Observability observability;
    private final FindingsOptions options;
    private final List<BoundRole> bindings;
    private final Owners owners;
    private final RoleOwnership ownership;
    private final Map<ObjectRef, RuleUsage> ruleUsage = new HashMap<>();
    private Map<SubjectRef, List<ObjectRef>> bindingsBySubject;
    private Map<ObjectRef, List<SubjectRef>> subjectsByBinding;

    public FindingContext(
            RbacSnapshot snapshot,
            SubjectLedger ledger,
            ConfidenceAssessor confidence,
            Observability observability,
            FindingsOptions options,
            List<OwnershipOverride> ownershipOverrides) {
        this.snapshot = snapshot;
        this.ledger = ledger;
        this.usage = new UsageIndex(ledger);
        this.confidence = confidence;
        this.observability = observability;
        this.options = options;
        this.bindings = BoundRole.all(snapshot);
        this.owners = Owners.of(snapshot, ownershipOverrides);
        this.ownership = new RoleOwnership(snapshot, owners);
    }

    public RbacSnapshot snapshot() {
        return snapshot;
    }

    public SubjectLedger ledger() {
        return ledger;
    }

    public UsageIndex usage() {
        return usage;
    }

    public ConfidenceAssessor confidence() {
        return confidence;
    }

    public Observability observability() {
        return observability;
    }

    public FindingsOptions options() {
        return options;
    }

    /** Who owns each object: platform objects are never proposed for change. */
    public Owners owners() {
        return owners;
    }

    public RoleOwnership ownership() {
        return ownership;
    }

    /** Bindings kube-lpa reports on and may change: all but the built-in ones. */
    public List<BoundRole> userBindings() {
        return bindings.stream().filter(b -> !snapshot.isBuiltin(b.binding())).toList();
    }

    /** The roles the reported bindings reference (existing ones only), sorted. */
    public Set<ObjectRef> boundRoles() {
        Set<ObjectRef> roles = new TreeSet<>();
        userBindings().stream()
                .filter(b -> !b.role().isMissing())
                .forEach(b -> roles.add(b.role().role()));
        return roles;
    }

    public List<BoundRole> bindingsOf(ObjectRef role) {
        return userBindings().stream()
                .filter(b -> !b.role().isMissing() && b.role().role().equals(role))
                .toList();
    }

    /** How the role's rules were exercised through all its bindings. */
    public RuleUsage ruleUsage(ObjectRef role) {
        return ruleUsage.computeIfAbsent(role, r -> {
            List<BoundRole> bound = bindingsOf(r);
            Set<RequestShape> shapes = new TreeSet<>();
            bound.forEach(b -> shapes.addAll(usage.of(b.binding(), r).shapes().keySet()));
            return RuleUsage.of(bound.isEmpty() ? List.of() : bound.get(0).rules(), shapes);
        });
    }

    /** Rule {@code index} of a role as the snapshot holds it (aggregation applied); empty when it has none. */
    public Optional<PolicyRule> rule(ObjectRef role, int index) {
        Optional<List<PolicyRule>> rules = role.kind().equals(RbacKind.CLUSTER_ROLE)
                ? snapshot.clusterRole(role.name()).map(ClusterRole::getRules)
                : snapshot.role(role.namespace(), role.name()).map(Role::getRules);
        return rules.filter(r -> index >= 0 && index < r.size()).map(r -> r.get(index));
    }

    /** Who answers for a finding (see {@link Owners#responsibleFor}). */
    public Ownership ownerOf(Finding finding) {
        return owners.responsibleFor(finding.binding(), finding.role(), holdingBindings(finding));
    }

    /** The reported bindings through which what a finding is about is held: the role's, or the subject's. */
    public List<ObjectRef> holdingBindings(Finding finding) {
        if (finding.role() != null) {
            return bindingsOf(finding.role()).stream().map(BoundRole::binding).toList();
        }
        SubjectRef subject = finding.subject();
        if (subject == null) {
            return List.of();
        }
        if (bindingsBySubject == null) {
            bindingsBySubject = new HashMap<>();
            userBindings().forEach(b -> b.subjectRefs().forEach(s -> bindingsBySubject
                    .computeIfAbsent(s, k -> new java.util.ArrayList<>())
                    .add(b.binding())));
        }
        return bindingsBySubject.getOrDefault(subject, List.of());
    }

    /** The subjects a binding of the snapshot names; none for an unknown binding. */
    public List<SubjectRef> subjectsOf(ObjectRef binding) {
        if (subjectsByBinding == null) {
            subjectsByBinding = new HashMap<>();
            bindings.forEach(b -> subjectsByBinding.put(b.binding(), b.subjectRefs()));
        }
        return subjectsByBinding.getOrDefault(binding, List.of());
    }
}
