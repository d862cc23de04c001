package io.kubelpa.authz;

import static io.kubelpa.testing.RbacFixtures.clusterRole;
import static io.kubelpa.testing.RbacFixtures.roleBinding;
import static io.kubelpa.testing.RbacFixtures.snapshot;
import static io.kubelpa.testing.RbacFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DecisionCacheTest {
    private static final UserInfo ALICE = UserInfo.withDefaultGroups("alice", List.of());

    private static final RbacAuthorizer VERSION = RbacAuthorizer.withoutDecisionCache(snapshot());

    private static RequestAttributes get(String namespace, String name) {
        return RequestAttributes.resource(ALICE, "get", namespace, "", "pods", "", name);
    }

    @Test
    void aRequestSeenBeforeIsNotDecidedAgain() {
        DecisionCache cache = new DecisionCache(8);
        AtomicInteger decided = new AtomicInteger();
        AuthorizationDecision first = cache.get(VERSION, get("a", "x"), r -> {
            decided.incrementAndGet();
            return AuthorizationDecision.of(List.of(), List.of());
        });
        AuthorizationDecision again = cache.get(VERSION, get("a", "x"), r -> {
            decided.incrementAndGet();
            return AuthorizationDecision.of(List.of(), List.of("other"));
        });
        assertThat(again).isSameAs(first);
        assertThat(decided).hasValue(1);
    }

    @Test
    void itNeverHoldsMoreThanItsCapacity() {
        DecisionCache cache = new DecisionCache(4);
        AtomicInteger decided = new AtomicInteger();
        for (int i = 0; i < 10; i++) {
            cache.get(VERSION, get("a", "pod-" + i), r -> {
                decided.incrementAndGet();
                return AuthorizationDecision.of(List.of(), List.of());
            });
            assertThat(cache.size()).isLessThanOrEqualTo(4);
        }
        assertThat(decided).hasValue(10);
        assertThatThrownBy(() -> new DecisionCache(-1)).isInstanceOf(IllegalArgumentException.class);
        DecisionCache none = new DecisionCache(0);
        none.get(VERSION, get("a", "x"), r -> AuthorizationDecision.of(List.of(), List.of()));
        assertThat(none.size()).isZero();
    }

    @Test
    void cachedDecisionsEqualFreshOnesAcrossAFullCache() {
        RbacAuthorizer cached = new RbacAuthorizer(snapshot(
                clusterRole("reader", "verbs=get groups=\"\" resources=pods names=pod-3,pod-7"),
                roleBinding("a", "read", "ClusterRole", "reader", user("alice"))));
        RbacAuthorizer fresh = new RbacAuthorizer(cached.snapshot());
        int requests = DecisionCache.DEFAULT_CAPACITY + 100;
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < requests; i++) {
                RequestAttributes request = get(i % 2 == 0 ? "a" : "b", "pod-" + (round == 0 ? i : i % 10));
                AuthorizationDecision decision = cached.authorize(request);
                if (i % 1000 < 20) {
                    assertThat(decision).isEqualTo(fresh.decide(request));
                }
            }
        }
        assertThat(cached.decisionsKept()).isPositive().isLessThanOrEqualTo(DecisionCache.DEFAULT_CAPACITY);
    }

    @Test
    void versionsSharingACacheKeepTheirOwnDecisionsUnderOneBound() {
        DecisionCache shared = new DecisionCache(3);
        RbacAuthorizer allowing = new RbacAuthorizer(
                snapshot(
                        clusterRole("reader", "verbs=get groups=\"\" resources=pods"),
                        roleBinding("a", "read", "ClusterRole", "reader", user("alice"))),
                shared);
        RbacAuthorizer denying = new RbacAuthorizer(snapshot(), shared);
        for (int i = 0; i < 10; i++) {
            RequestAttributes request = get("a", "pod-" + (i % 2));
            assertThat(allowing.authorize(request).allowed()).isTrue();
            assertThat(denying.authorize(request).allowed()).isFalse();
            assertThat(shared.size()).isLessThanOrEqualTo(3);
        }
    }
}
