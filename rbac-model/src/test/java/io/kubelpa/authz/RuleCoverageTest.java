package io.kubelpa.authz;

import static io.kubelpa.testing.RbacFixtures.rules;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RuleCoverageTest {
    @Test
    void wildcardsCoverConcreteItems() {
        assertThat(RuleCoverage.covers(
                        rules("verbs=* groups=* resources=*"),
                        rules("verbs=get,list groups=apps resources=deployments,deployments/scale")))
                .isTrue();
    }

    @Test
    void subresourceWildcardCoversOnlyThatSubresource() {
        assertThat(RuleCoverage.covers(
                        rules("verbs=get groups=apps resources=*/scale"),
                        rules("verbs=get groups=apps resources=deployments/scale")))
                .isTrue();
        assertThat(RuleCoverage.covers(
                        rules("verbs=get groups=apps resources=*/scale"),
                        rules("verbs=get groups=apps resources=deployments")))
                .isFalse();
    }

    @Test
    void unnamedItemNeedsAnUnnamedOwnerRule() {
        assertThat(RuleCoverage.covers(
                        rules("verbs=get groups=\"\" resources=secrets names=a"),
                        rules("verbs=get groups=\"\" resources=secrets")))
                .isFalse();
        assertThat(RuleCoverage.covers(
                        rules("verbs=get groups=\"\" resources=secrets"),
                        rules("verbs=get groups=\"\" resources=secrets names=a")))
                .isTrue();
        assertThat(RuleCoverage.covers(
                        rules("verbs=get groups=\"\" resources=secrets names=a,b"),
                        rules("verbs=get groups=\"\" resources=secrets names=b")))
                .isTrue();
    }

    @Test
    void itemsMayBeCoveredByDifferentOwnerRules() {
        assertThat(RuleCoverage.uncovered(
                        rules("verbs=get groups=\"\" resources=pods", "verbs=list groups=\"\" resources=pods"),
                        rules("verbs=get,list,watch groups=\"\" resources=pods")))
                .extracting(r -> r.getVerbs().get(0))
                .containsExactly("watch");
    }

    @Test
    void urlsCoverByEqualityOrStarPrefix() {
        assertThat(RuleCoverage.covers(rules("verbs=get urls=/healthz/*"), rules("verbs=get urls=/healthz/etcd")))
                .isTrue();
        assertThat(RuleCoverage.covers(rules("verbs=get urls=/healthz/*"), rules("verbs=get urls=/healthz")))
                .isFalse();
        assertThat(RuleCoverage.covers(rules("verbs=* urls=*"), rules("verbs=get urls=/metrics")))
                .isTrue();
    }
}
