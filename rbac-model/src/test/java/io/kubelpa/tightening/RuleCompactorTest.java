package io.kubelpa.tightening;

import static io.kubelpa.testing.RbacFixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.kubelpa.authz.RuleCoverage;
import io.kubelpa.rbac.PolicyRuleSpec;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleCompactorTest {
    private static Permission p(String group, String resource, String verb, String name) {
        return new Permission(group, resource, verb, name, "");
    }

    private static List<String> specs(List<PolicyRule> rules) {
        return rules.stream().map(PolicyRuleSpec::format).toList();
    }

    @Test
    void groupsVerbsThenResourcesThenApiGroups() {
        List<PolicyRule> rules = RuleCompactor.compact(Set.of(
                p("", "pods", "list", ""),
                p("", "pods", "get", ""),
                p("", "configmaps", "get", ""),
                p("", "configmaps", "list", ""),
                p("apps", "deployments", "patch", ""),
                p("batch", "deployments", "patch", "")));
        assertThat(specs(rules))
                .containsExactly(
                        "verbs=get,list groups=\"\" resources=configmaps,pods",
                        "verbs=patch groups=apps,batch resources=deployments");
    }

    @Test
    void namedAndUnnamedPermissionsNeverMerge() {
        List<PolicyRule> rules = RuleCompactor.compact(Set.of(
                p("", "configmaps", "get", ""),
                p("", "configmaps", "get", "app-config"),
                p("", "configmaps", "get", "other")));
        assertThat(specs(rules))
                .containsExactlyInAnyOrder(
                        "verbs=get groups=\"\" resources=configmaps",
                        "verbs=get groups=\"\" resources=configmaps names=app-config,other");
    }

    @Test
    void nonResourceUrlsAreGroupedByVerbs() {
        List<PolicyRule> rules = RuleCompactor.compact(Set.of(
                new Permission("", "", "get", "", "/healthz"),
                new Permission("", "", "get", "", "/metrics"),
                new Permission("", "", "post", "", "/metrics")));
        assertThat(specs(rules)).containsExactly("verbs=get urls=/healthz", "verbs=get,post urls=/metrics");
    }

    @Test
    void theRulesGrantExactlyThePermissionsGiven() {
        Set<Permission> given = Set.of(
                p("", "pods", "get", ""),
                p("", "pods/log", "get", ""),
                p("apps", "deployments", "get", ""),
                p("", "secrets", "get", "a"),
                p("", "secrets", "update", "b"));
        List<PolicyRule> rules = RuleCompactor.compact(given);
        List<PolicyRule> single = given.stream()
                .map(g -> rule("verbs=" + g.verb() + " groups=" + (g.apiGroup().isEmpty() ? "\"\"" : g.apiGroup())
                        + " resources=" + g.resource()
                        + (g.resourceName().isEmpty() ? "" : " names=" + g.resourceName())))
                .toList();
        assertThat(RuleCoverage.covers(single, rules)).isTrue();
        assertThat(RuleCoverage.covers(rules, single)).isTrue();
    }
}
