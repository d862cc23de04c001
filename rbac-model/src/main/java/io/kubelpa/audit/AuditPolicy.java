package io.kubelpa.audit;

import java.util.List;
import java.util.Set;

/**
 * An API server audit policy (audit.k8s.io Policy): rules evaluated in order, the first match giving
 * the level and stages to omit (joined with the policy's own omitStages); no match means level None.
 */
public record AuditPolicy(List<Rule> rules, Set<String> omitStages) {
    public static final String LEVEL_NONE = "None";
    public static final Set<String> LEVELS = Set.of(LEVEL_NONE, "Metadata", "Request", "RequestResponse");

    public AuditPolicy {
        rules = List.copyOf(rules);
        omitStages = Set.copyOf(omitStages);
    }

    /** One policy rule. Empty lists match everything, as in the API server. */
    public record Rule(
            String level,
            List<String> users,
            List<String> userGroups,
            List<String> verbs,
            List<GroupResources> resources,
            List<String> namespaces,
            List<String> nonResourceURLs,
            Set<String> omitStages) {
        public Rule {
            users = List.copyOf(users);
            userGroups = List.copyOf(userGroups);
            verbs = List.copyOf(verbs);
            resources = List.copyOf(resources);
            namespaces = List.copyOf(namespaces);
            nonResourceURLs = List.copyOf(nonResourceURLs);
            omitStages = Set.copyOf(omitStages);
        }
    }

    /** A group's resources (and names) a rule applies to; empty resources mean all of the group. */
    public record GroupResources(String group, List<String> resources, List<String> resourceNames) {
        public GroupResources {
            resources = List.copyOf(resources);
            resourceNames = List.copyOf(resourceNames);
        }
    }

    /**
     * Whether a request matched by {@code rule} is logged with its authorization decision: at a level
     * other than None, and with at least one of the stages that carry the decision.
     */
    public boolean recordsDecision(Rule rule) {
        if (LEVEL_NONE.equals(rule.level())) {
            return false;
        }
        boolean started =
                omitStages.contains("ResponseStarted") || rule.omitStages().contains("ResponseStarted");
        boolean complete =
                omitStages.contains("ResponseComplete") || rule.omitStages().contains("ResponseComplete");
        return !(started && complete);
    }
}
