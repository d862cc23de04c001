package io.kubelpa.usage;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.kubelpa.audit.AuditEvent;
import io.kubelpa.audit.ObjectReference;
import io.kubelpa.audit.Outcome;
import io.kubelpa.audit.RequestInfoParser;
import io.kubelpa.authz.AuthorizationDecision;
import io.kubelpa.authz.Grant;
import io.kubelpa.authz.RbacAuthorizer;
import io.kubelpa.authz.RequestAttributes;
import io.kubelpa.authz.UserInfo;
import io.kubelpa.rbac.RbacSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one deduplicated audit event into ledger records. An allowed request is credited to every
 * grant of the snapshot that allows it; the audit reason, when present, is the cross-check: an
 * RBAC reason the snapshot cannot reproduce is a mismatch, and an allow by another authorizer
 * (empty reason: system:masters, Node, webhook) credits no binding: what the RBAC given does not
 * explain is recorded as use outside RBAC, by the authorizer the log names. A denied request is recorded as
 * needed-but-not-granted. For an impersonated request, the effective subject is the impersonated
 * user, and the impersonator's {@code impersonate} rights are recorded as its own use.
 */
public final class UsageAttributor {
    private static final String AUTHENTICATION = "authentication.k8s.io";

    private UsageAttributor() {}

    public static Attribution attribute(AuditEvent event, RbacAuthorizer authorizer) {
        Outcome outcome = Outcome.of(event);
        UserInfo user = effectiveUser(event);
        RequestAttributes request = RequestInfoParser.attributes(event, user);
        boolean refMismatch = outcome != Outcome.INCOMPLETE && disagrees(event.objectRef(), request);
        List<UsageRecord> records = new ArrayList<>();
        if (outcome == Outcome.DENIED) {
            records.add(new UsageRecord(
                    user.name(), null, RequestShape.of(request, false), event.timeMicros(), event.auditID()));
            return new Attribution(outcome, records, null, false, refMismatch);
        }
        if (outcome != Outcome.ALLOWED) {
            return new Attribution(outcome, records, null, false, refMismatch);
        }
        String reason = event.reason();
        String mismatch = null;
        boolean outside;
        if (reason != null && !AuthorizedBy.isRbacReason(reason)) {
            outside = true;
        } else {
            AuthorizationDecision decision = authorizer.authorize(request);
            records.addAll(credit(request, decision, event.timeMicros(), event.auditID(), authorizer.snapshot()));
            if (reason != null
                    && decision.grants().stream()
                            .noneMatch(g -> authorizer.reasonOf(g).equals(reason))) {
                mismatch = reason;
            }
            outside = decision.grants().isEmpty();
        }
        if (outside) {
            // Named objects are kept: a role generated from this use may restrict them by name.
            records.add(new UsageRecord(
                    user.name(),
                    GrantKey.outsideRbac(AuthorizedBy.of(event, user)),
                    RequestShape.of(request, true),
                    event.timeMicros(),
                    event.auditID()));
        }
        if (event.impersonatedUser() != null) {
            records.addAll(impersonation(event, authorizer));
        }
        return new Attribution(outcome, records, mismatch, outside, refMismatch);
    }

    /** The ledger records of an allowed request: one per grant that allows it. */
    public static List<UsageRecord> credit(
            RequestAttributes request,
            AuthorizationDecision decision,
            long timeMicros,
            String auditID,
            RbacSnapshot snapshot) {
        List<UsageRecord> records = new ArrayList<>(decision.grants().size());
        for (Grant grant : decision.grants()) {
            records.add(new UsageRecord(
                    request.user().name(), GrantKey.of(grant), shape(request, grant, snapshot), timeMicros, auditID));
        }
        return records;
    }

    /** Whether the objectRef names a different group, resource, subresource or namespace than the URI. */
    private static boolean disagrees(ObjectReference ref, RequestAttributes request) {
        if (ref == null || !request.resourceRequest() || ref.resource().isEmpty()) {
            return false;
        }
        return !ref.apiGroup().equals(request.apiGroup())
                || !ref.resource().equals(request.resource())
                || !ref.subresource().equals(request.subresource())
                || !ref.namespace().equals(request.namespace());
    }

    /** Authentication adds groups the GKE export leaves out; those at least can be restored. */
    private static UserInfo effectiveUser(AuditEvent event) {
        UserInfo user = event.effectiveUser();
        return event.degraded() && user.groups().isEmpty() ? UserInfo.withDefaultGroups(user.name(), List.of()) : user;
    }

    /** The name is part of the shape only where the allowing rule is name-restricted. */
    private static RequestShape shape(RequestAttributes request, Grant grant, RbacSnapshot snapshot) {
        PolicyRule rule = ruleOf(grant, snapshot);
        boolean named = rule != null
                && rule.getResourceNames() != null
                && !rule.getResourceNames().isEmpty();
        return RequestShape.of(request, named);
    }

    private static PolicyRule ruleOf(Grant grant, RbacSnapshot snapshot) {
        List<PolicyRule> rules =
                switch (grant.role().kind()) {
                    case "ClusterRole" ->
                        snapshot.clusterRole(grant.role().name())
                                .map(r -> r.getRules())
                                .orElse(null);
                    default ->
                        snapshot.role(grant.role().namespace(), grant.role().name())
                                .map(r -> r.getRules())
                                .orElse(null);
                };
        return rules == null || grant.ruleIndex() >= rules.size() ? null : rules.get(grant.ruleIndex());
    }

    /**
     * The impersonation checks the API server made before the request ran, as the impersonator:
     * impersonate on users (or serviceaccounts in the account's namespace), on each group that was
     * asked for (not the ones authentication adds), on the uid, and on each extra value
     * ({@code userextras/<key>} named by the value).
     */
    private static List<UsageRecord> impersonation(AuditEvent event, RbacAuthorizer authorizer) {
        UserInfo impersonator = event.user();
        UserInfo target = event.impersonatedUser();
        List<RequestAttributes> checks = new ArrayList<>();
        UserInfo.ServiceAccountName account = UserInfo.ServiceAccountName.parse(target.name());
        if (account != null) {
            checks.add(RequestAttributes.resource(
                    impersonator, "impersonate", account.namespace(), "", "serviceaccounts", "", account.name()));
        } else {
            checks.add(RequestAttributes.resource(impersonator, "impersonate", "", "", "users", "", target.name()));
        }
        if (!target.uid().isEmpty()) {
            checks.add(RequestAttributes.resource(
                    impersonator, "impersonate", "", AUTHENTICATION, "uids", "", target.uid()));
        }
        target.extra()
                .forEach((key, values) -> values.forEach(value -> checks.add(RequestAttributes.resource(
                        impersonator, "impersonate", "", AUTHENTICATION, "userextras", key, value))));
        for (String group : target.groups()) {
            boolean automatic = UserInfo.AUTHENTICATED.equals(group)
                    || (account != null
                            && (UserInfo.SERVICE_ACCOUNTS.equals(group)
                                    || (UserInfo.SERVICE_ACCOUNTS + ":" + account.namespace()).equals(group)));
            if (!automatic) {
                checks.add(RequestAttributes.resource(impersonator, "impersonate", "", "", "groups", "", group));
            }
        }
        List<UsageRecord> records = new ArrayList<>();
        for (RequestAttributes check : checks) {
            AuthorizationDecision decision = authorizer.authorize(check);
            if (decision.grants().isEmpty()) {
                // The API server ran the request, so another authorizer allowed the impersonation: kept,
                // named, as use outside RBAC, so a role generated for the impersonator allows it.
                AuthorizedBy by = impersonator.groups().contains(AuthorizedBy.MASTERS)
                        ? AuthorizedBy.SUPERUSER
                        : AuthorizedBy.UNKNOWN;
                records.add(new UsageRecord(
                        impersonator.name(),
                        GrantKey.outsideRbac(by),
                        RequestShape.of(check, true),
                        event.timeMicros(),
                        event.auditID()));
            }
            for (Grant grant : decision.grants()) {
                records.add(new UsageRecord(
                        impersonator.name(),
                        GrantKey.of(grant),
                        shape(check, grant, authorizer.snapshot()),
                        event.timeMicros(),
                        event.auditID()));
            }
        }
        return records;
    }
}
