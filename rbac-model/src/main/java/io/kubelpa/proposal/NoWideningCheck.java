package io.kubelpa.proposal;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.kubelpa.authz.RuleCoverage;
import io.kubelpa.authz.SubjectRef;
import io.kubelpa.rbac.PolicyRuleSpec;
import io.kubelpa.rbac.RbacKind;
import io.kubelpa.rbac.RbacSnapshot;
import io.kubelpa.tightening.BoundRole;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Proves that proposed RBAC grants nobody anything new: for every subject of every proposed binding,
 * each rule it gets there must be covered (Kubernetes' {@code Covers}) by the rules the same subject
 * already holds in that scope today: from ClusterRoleBindings anywhere, from RoleBindings only in
 * their namespace. A subject with nothing today covers nothing, so a new subject always fails.
 */
public final class NoWideningCheck {
    private final Map<String, List<PolicyRule>> clusterWide = new HashMap<>();
    private final Map<String, Map<String, List<PolicyRule>>> byNamespace = new HashMap<>();

    public NoWideningCheck(RbacSnapshot current) {
        for (BoundRole binding : BoundRole.all(current)) {
            if (binding.role().isMissing()) {
                continue;
            }
            for (SubjectRef subject : binding.subjectRefs()) {
                List<PolicyRule> held = binding.clusterWide()
                        ? clusterWide.computeIfAbsent(identity(subject), s -> new ArrayList<>())
                        : byNamespace
                                .computeIfAbsent(binding.namespace(), n -> new HashMap<>())
                                .computeIfAbsent(identity(subject), s -> new ArrayList<>());
                held.addAll(binding.rules());
            }
        }
    }

    /** Every permission the proposed RBAC grants a subject beyond what it holds today; empty proves no widening. */
    public List<String> gains(RbacSnapshot proposed) {
        List<String> gains = new ArrayList<>();
        for (BoundRole binding : BoundRole.all(proposed)) {
            if (binding.role().isMissing()) {
                continue;
            }
            List<PolicyRule> granted = binding.clusterWide() ? binding.rules() : withoutUrls(binding.rules());
            for (SubjectRef subject : binding.subjectRefs()) {
                List<PolicyRule> held = new ArrayList<>(clusterWide.getOrDefault(identity(subject), List.of()));
                if (!binding.clusterWide()) {
                    held.addAll(byNamespace
                            .getOrDefault(binding.namespace(), Map.of())
                            .getOrDefault(identity(subject), List.of()));
                }
                for (PolicyRule item : RuleCoverage.uncovered(held, granted)) {
                    gains.add(subject + " would gain " + PolicyRuleSpec.format(item)
                            + (binding.clusterWide() ? " cluster-wide" : " in " + binding.namespace()) + " via "
                            + binding.binding());
                }
            }
        }
        return gains;
    }

    /** A service account named as ServiceAccount or as its user name is the same identity. */
    private static String identity(SubjectRef subject) {
        if (RbacKind.SERVICE_ACCOUNT.equals(subject.kind())) {
            return RbacKind.USER + "/system:serviceaccount:" + subject.namespace() + ":" + subject.name();
        }
        return subject.kind() + "/" + subject.name();
    }

    /** Non-resource URLs mean nothing in a namespace: a RoleBinding never grants them. */
    private static List<PolicyRule> withoutUrls(List<PolicyRule> rules) {
        return rules.stream()
                .filter(r -> r.getResources() != null && !r.getResources().isEmpty())
                .toList();
    }
}
