package io.kubelpa.rbac;

import static io.kubelpa.testing.RbacFixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterRoleAggregatorTest {

    private static ClusterRole source(String name, Map<String, String> labels, String... rules) {
        return new ClusterRoleBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .withRules(java.util.Arrays.stream(rules)
                        .map(io.kubelpa.testing.RbacFixtures::rule)
                        .toList())
                .build();
    }

    private static ClusterRole aggregate(
            String name, Map<String, String> labels, io.fabric8.kubernetes.api.model.LabelSelector... selectors) {
        return new ClusterRoleBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .withNewAggregationRule()
                .withClusterRoleSelectors(selectors)
                .endAggregationRule()
                .build();
    }

    private static Map<String, ClusterRole> byName(ClusterRole... roles) {
        Map<String, ClusterRole> map = new LinkedHashMap<>();
        for (ClusterRole role : roles) {
            map.put(role.getMetadata().getName(), role);
        }
        return map;
    }

    private static io.fabric8.kubernetes.api.model.LabelSelector labels(String key, String value) {
        return new LabelSelectorBuilder().withMatchLabels(Map.of(key, value)).build();
    }

    private static io.fabric8.kubernetes.api.model.LabelSelector expression(
            String key, String operator, String... values) {
        return new LabelSelectorBuilder()
                .withMatchExpressions(new LabelSelectorRequirement(key, operator, List.of(values)))
                .build();
    }

    @Test
    void collectsRulesOfMatchingRolesSortedByNameWithoutDuplicates() {
        Map<String, ClusterRole> result = ClusterRoleAggregator.aggregate(byName(
                aggregate("agg", Map.of(), labels("team", "a")),
                source(
                        "z-last",
                        Map.of("team", "a"),
                        "verbs=get groups=\"\" resources=pods",
                        "verbs=list groups=\"\" resources=pods"),
                source("a-first", Map.of("team", "a"), "verbs=list groups=\"\" resources=pods"),
                source("other", Map.of("team", "b"), "verbs=delete groups=\"\" resources=pods")));
        assertThat(result.get("agg").getRules())
                .extracting(r -> r.getVerbs().get(0))
                .containsExactly("list", "get");
    }

    @Test
    void matchExpressionsSupportEveryOperator() {
        assertThat(aggregatedVerbs(expression("tier", "In", "gold", "silver"))).containsExactly("gold");
        assertThat(aggregatedVerbs(expression("tier", "NotIn", "gold"))).containsExactly("bronze", "plain");
        assertThat(aggregatedVerbs(expression("tier", "Exists"))).containsExactly("bronze", "gold");
        assertThat(aggregatedVerbs(expression("tier", "DoesNotExist"))).containsExactly("plain");
    }

    private static List<String> aggregatedVerbs(io.fabric8.kubernetes.api.model.LabelSelector selector) {
        return verbs(ClusterRoleAggregator.aggregate(byName(
                        aggregate("agg", Map.of("tier", "gold"), selector),
                        source("gold", Map.of("tier", "gold"), "verbs=gold groups=\"\" resources=x"),
                        source("bronze", Map.of("tier", "bronze"), "verbs=bronze groups=\"\" resources=x"),
                        source("plain", Map.of(), "verbs=plain groups=\"\" resources=x")))
                .get("agg"));
    }

    @Test
    void selectorsAreOredAndCollectedInSelectorOrder() {
        Map<String, ClusterRole> result = ClusterRoleAggregator.aggregate(byName(
                aggregate("agg", Map.of(), labels("k", "2"), labels("k", "1")),
                source("a", Map.of("k", "1"), "verbs=one groups=\"\" resources=x"),
                source("b", Map.of("k", "2"), "verbs=two groups=\"\" resources=x")));
        assertThat(verbs(result.get("agg"))).containsExactly("two", "one");
    }

    @Test
    void matchLabelsAndExpressionsInOneSelectorAreAnded() {
        io.fabric8.kubernetes.api.model.LabelSelector both = new LabelSelectorBuilder()
                .withMatchLabels(Map.of("team", "a"))
                .withMatchExpressions(new LabelSelectorRequirement("tier", "In", List.of("gold")))
                .build();
        Map<String, ClusterRole> result = ClusterRoleAggregator.aggregate(byName(
                aggregate("agg", Map.of(), both),
                source("match", Map.of("team", "a", "tier", "gold"), "verbs=yes groups=\"\" resources=x"),
                source("half", Map.of("team", "a"), "verbs=no groups=\"\" resources=x")));
        assertThat(verbs(result.get("agg"))).containsExactly("yes");
    }

    @Test
    void chainsResolveToAFixpointAndTheRoleItselfIsSkipped() {
        Map<String, ClusterRole> result = ClusterRoleAggregator.aggregate(byName(
                aggregate("admin", Map.of(), labels("to-admin", "true")),
                aggregate("edit", Map.of("to-admin", "true"), labels("to-edit", "true")),
                aggregate("view", Map.of("to-edit", "true"), labels("to-view", "true")),
                source("reads", Map.of("to-view", "true"), "verbs=get groups=\"\" resources=pods"),
                source("writes", Map.of("to-edit", "true"), "verbs=create groups=\"\" resources=pods")));
        assertThat(verbs(result.get("view"))).containsExactly("get");
        assertThat(verbs(result.get("edit"))).containsExactlyInAnyOrder("get", "create");
        assertThat(verbs(result.get("admin"))).containsExactlyInAnyOrder("get", "create");
    }

    @Test
    void ownRulesAreReplacedAndEmptySelectorMatchesEverything() {
        ClusterRole everything = new ClusterRoleBuilder(aggregate("all", Map.of(), new LabelSelectorBuilder().build()))
                .withRules(rule("verbs=own groups=\"\" resources=x"))
                .build();
        Map<String, ClusterRole> result = ClusterRoleAggregator.aggregate(
                byName(everything, source("s", Map.of(), "verbs=src groups=\"\" resources=x")));
        assertThat(verbs(result.get("all"))).containsExactly("src");
    }

    @Test
    void invalidSelectorSelectsNothing() {
        Map<String, ClusterRole> result = ClusterRoleAggregator.aggregate(byName(
                aggregate("agg", Map.of(), expression("tier", "In")),
                source("s", Map.of("tier", "x"), "verbs=src groups=\"\" resources=x")));
        assertThat(result.get("agg").getRules()).isEmpty();
    }

    private static List<String> verbs(ClusterRole role) {
        return role.getRules().stream().map(r -> r.getVerbs().get(0)).toList();
    }
}
