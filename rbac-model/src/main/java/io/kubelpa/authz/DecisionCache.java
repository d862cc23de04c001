package io.kubelpa.authz;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Authorization decisions by RBAC version and request. Audit logs repeat the same requests all day (the
 * same controllers listing and watching the same resources), so most requests are decided from here.
 * The version is the authorizer that decided, so the authorizers of one RBAC timeline share one cache
 * and one bound, however many versions the timeline has. Bounded: when it holds {@code capacity}
 * decisions it starts again empty, which costs one decision per request shape and needs no bookkeeping
 * per hit. A capacity of 0 keeps nothing.
 */
public final class DecisionCache {
    /** Decisions kept by default: a cluster's controllers make a few thousand distinct requests. */
    public static final int DEFAULT_CAPACITY = 1 << 16;

    private record Key(RbacAuthorizer version, RequestAttributes request) {}

    private final int capacity;
    private final ConcurrentHashMap<Key, AuthorizationDecision> decisions;

    public DecisionCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
        this.capacity = capacity;
        this.decisions = new ConcurrentHashMap<>();
    }

    AuthorizationDecision get(
            RbacAuthorizer version,
            RequestAttributes request,
            Function<RequestAttributes, AuthorizationDecision> decide) {
        Key key = new Key(version, request);
        AuthorizationDecision known = decisions.get(key);
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
        decisions.put(key, decision);
        return decision;
    }

    int size() {
        return decisions.size();
    }
}
