package io.kubelpa.risk;

import static io.kubelpa.risk.RuleTarget.NamePolicy.EXEMPT;
import static io.kubelpa.risk.RuleTarget.NamePolicy.NOT_EXEMPT;
import static io.kubelpa.risk.RuleTarget.ScopeNeed.ANY;
import static io.kubelpa.risk.RuleTarget.ScopeNeed.CLUSTER;
import static io.kubelpa.risk.Severity.CRITICAL;
import static io.kubelpa.risk.Severity.HIGH;
import static io.kubelpa.risk.Severity.LOW;
import static io.kubelpa.risk.Severity.MEDIUM;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The 38 escalation-prone grant patterns kube-lpa reports, with their stable ids, and the rule
 * targets of the patterns that a single rule can trigger. Ids never change: reports, SARIF rules and
 * tests use them.
 */
public final class EscalationCatalog {
    private static final Map<String, EscalationPattern> PATTERNS = new LinkedHashMap<>();

    public static final EscalationPattern SECRETS_READ = add(
            "RBAC-ESC-SECRETS-READ",
            "Read Secrets",
            CRITICAL,
            HIGH,
            "Grant get on the named Secrets the workload needs (resourceNames) instead of reading every Secret.");
    public static final EscalationPattern SECRETS_WRITE = add(
            "RBAC-ESC-SECRETS-WRITE",
            "Create or modify Secrets (token minting)",
            CRITICAL,
            MEDIUM,
            "Remove create on Secrets; limit update/patch to named Secrets.");
    public static final EscalationPattern TOKEN_REQUEST = add(
            "RBAC-ESC-TOKEN-REQUEST",
            "Issue service-account tokens (TokenRequest)",
            CRITICAL,
            MEDIUM,
            "Remove create on serviceaccounts/token unless the subject must mint tokens for named accounts.");
    public static final EscalationPattern WORKLOAD_CREATE = add(
            "RBAC-ESC-WORKLOAD-CREATE",
            "Create pods or pod controllers",
            CRITICAL,
            HIGH,
            "Keep workload creation for deployment tooling only, in namespaces that enforce Pod Security.");
    public static final EscalationPattern WORKLOAD_MODIFY = add(
            "RBAC-ESC-WORKLOAD-MODIFY",
            "Update or patch pods or pod controllers",
            CRITICAL,
            HIGH,
            "Limit update/patch to the named workloads (resourceNames) or to the scale subresource.");
    public static final EscalationPattern POD_EXEC = add(
            "RBAC-ESC-POD-EXEC",
            "Exec into pods",
            HIGH,
            MEDIUM,
            "Remove pods/exec; use logs or ephemeral debugging through a controlled path.");
    public static final EscalationPattern POD_ATTACH =
            add("RBAC-ESC-POD-ATTACH", "Attach to pods", HIGH, MEDIUM, "Remove pods/attach.");
    public static final EscalationPattern EPHEMERAL_CONTAINERS = add(
            "RBAC-ESC-EPHEMERAL-CONTAINERS",
            "Add ephemeral containers",
            HIGH,
            MEDIUM,
            "Remove update/patch on pods/ephemeralcontainers.");
    public static final EscalationPattern NODES_PROXY = add(
            "RBAC-ESC-NODES-PROXY",
            "Kubelet API through nodes/proxy",
            CRITICAL,
            CRITICAL,
            "Replace nodes/proxy with the fine-grained kubelet subresources (nodes/metrics, nodes/stats, nodes/log).");
    public static final EscalationPattern PV_CREATE = add(
            "RBAC-ESC-PV-CREATE",
            "Create PersistentVolumes",
            HIGH,
            HIGH,
            "Let a StorageClass provisioner create volumes instead of granting create on persistentvolumes.");
    public static final EscalationPattern STEAL_PODS = add(
            "RBAC-ESC-STEAL-PODS",
            "Move powerful pods onto a controlled node",
            HIGH,
            HIGH,
            "Separate node modification from pod eviction/deletion.");
    public static final EscalationPattern ESCALATE_VERB =
            add("RBAC-ESC-ESCALATE-VERB", "escalate on roles", CRITICAL, HIGH, "Remove the escalate verb.");
    public static final EscalationPattern BIND_VERB = add(
            "RBAC-ESC-BIND-VERB",
            "bind on roles",
            CRITICAL,
            HIGH,
            "Limit bind to named, non-escalating roles (resourceNames).");
    public static final EscalationPattern IMPERSONATE = add(
            "RBAC-ESC-IMPERSONATE",
            "Impersonate identities",
            CRITICAL,
            HIGH,
            "Remove impersonate, or restrict it to named identities with constrained impersonation.");
    public static final EscalationPattern CSR_APPROVE = add(
            "RBAC-ESC-CSR-APPROVE",
            "Approve client certificates",
            CRITICAL,
            HIGH,
            "Restrict approve to custom signers the API server does not trust.");
    public static final EscalationPattern CSR_SIGN = add(
            "RBAC-RISK-CSR-SIGN",
            "Sign CSRs for a trusted signer",
            MEDIUM,
            MEDIUM,
            "Restrict sign to the signer this controller owns.");
    public static final EscalationPattern BINDING_WRITE = add(
            "RBAC-RISK-BINDING-WRITE",
            "Write role bindings",
            MEDIUM,
            LOW,
            "Limit binding writes to the tooling that manages access.");
    public static final EscalationPattern ROLE_WRITE = add(
            "RBAC-RISK-ROLE-WRITE",
            "Write roles",
            MEDIUM,
            LOW,
            "Limit role writes to the tooling that manages access.");
    public static final EscalationPattern ADMISSION_WEBHOOK = add(
            "RBAC-ESC-ADMISSION-WEBHOOK",
            "Control mutating/validating webhooks",
            HIGH,
            HIGH,
            "Remove write access to webhook configurations.");
    public static final EscalationPattern ADMISSION_BYPASS = add(
            "RBAC-RISK-ADMISSION-BYPASS",
            "Remove or weaken admission guardrails",
            MEDIUM,
            MEDIUM,
            "Remove delete and write access to admission policies and webhooks.");
    public static final EscalationPattern APISERVICE_WRITE = add(
            "RBAC-ESC-APISERVICE-WRITE",
            "Register or redirect aggregated APIs",
            HIGH,
            HIGH,
            "Remove write access to apiservices.");
    public static final EscalationPattern NAMESPACE_MODIFY =
            add("RBAC-ESC-NAMESPACE-MODIFY", "Relabel namespaces", HIGH, MEDIUM, "Remove update/patch on namespaces.");
    public static final EscalationPattern KUBESYSTEM_CONFIG_WRITE = add(
            "RBAC-ESC-KUBESYSTEM-CONFIG-WRITE",
            "Rewrite kube-system configuration",
            HIGH,
            HIGH,
            "Limit configmap writes in kube-system to named, non-sensitive ConfigMaps.");
    public static final EscalationPattern MITM_SERVICE_STATUS = add(
            "RBAC-MITM-SERVICE-STATUS",
            "Write Service status",
            MEDIUM,
            MEDIUM,
            "Remove update/patch on services/status.");
    public static final EscalationPattern MITM_POD_STATUS =
            add("RBAC-MITM-POD-STATUS", "Write pod status", LOW, LOW, "Remove update/patch on pods/status.");
    public static final EscalationPattern MITM_ENDPOINTS_WRITE = add(
            "RBAC-MITM-ENDPOINTS-WRITE",
            "Write Endpoints or EndpointSlices",
            LOW,
            LOW,
            "Let the endpoints controllers own Endpoints and EndpointSlices.");
    public static final EscalationPattern POD_PORTFORWARD =
            add("RBAC-RISK-POD-PORTFORWARD", "Port-forward to pods", MEDIUM, LOW, "Remove pods/portforward.");
    public static final EscalationPattern PROXY_SUBRESOURCE = add(
            "RBAC-RISK-PROXY-SUBRESOURCE",
            "Proxy to pods or services",
            LOW,
            LOW,
            "Remove pods/proxy and services/proxy.");
    public static final EscalationPattern DELETE_BROAD = add(
            "RBAC-RISK-DELETE-BROAD",
            "Delete anything",
            MEDIUM,
            LOW,
            "List the resources that may be deleted instead of using *.");
    public static final EscalationPattern EVENTS_DELETE =
            add("RBAC-RISK-EVENTS-DELETE", "Delete events", LOW, LOW, "Remove delete on events.");
    public static final EscalationPattern NODE_MODIFY = add(
            "RBAC-RISK-NODE-MODIFY",
            "Modify nodes",
            LOW,
            LOW,
            "Limit node updates to named nodes or to the node's own kubelet.");
    public static final EscalationPattern AGGREGATE_TO_BUILTIN = add(
            "RBAC-RISK-AGGREGATE-TO-BUILTIN",
            "Feed escalating rules into built-in roles",
            HIGH,
            MEDIUM,
            "Drop the aggregate-to-* label or the escalating rules from this ClusterRole.");
    public static final EscalationPattern WILD_ALL = add(
            "RBAC-WILD-ALL",
            "Full wildcard rule",
            CRITICAL,
            HIGH,
            "Replace the wildcard rule with the verbs, groups and resources actually used.");
    public static final EscalationPattern WILD_PARTIAL = add(
            "RBAC-WILD-PARTIAL",
            "Partial wildcard",
            LOW,
            LOW,
            "Replace * with the concrete verbs, groups or resources actually used.");
    public static final EscalationPattern WILD_NONRESOURCE = add(
            "RBAC-WILD-NONRESOURCE",
            "Wildcard non-resource URLs",
            LOW,
            LOW,
            "List the non-resource paths needed (e.g. /healthz, /metrics).");
    public static final EscalationPattern BINDING_CLUSTER_ADMIN = add(
            "RBAC-BINDING-CLUSTER-ADMIN",
            "Binding to cluster-admin",
            CRITICAL,
            HIGH,
            "Bind a role with only the permissions needed instead of cluster-admin.");
    public static final EscalationPattern BINDING_ANONYMOUS = add(
            "RBAC-BINDING-ANONYMOUS",
            "Binding for unauthenticated callers",
            HIGH,
            HIGH,
            "Remove system:anonymous / system:unauthenticated from the binding.");
    public static final EscalationPattern BINDING_ALL_AUTHENTICATED = add(
            "RBAC-BINDING-ALL-AUTHENTICATED",
            "Escalating role for every identity",
            CRITICAL,
            HIGH,
            "Bind the escalating role to the specific subjects that need it, not to every identity.");

    static final Set<String> SENSITIVE_SIGNERS = Set.of(
            "kubernetes.io/kube-apiserver-client",
            "kubernetes.io/kube-apiserver-client-kubelet",
            "kubernetes.io/legacy-unknown",
            "kubernetes.io/*");
    static final Set<String> SENSITIVE_KUBE_SYSTEM_CONFIGMAPS = Set.of(
            "aws-auth",
            "coredns",
            "kube-proxy",
            "kubeadm-config",
            "kubelet-config",
            "extension-apiserver-authentication");

    private static final Set<String> READ = Set.of("get", "list", "watch");
    private static final Set<String> CREATE = Set.of("create");
    private static final Set<String> UPDATE_PATCH = Set.of("update", "patch");
    private static final Set<String> CREATE_GET = Set.of("create", "get");
    private static final Set<String> DELETES = Set.of("delete", "deletecollection");
    private static final String RBAC = "rbac.authorization.k8s.io";
    private static final String ADMISSION = "admissionregistration.k8s.io";
    private static final String CERTS = "certificates.k8s.io";

    /** Patterns one rule can trigger on its own, with their targets (any target suffices). */
    static final Map<EscalationPattern, List<RuleTarget>> RULE_TARGETS = new LinkedHashMap<>();

    static {
        rule(SECRETS_READ, RuleTarget.of(READ, "", List.of("secrets"), ANY, EXEMPT));
        rule(
                SECRETS_WRITE,
                RuleTarget.of(CREATE, "", List.of("secrets"), ANY, NOT_EXEMPT),
                RuleTarget.of(UPDATE_PATCH, "", List.of("secrets"), ANY, EXEMPT));
        rule(TOKEN_REQUEST, RuleTarget.of(CREATE, "", List.of("serviceaccounts/token"), ANY, NOT_EXEMPT));
        rule(WORKLOAD_CREATE, workloads(CREATE, NOT_EXEMPT));
        rule(WORKLOAD_MODIFY, workloads(UPDATE_PATCH, EXEMPT));
        rule(POD_EXEC, RuleTarget.of(CREATE_GET, "", List.of("pods/exec"), ANY, EXEMPT));
        rule(POD_ATTACH, RuleTarget.of(CREATE_GET, "", List.of("pods/attach"), ANY, EXEMPT));
        rule(EPHEMERAL_CONTAINERS, RuleTarget.of(UPDATE_PATCH, "", List.of("pods/ephemeralcontainers"), ANY, EXEMPT));
        rule(NODES_PROXY, RuleTarget.of(Set.of("get", "create"), "", List.of("nodes/proxy"), CLUSTER, NOT_EXEMPT));
        rule(PV_CREATE, RuleTarget.of(CREATE, "", List.of("persistentvolumes"), CLUSTER, NOT_EXEMPT));
        rule(
                ESCALATE_VERB,
                RuleTarget.of(Set.of("escalate"), RBAC, List.of("roles"), ANY, NOT_EXEMPT),
                RuleTarget.of(Set.of("escalate"), RBAC, List.of("clusterroles"), CLUSTER, NOT_EXEMPT));
        rule(
                IMPERSONATE,
                RuleTarget.of(Set.of("impersonate"), "", List.of("users", "groups"), CLUSTER, NOT_EXEMPT),
                RuleTarget.of(Set.of("impersonate"), "", List.of("serviceaccounts"), ANY, NOT_EXEMPT),
                RuleTarget.of(Set.of("impersonate"), "authentication.k8s.io", List.of("uids"), CLUSTER, NOT_EXEMPT));
        rule(
                BINDING_WRITE,
                RuleTarget.of(CREATE, RBAC, List.of("rolebindings"), ANY, NOT_EXEMPT),
                RuleTarget.of(UPDATE_PATCH, RBAC, List.of("rolebindings"), ANY, EXEMPT),
                RuleTarget.of(CREATE, RBAC, List.of("clusterrolebindings"), CLUSTER, NOT_EXEMPT),
                RuleTarget.of(UPDATE_PATCH, RBAC, List.of("clusterrolebindings"), CLUSTER, EXEMPT));
        rule(
                ROLE_WRITE,
                RuleTarget.of(CREATE, RBAC, List.of("roles"), ANY, NOT_EXEMPT),
                RuleTarget.of(UPDATE_PATCH, RBAC, List.of("roles"), ANY, EXEMPT),
                RuleTarget.of(CREATE, RBAC, List.of("clusterroles"), CLUSTER, NOT_EXEMPT),
                RuleTarget.of(UPDATE_PATCH, RBAC, List.of("clusterroles"), CLUSTER, EXEMPT));
        rule(
                ADMISSION_WEBHOOK,
                RuleTarget.of(
                        Set.of("create", "update", "patch"),
                        ADMISSION,
                        List.of(
                                "mutatingwebhookconfigurations", "validatingwebhookconfigurations",
                                "mutatingadmissionpolicies", "mutatingadmissionpolicybindings"),
                        CLUSTER,
                        NOT_EXEMPT));
        rule(
                ADMISSION_BYPASS,
                RuleTarget.of(
                        DELETES,
                        ADMISSION,
                        List.of(
                                "mutatingwebhookconfigurations", "validatingwebhookconfigurations",
                                "mutatingadmissionpolicies", "mutatingadmissionpolicybindings",
                                "validatingadmissionpolicies", "validatingadmissionpolicybindings"),
                        CLUSTER,
                        NOT_EXEMPT),
                RuleTarget.of(
                        Set.of("create", "update", "patch"),
                        ADMISSION,
                        List.of("validatingadmissionpolicies", "validatingadmissionpolicybindings"),
                        CLUSTER,
                        NOT_EXEMPT));
        rule(
                APISERVICE_WRITE,
                RuleTarget.of(
                        Set.of("create", "update", "patch"),
                        "apiregistration.k8s.io",
                        List.of("apiservices"),
                        CLUSTER,
                        NOT_EXEMPT));
        rule(NAMESPACE_MODIFY, RuleTarget.of(UPDATE_PATCH, "", List.of("namespaces"), ANY, NOT_EXEMPT));
        rule(
                KUBESYSTEM_CONFIG_WRITE,
                new RuleTarget(
                        UPDATE_PATCH,
                        "",
                        List.of("configmaps"),
                        RuleTarget.ScopeNeed.KUBE_SYSTEM,
                        RuleTarget.NamePolicy.SENSITIVE,
                        SENSITIVE_KUBE_SYSTEM_CONFIGMAPS));
        rule(MITM_SERVICE_STATUS, RuleTarget.of(UPDATE_PATCH, "", List.of("services/status"), ANY, EXEMPT));
        rule(MITM_POD_STATUS, RuleTarget.of(UPDATE_PATCH, "", List.of("pods/status"), ANY, EXEMPT));
        rule(
                MITM_ENDPOINTS_WRITE,
                RuleTarget.of(CREATE, "", List.of("endpoints"), ANY, NOT_EXEMPT),
                RuleTarget.of(UPDATE_PATCH, "", List.of("endpoints"), ANY, EXEMPT),
                RuleTarget.of(CREATE, "discovery.k8s.io", List.of("endpointslices"), ANY, NOT_EXEMPT),
                RuleTarget.of(UPDATE_PATCH, "discovery.k8s.io", List.of("endpointslices"), ANY, EXEMPT));
        rule(POD_PORTFORWARD, RuleTarget.of(CREATE_GET, "", List.of("pods/portforward"), ANY, EXEMPT));
        rule(
                PROXY_SUBRESOURCE,
                RuleTarget.of(
                        Set.of("get", "create", "update", "patch", "delete"),
                        "",
                        List.of("pods/proxy", "services/proxy"),
                        ANY,
                        EXEMPT));
        rule(
                EVENTS_DELETE,
                RuleTarget.of(DELETES, "", List.of("events"), ANY, EXEMPT),
                RuleTarget.of(DELETES, "events.k8s.io", List.of("events"), ANY, EXEMPT));
        rule(NODE_MODIFY, RuleTarget.of(UPDATE_PATCH, "", List.of("nodes", "nodes/status"), CLUSTER, EXEMPT));
    }

    /** Halves of the patterns that need two rules of the same subject. */
    static final RuleTarget STEAL_NODE_HALF =
            RuleTarget.of(UPDATE_PATCH, "", List.of("nodes", "nodes/status"), CLUSTER, EXEMPT);

    static final List<RuleTarget> STEAL_EVICT_HALF = List.of(
            RuleTarget.of(DELETES, "", List.of("pods"), CLUSTER, EXEMPT),
            RuleTarget.of(CREATE, "", List.of("pods/eviction"), CLUSTER, EXEMPT),
            RuleTarget.of(Set.of("delete"), "", List.of("nodes"), CLUSTER, EXEMPT));
    static final RuleTarget CSR_APPROVAL_HALF =
            RuleTarget.of(UPDATE_PATCH, CERTS, List.of("certificatesigningrequests/approval"), CLUSTER, NOT_EXEMPT);
    static final RuleTarget CSR_APPROVE_SIGNER_HALF = new RuleTarget(
            Set.of("approve"), CERTS, List.of("signers"), CLUSTER, RuleTarget.NamePolicy.SENSITIVE, SENSITIVE_SIGNERS);
    static final RuleTarget CSR_STATUS_HALF =
            RuleTarget.of(UPDATE_PATCH, CERTS, List.of("certificatesigningrequests/status"), CLUSTER, NOT_EXEMPT);
    static final RuleTarget CSR_SIGN_SIGNER_HALF = new RuleTarget(
            Set.of("sign"), CERTS, List.of("signers"), CLUSTER, RuleTarget.NamePolicy.SENSITIVE, SENSITIVE_SIGNERS);
    static final RuleTarget CSR_CREATE =
            RuleTarget.of(CREATE, CERTS, List.of("certificatesigningrequests"), CLUSTER, NOT_EXEMPT);
    static final Set<String> CONSTRAINED_IMPERSONATION_VERBS = Set.of(
            "impersonate:user-info",
            "impersonate:serviceaccount",
            "impersonate:arbitrary-node",
            "impersonate:associated-node");

    private EscalationCatalog() {}

    public static List<EscalationPattern> all() {
        return List.copyOf(PATTERNS.values());
    }

    public static Optional<EscalationPattern> byId(String id) {
        return Optional.ofNullable(PATTERNS.get(id));
    }

    private static EscalationPattern add(
            String id, String title, Severity cluster, Severity namespace, String remediation) {
        EscalationPattern pattern = new EscalationPattern(id, title, cluster, namespace, remediation);
        PATTERNS.put(id, pattern);
        return pattern;
    }

    private static void rule(EscalationPattern pattern, RuleTarget... targets) {
        RULE_TARGETS.put(pattern, List.of(targets));
    }

    private static RuleTarget[] workloads(Set<String> verbs, RuleTarget.NamePolicy names) {
        return new RuleTarget[] {
            RuleTarget.of(verbs, "", List.of("pods", "replicationcontrollers"), ANY, names),
            RuleTarget.of(
                    verbs, "apps", List.of("deployments", "replicasets", "statefulsets", "daemonsets"), ANY, names),
            RuleTarget.of(verbs, "batch", List.of("jobs", "cronjobs"), ANY, names)
        };
    }
}
