package io.kubelpa.authz;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Decisions of one authorizer, by request. Audit logs repeat the same requests all day (the same
 * controllers listing and watching the same resources), so most requests are decided from here. The
 * authorizer is one RBAC version, so the version is part of the key by construction. Bounded: when it
 * holds {@code capacity} requests it starts again empty, which costs one decision per request shape
 * and needs no bookkeeping per hit. A capacity of 0 keeps nothing.
 */
final class DecisionCache {
    private final int capacity;
    private final ConcurrentHashMap<RequestAttributes, AuthorizationDecision> decisions;

    DecisionCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
        this.capacity = capacity;
        this.decisions = new ConcurrentHashMap<>();
    }

    AuthorizationDecision get(RequestAttributes request, Function<RequestAttributes, AuthorizationDecision> decide) {
        AuthorizationDecision known = decisions.get(request);
        if (known != null) {
            return known;
        }
        AuthorizationDecision decision = decide.apply(request);
        if (capacity == 0) {
            return decision;
        }
        if (decisions.size() >= capacity) {
            decisions.clear();
        }
        decisions.put(request, decision);
        return decision;
    }

    int size() {
        return decisions.size();
    }
}
