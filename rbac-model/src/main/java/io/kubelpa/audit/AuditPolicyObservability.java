package io.kubelpa.audit;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.kubelpa.authz.RuleCoverage;
import io.kubelpa.authz.SubjectRef;
import io.kubelpa.authz.UserInfo;
import io.kubelpa.rbac.RbacKind;
import java.util.List;

/**
 * What an audit policy lets the logs show. A grant rule is observed when every request it allows
 * its subjects in its scope reaches a policy rule that records the decision before any that drops
 * it. Grants are sets of requests (wildcards, group members whose names and other groups are
 * unknown), so each policy condition is answered yes, no or maybe; a "maybe" match of a dropping rule
 * already makes the grant unobservable, while only a "yes" match of a recording rule settles it.
 */
public final class AuditPolicyObservability implements Observability {
    private enum Match {
        NO,
        MAYBE,
        YES;

        Match and(Match other) {
            return values()[Math.min(ordinal(), other.ordinal())];
        }

        Match or(Match other) {
            return values()[Math.max(ordinal(), other.ordinal())];
        }
    }

    private final AuditPolicy policy;

    public AuditPolicyObservability(AuditPolicy policy) {
        this.policy = policy;
    }

    @Override
    public boolean observes(List<SubjectRef> subjects, String namespace, PolicyRule rule) {
        for (SubjectRef subject : subjects) {
            for (PolicyRule item : RuleCoverage.breakdown(rule)) {
                if (!observed(subject, namespace, item)) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean observed(SubjectRef subject, String namespace, PolicyRule item) {
        for (AuditPolicy.Rule rule : policy.rules()) {
            Match match = matches(rule, subject, namespace, item);
            if (match == Match.NO) {
                continue;
            }
            if (!policy.recordsDecision(rule)) {
                return false;
            }
            if (match == Match.YES) {
                return true;
            }
        }
        return false;
    }

    private static Match matches(AuditPolicy.Rule rule, SubjectRef subject, String namespace, PolicyRule item) {
        Match match = users(rule.users(), subject).and(groups(rule.userGroups(), subject));
        if (!rule.verbs().isEmpty()) {
            String verb = item.getVerbs().get(0);
            match = match.and(verb.equals("*") ? Match.MAYBE : rule.verbs().contains(verb) ? Match.YES : Match.NO);
        }
        boolean nonResource =
                item.getNonResourceURLs() != null && !item.getNonResourceURLs().isEmpty();
        if (!rule.namespaces().isEmpty() || !rule.resources().isEmpty()) {
            return nonResource
                    ? Match.NO
                    : match.and(namespaces(rule.namespaces(), namespace)).and(resources(rule.resources(), item));
        }
        if (!rule.nonResourceURLs().isEmpty()) {
            return nonResource
                    ? match.and(urls(
                            rule.nonResourceURLs(), item.getNonResourceURLs().get(0)))
                    : Match.NO;
        }
        return match;
    }

    private static Match users(List<String> users, SubjectRef subject) {
        if (users.isEmpty()) {
            return Match.YES;
        }
        return switch (subject.kind()) {
            case RbacKind.USER -> users.contains(subject.name()) ? Match.YES : Match.NO;
            case RbacKind.SERVICE_ACCOUNT -> users.contains(serviceAccountUser(subject)) ? Match.YES : Match.NO;
            default -> Match.MAYBE;
        };
    }

    private static Match groups(List<String> groups, SubjectRef subject) {
        if (groups.isEmpty()) {
            return Match.YES;
        }
        if (RbacKind.SERVICE_ACCOUNT.equals(subject.kind())) {
            // A service account's groups are exactly the ones authentication gives it.
            return UserInfo.withDefaultGroups(serviceAccountUser(subject), List.of()).groups().stream()
                            .anyMatch(groups::contains)
                    ? Match.YES
                    : Match.NO;
        }
        if (groups.contains(UserInfo.AUTHENTICATED)
                || (RbacKind.GROUP_SUBJECT.equals(subject.kind()) && groups.contains(subject.name()))) {
            return Match.YES;
        }
        return Match.MAYBE;
    }

    private static Match namespaces(List<String> namespaces, String bindingNamespace) {
        if (namespaces.isEmpty()) {
            return Match.YES;
        }
        if (bindingNamespace.isEmpty()) {
            return Match.MAYBE;
        }
        return namespaces.contains(bindingNamespace) ? Match.YES : Match.NO;
    }

    private static Match resources(List<AuditPolicy.GroupResources> resources, PolicyRule item) {
        if (resources.isEmpty()) {
            return Match.YES;
        }
        String group = item.getApiGroups().get(0);
        String combined = item.getResources().get(0);
        String name = item.getResourceNames() == null || item.getResourceNames().isEmpty()
                ? null
                : item.getResourceNames().get(0);
        Match any = Match.NO;
        for (AuditPolicy.GroupResources gr : resources) {
            Match groupMatch = group.equals("*") ? Match.MAYBE : gr.group().equals(group) ? Match.YES : Match.NO;
            if (groupMatch == Match.NO) {
                continue;
            }
            if (gr.resources().isEmpty()) {
                any = any.or(groupMatch);
                continue;
            }
            Match names = gr.resourceNames().isEmpty()
                    ? Match.YES
                    : name == null ? Match.MAYBE : gr.resourceNames().contains(name) ? Match.YES : Match.NO;
            for (String resource : gr.resources()) {
                any = any.or(groupMatch.and(names).and(resource(resource, combined)));
            }
        }
        return any;
    }

    /** The policy's resource forms: exact, {@code *}, {@code *}{@code /sub}, and {@code res/*} (which also matches {@code res}). */
    private static Match resource(String policy, String combined) {
        if (policy.equals("*") || policy.equals(combined)) {
            return Match.YES;
        }
        int slash = combined.indexOf('/');
        String base = slash < 0 ? combined : combined.substring(0, slash);
        String sub = slash < 0 ? "" : combined.substring(slash + 1);
        if (combined.equals("*")) {
            return Match.MAYBE;
        }
        if (policy.startsWith("*/")) {
            String wanted = policy.substring(2);
            return sub.equals("*") ? Match.MAYBE : !sub.isEmpty() && sub.equals(wanted) ? Match.YES : Match.NO;
        }
        if (policy.endsWith("/*")) {
            String wanted = policy.replaceAll("[/*]+$", "");
            return base.equals("*") ? Match.MAYBE : base.equals(wanted) ? Match.YES : Match.NO;
        }
        return base.equals("*") || sub.equals("*") ? Match.MAYBE : Match.NO;
    }

    /** The policy's path specs against a grant's URL, which may itself be a prefix glob ({@code /logs/*}). */
    private static Match urls(List<String> specs, String url) {
        Match any = Match.NO;
        boolean glob = url.endsWith("*");
        String urlPrefix = url.replaceAll("\\*+$", "");
        for (String spec : specs) {
            boolean specGlob = spec.endsWith("*");
            String specPrefix = spec.replaceAll("\\*+$", "");
            if (!glob) {
                any = any.or(spec.equals(url) || (specGlob && url.startsWith(specPrefix)) ? Match.YES : Match.NO);
            } else if (specGlob && urlPrefix.startsWith(specPrefix)) {
                any = any.or(Match.YES);
            } else if (specGlob ? specPrefix.startsWith(urlPrefix) : spec.startsWith(urlPrefix)) {
                any = any.or(Match.MAYBE);
            }
        }
        return any;
    }

    private static String serviceAccountUser(SubjectRef subject) {
        return UserInfo.SERVICE_ACCOUNT_PREFIX + subject.namespace() + ":" + subject.name();
    }
}
