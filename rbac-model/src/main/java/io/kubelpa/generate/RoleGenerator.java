package io.kubelpa.generate;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleRefBuilder;
import io.kubelpa.rbac.RbacKind;
import io.kubelpa.tightening.Permission;
import io.kubelpa.tightening.RuleCompactor;
import io.kubelpa.usage.RequestShape;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The least RBAC that allows what one subject did: one Role per namespace it used, and one
 * ClusterRole for cluster-scoped use, non-resource URLs, and namespaced use spread over more
 * namespaces than allowed (bound cluster-wide, so it then holds in every namespace). No wildcards;
 * subresources exact; names only where every use of a verb named one of a few objects and RBAC can
 * restrict that verb by name.
 */
public final class RoleGenerator {
    /** Verbs RBAC cannot restrict by name: the request names no object, or names one that does not exist yet. */
    private static final Set<String> UNNAMEABLE = Set.of("create", "list", "watch", "deletecollection");

    private static final List<String> WRITE = List.of("create", "update", "patch", "delete");
    static final String GENERATED_FOR = "kube-lpa.io/generated-for";

    private final GenerateOptions options;

    public RoleGenerator(GenerateOptions options) {
        this.options = options;
    }

    /** The generated objects and the permissions each scope holds ("" for the ClusterRole). */
    public GeneratedRbac generate(GeneratedSubject subject, Collection<RequestShape> shapes) {
        return generate(subject, shapes, subject.objectName());
    }

    /**
     * As {@link #generate(GeneratedSubject, Collection)} for what the subject's denied requests asked
     * for: objects named {@link GeneratedSubject#deniedObjectName()}, so they never merge with the
     * allowed ones.
     */
    public GeneratedRbac generateDenied(GeneratedSubject subject, Collection<RequestShape> denied) {
        return generate(subject, denied, subject.deniedObjectName());
    }

    private GeneratedRbac generate(GeneratedSubject subject, Collection<RequestShape> shapes, String name) {
        SortedMap<String, SortedSet<Permission>> byScope = new TreeMap<>();
        for (RequestShape shape : shapes) {
            byScope.computeIfAbsent(shape.namespace(), s -> new TreeSet<>()).add(Permission.of(shape));
        }
        List<String> notes = new ArrayList<>();
        long namespaces = byScope.keySet().stream().filter(ns -> !ns.isEmpty()).count();
        if (namespaces > options.maxNarrowNamespaces()) {
            SortedSet<Permission> cluster = byScope.computeIfAbsent("", s -> new TreeSet<>());
            byScope.keySet().removeIf(ns -> {
                if (!ns.isEmpty()) {
                    cluster.addAll(byScope.get(ns));
                    return true;
                }
                return false;
            });
            notes.add("used " + namespaces + " namespaces, more than " + options.maxNarrowNamespaces()
                    + ": one ClusterRole, bound cluster-wide, so it holds in every namespace");
        }
        SortedMap<String, SortedSet<Permission>> granted = new TreeMap<>();
        List<HasMetadata> objects = new ArrayList<>();
        byScope.forEach((namespace, used) -> {
            SortedSet<Permission> permissions = named(expanded(used));
            granted.put(namespace, permissions);
            List<PolicyRule> rules = RuleCompactor.compact(permissions);
            var roleRef = new RoleRefBuilder().withApiGroup(RbacKind.GROUP).withName(name);
            if (namespace.isEmpty()) {
                objects.add(new ClusterRoleBuilder()
                        .withMetadata(meta(subject, name, null))
                        .withRules(rules)
                        .build());
                objects.add(new ClusterRoleBindingBuilder()
                        .withMetadata(meta(subject, name, null))
                        .withRoleRef(roleRef.withKind(RbacKind.CLUSTER_ROLE).build())
                        .withSubjects(subject.asBindingSubject())
                        .build());
            } else {
                objects.add(new RoleBuilder()
                        .withMetadata(meta(subject, name, namespace))
                        .withRules(rules)
                        .build());
                objects.add(new RoleBindingBuilder()
                        .withMetadata(meta(subject, name, namespace))
                        .withRoleRef(roleRef.withKind(RbacKind.ROLE).build())
                        .withSubjects(subject.asBindingSubject())
                        .build());
            }
        });
        return new GeneratedRbac(subject, objects, granted, notes);
    }

    private SortedSet<Permission> expanded(Set<Permission> used) {
        SortedSet<Permission> expanded = new TreeSet<>(used);
        if (options.verbs() == GenerateOptions.Verbs.NONE) {
            return expanded;
        }
        for (Permission permission : used) {
            if (permission.isNonResource()) {
                continue;
            }
            List<String> group = io.kubelpa.tightening.Verbs.READ.contains(permission.verb())
                    ? List.of("get", "list", "watch")
                    : options.verbs() == GenerateOptions.Verbs.ALL && WRITE.contains(permission.verb())
                            ? WRITE
                            : List.of();
            group.forEach(verb -> expanded.add(permission.withVerb(verb)));
        }
        return expanded;
    }

    /**
     * Names kept only where RBAC honours them and they are few: per resource and verb, every use
     * named an object, of at most {@link GenerateOptions#MAX_RESOURCE_NAMES}; otherwise the verb is
     * granted on the resource as a whole.
     */
    private SortedSet<Permission> named(SortedSet<Permission> permissions) {
        Map<Permission, SortedSet<String>> namesByTarget = new TreeMap<>();
        for (Permission p : permissions) {
            namesByTarget
                    .computeIfAbsent(
                            new Permission(p.apiGroup(), p.resource(), p.verb(), "", p.nonResourceURL()),
                            t -> new TreeSet<>())
                    .add(p.resourceName());
        }
        SortedSet<Permission> result = new TreeSet<>();
        namesByTarget.forEach((target, names) -> {
            boolean byName = options.resourceNames()
                    && !target.isNonResource()
                    && !UNNAMEABLE.contains(target.verb())
                    && !names.contains("")
                    && names.size() <= GenerateOptions.MAX_RESOURCE_NAMES;
            if (byName) {
                names.forEach(n -> result.add(new Permission(
                        target.apiGroup(), target.resource(), target.verb(), n, target.nonResourceURL())));
            } else {
                result.add(target);
            }
        });
        return result;
    }

    private static ObjectMeta meta(GeneratedSubject subject, String name, String namespace) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(namespace)
                .withLabels(Map.of("app.kubernetes.io/managed-by", "kube-lpa"))
                .withAnnotations(Map.of(GENERATED_FOR, subject.toString()))
                .build();
    }
}
