package io.kubelpa.proposal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.PolicyRuleSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class TightenSummaryTest {
    private static PolicyRule rule(String spec) {
        return PolicyRuleSpec.parse(spec);
    }

    @Test
    void oneWildcardRuleSplitIntoTwoNarrowOnesNeverReadsAsAWidening() {
        assertThat(ProposalPlanner.tightenSummary(
                        ObjectRef.clusterRole("platform-operator"),
                        List.of(rule("verbs=* groups=apps resources=*")),
                        List.of(
                                rule("verbs=get groups=apps resources=deployments"),
                                rule("verbs=list groups=apps resources=replicasets")),
                        1))
                .isEqualTo("Tighten ClusterRole/platform-operator to what its 1 binding used:"
                        + " 1 rule (1 with a wildcard) becomes 2 narrower rules");
    }

    @Test
    void fewerRulesAreCountedPlainly() {
        assertThat(ProposalPlanner.tightenSummary(
                        ObjectRef.clusterRole("ci"),
                        List.of(
                                rule("verbs=get groups=\"\" resources=pods"),
                                rule("verbs=get groups=\"\" resources=secrets"),
                                rule("verbs=get groups=\"\" resources=nodes")),
                        List.of(rule("verbs=get groups=\"\" resources=pods")),
                        2))
                .isEqualTo("Tighten ClusterRole/ci to what its 2 bindings used: 3 rules become 1 rule");
    }
}
