package io.kubelpa.tightening;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes a set of permissions as few PolicyRules as grouping allows, granting exactly that set and
 * nothing more: verbs are gathered per (group, resource, name), then names per verb set, resources
 * per (group, verbs, names) and groups per (resources, verbs, names). Each step only merges entries
 * whose other lists are equal (and never a named entry with an unnamed one), so the cross product of
 * every rule is a subset of the input.
 */
public final class RuleCompactor {
    private static final Comparator<List<String>> LIST_ORDER =
            (a, b) -> String.join(",", a).compareTo(String.join(",", b));

    private RuleCompactor() {}

    public static List<PolicyRule> compact(Collection<Permission> permissions) {
        List<PolicyRule> rules = new ArrayList<>();
        rules.addAll(resourceRules(
                permissions.stream().filter(p -> !p.isNonResource()).toList()));
        rules.addAll(nonResourceRules(
                permissions.stream().filter(Permission::isNonResource).toList()));
        return rules;
    }

    private record Target(String group, String resource, String name) {}

    private record Named(String group, String resource, List<String> verbs, boolean restricted) {}

    private record Shaped(String group, List<String> verbs, List<String> names) {}

    private record Grouped(List<String> resources, List<String> verbs, List<String> names) {}

    private static List<PolicyRule> resourceRules(List<Permission> permissions) {
        Map<Target, SortedSet<String>> verbsByTarget = new TreeMap<>(Comparator.comparing(Target::group)
                .thenComparing(Target::resource)
                .thenComparing(Target::name));
        for (Permission p : permissions) {
            verbsByTarget
                    .computeIfAbsent(
                            new Target(p.apiGroup(), p.resource(), p.resourceName()), t -> new TreeSet<>(Verbs.ORDER))
                    .add(p.verb());
        }
        Map<Named, SortedSet<String>> namesByVerbs = new TreeMap<>(Comparator.comparing(Named::group)
                .thenComparing(Named::resource)
                .thenComparing(Named::verbs, LIST_ORDER)
                .thenComparing(Named::restricted));
        verbsByTarget.forEach((target, verbs) -> namesByVerbs
                .computeIfAbsent(
                        new Named(
                                target.group(),
                                target.resource(),
                                List.copyOf(verbs),
                                !target.name().isEmpty()),
                        n -> new TreeSet<>())
                .add(target.name()));
        Map<Shaped, SortedSet<String>> resourcesByShape = new TreeMap<>(Comparator.comparing(Shaped::group)
                .thenComparing(Shaped::verbs, LIST_ORDER)
                .thenComparing(Shaped::names, LIST_ORDER));
        namesByVerbs.forEach((named, names) -> resourcesByShape
                .computeIfAbsent(new Shaped(named.group(), named.verbs(), List.copyOf(names)), s -> new TreeSet<>())
                .add(named.resource()));
        Map<Grouped, SortedSet<String>> groupsByRule =
                new TreeMap<>(Comparator.comparing(Grouped::resources, LIST_ORDER)
                        .thenComparing(Grouped::verbs, LIST_ORDER)
                        .thenComparing(Grouped::names, LIST_ORDER));
        resourcesByShape.forEach((shaped, resources) -> groupsByRule
                .computeIfAbsent(
                        new Grouped(List.copyOf(resources), shaped.verbs(), shaped.names()), g -> new TreeSet<>())
                .add(shaped.group()));
        List<PolicyRule> rules = new ArrayList<>();
        groupsByRule.forEach((grouped, groups) -> {
            PolicyRuleBuilder rule = new PolicyRuleBuilder()
                    .withApiGroups(List.copyOf(groups))
                    .withResources(grouped.resources())
                    .withVerbs(grouped.verbs());
            List<String> names =
                    grouped.names().stream().filter(n -> !n.isEmpty()).toList();
            if (!names.isEmpty()) {
                rule.withResourceNames(names);
            }
            rules.add(rule.build());
        });
        rules.sort(Comparator.comparing((PolicyRule r) -> r.getApiGroups(), LIST_ORDER)
                .thenComparing(PolicyRule::getResources, LIST_ORDER));
        return rules;
    }

    private static List<PolicyRule> nonResourceRules(List<Permission> permissions) {
        Map<String, SortedSet<String>> verbsByUrl = new TreeMap<>();
        permissions.forEach(p -> verbsByUrl
                .computeIfAbsent(p.nonResourceURL(), u -> new TreeSet<>(Verbs.ORDER))
                .add(p.verb()));
        Map<List<String>, SortedSet<String>> urlsByVerbs = new TreeMap<>(LIST_ORDER);
        verbsByUrl.forEach((url, verbs) -> urlsByVerbs
                .computeIfAbsent(List.copyOf(verbs), v -> new TreeSet<>())
                .add(url));
        List<PolicyRule> rules = new ArrayList<>();
        urlsByVerbs.forEach((verbs, urls) -> rules.add(new PolicyRuleBuilder()
                .withNonResourceURLs(List.copyOf(urls))
                .withVerbs(verbs)
                .build()));
        return rules;
    }
}
