package io.kubelpa.findings;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.kubelpa.audit.Timestamps;
import io.kubelpa.authz.SubjectRef;
import io.kubelpa.rbac.DanglingBindings;
import io.kubelpa.tightening.BindingUsage;
import io.kubelpa.tightening.BoundRole;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Findings about whole bindings: never used, dangling, unobservable, or cluster-wide but used in a few namespaces. */
final class BindingFindings {
    private BindingFindings() {}

    static List<Finding> of(FindingContext context) {
        List<Finding> findings = new ArrayList<>();
        for (DanglingBindings.Dangling dangling : DanglingBindings.find(context.snapshot())) {
            if (context.snapshot().isBuiltin(dangling.binding())) {
                continue;
            }
            findings.add(new Finding(
                    FindingType.DANGLING_BINDING,
                    FindingType.DANGLING_BINDING.defaultSeverity(),
                    null,
                    null,
                    dangling.binding(),
                    dangling.role(),
                    null,
                    dangling.binding() + " references " + dangling.role() + ", which does not exist ("
                            + dangling.error()
                            + "); whoever creates that role later grants it to the binding's subjects at once.",
                    "Delete the binding, or create the role deliberately.",
                    Map.of("error", dangling.error()),
                    context.confidence().ofSnapshot()));
        }
        for (BoundRole bound : context.userBindings()) {
            if (bound.role().isMissing()) {
                continue;
            }
            BindingUsage usage =
                    context.usage().of(bound.binding(), bound.role().role());
            if (!usage.used()) {
                findings.add(unused(context, bound));
            } else if (bound.clusterWide()) {
                narrowable(context, bound, usage).ifPresent(findings::add);
            }
        }
        return findings;
    }

    private static Finding unused(FindingContext context, BoundRole bound) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put(
                "subjects",
                bound.subjectRefs().stream().map(SubjectRef::toString).toList());
        evidence.put("rules", bound.rules().size());
        evidence.put("window", context.confidence().window().toString());
        boolean observable = bound.rules().stream().allMatch(rule -> observes(context, bound, rule));
        if (!observable) {
            return new Finding(
                    FindingType.UNOBSERVABLE,
                    FindingType.UNOBSERVABLE.defaultSeverity(),
                    null,
                    null,
                    bound.binding(),
                    bound.role().role(),
                    null,
                    bound.binding()
                            + " shows no use, but the audit policy does not record some of what it grants, so it may be in use.",
                    "Keep it; log these requests at Metadata level to learn whether it is needed.",
                    evidence,
                    Confidence.HIGH);
        }
        Confidence confidence =
                context.confidence().of(List.of(bound.binding(), bound.role().role()));
        return new Finding(
                FindingType.UNUSED_BINDING,
                FindingType.UNUSED_BINDING.defaultSeverity(),
                null,
                null,
                bound.binding(),
                bound.role().role(),
                null,
                bound.binding() + " grants " + bound.role().role() + " to "
                        + bound.subjectRefs().size()
                        + " subject(s), and no request was allowed through it in the window.",
                "Delete the binding (proposed in deletions.yaml).",
                evidence,
                confidence);
    }

    private static boolean observes(FindingContext context, BoundRole bound, PolicyRule rule) {
        return context.observability().observes(bound.subjectRefs(), bound.namespace(), rule);
    }

    private static java.util.Optional<Finding> narrowable(FindingContext context, BoundRole bound, BindingUsage usage) {
        Set<String> namespaces = usage.namespaces();
        if (namespaces.contains("") || namespaces.size() > context.options().maxNarrowNamespaces()) {
            return java.util.Optional.empty();
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("namespaces", List.copyOf(namespaces));
        evidence.put("requests", usage.requests());
        usage.lastSeenMicros().ifPresent(t -> evidence.put("lastUsed", Timestamps.format(t)));
        evidence.put("window", context.confidence().window().toString());
        return java.util.Optional.of(new Finding(
                FindingType.CLUSTER_SCOPE_NARROWABLE,
                FindingType.CLUSTER_SCOPE_NARROWABLE.defaultSeverity(),
                null,
                null,
                bound.binding(),
                bound.role().role(),
                null,
                bound.binding() + " grants " + bound.role().role() + " in every namespace, but all its use was in "
                        + String.join(", ", namespaces) + ".",
                "Replace it with RoleBindings in " + String.join(", ", namespaces) + " (proposed).",
                evidence,
                context.confidence().of(List.of(bound.binding(), bound.role().role()))));
    }
}
