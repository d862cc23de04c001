package io.kubelpa.tightening;

import static io.kubelpa.testing.RbacFixtures.rules;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.kubelpa.rbac.PolicyRuleSpec;
import io.kubelpa.usage.RequestShape;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleTightenerTest {
    private static RequestShape shape(String verb, String group, String resource, String sub, String ns) {
        return new RequestShape(verb, group, resource, sub, ns, "", "");
    }

    private static List<String> specs(List<PolicyRule> rules) {
        return rules.stream().map(PolicyRuleSpec::format).toList();
    }

    @Test
    void wildcardsBecomeTheValuesUsedAndUnusedRulesGo() {
        List<PolicyRule> role = rules("verbs=* groups=* resources=*", "verbs=get groups=\"\" resources=secrets");
        RuleUsage usage = RuleUsage.of(
                role, List.of(shape("get", "", "pods", "", "a"), shape("patch", "apps", "deployments", "scale", "a")));
        assertThat(usage.used(0)).isTrue();
        assertThat(usage.used(1)).isFalse();
        assertThat(specs(RoleTightener.tighten(role, usage, Set.of(), RoleTightener.Options.EXACT)))
                .containsExactly(
                        "verbs=get groups=\"\" resources=pods", "verbs=patch groups=apps resources=deployments/scale");
    }

    @Test
    void readVerbsExpandOnlyWithinWhatTheRuleGranted() {
        List<PolicyRule> role = rules("verbs=get,list groups=\"\" resources=pods");
        RuleUsage usage = RuleUsage.of(role, List.of(shape("get", "", "pods", "", "a")));
        assertThat(specs(RoleTightener.tighten(role, usage, Set.of(), new RoleTightener.Options(true))))
                .containsExactly("verbs=get,list groups=\"\" resources=pods");
    }

    @Test
    void rulesThatMustStayAreKeptAsTheyAre() {
        List<PolicyRule> role =
                rules("verbs=get groups=\"\" resources=secrets", "verbs=get,list groups=\"\" resources=pods");
        RuleUsage usage = RuleUsage.of(role, List.of(shape("get", "", "pods", "", "a")));
        assertThat(specs(RoleTightener.tighten(role, usage, Set.of(0), RoleTightener.Options.EXACT)))
                .containsExactly("verbs=get groups=\"\" resources=secrets", "verbs=get groups=\"\" resources=pods");
    }

    @Test
    void aShapeTheRoleNoLongerAllowsIsSetAside() {
        List<PolicyRule> role = rules("verbs=get groups=\"\" resources=pods");
        RuleUsage usage = RuleUsage.of(role, List.of(shape("delete", "", "pods", "", "a")));
        assertThat(usage.unmatched()).hasSize(1);
        assertThat(RoleTightener.tighten(role, usage, Set.of(), RoleTightener.Options.EXACT))
                .isEmpty();
    }

    @Test
    void aNamedPermissionAnOpenOneCoversIsNotRepeated() {
        List<PolicyRule> role = rules(
                "verbs=get groups=\"\" resources=configmaps", "verbs=get groups=\"\" resources=configmaps names=app");
        RuleUsage usage = RuleUsage.of(
                role,
                List.of(
                        new RequestShape("get", "", "configmaps", "", "a", "", ""),
                        new RequestShape("get", "", "configmaps", "", "a", "app", "")));
        assertThat(specs(RoleTightener.tighten(role, usage, Set.of(), RoleTightener.Options.EXACT)))
                .containsExactly("verbs=get groups=\"\" resources=configmaps");
    }
}
