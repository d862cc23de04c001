package io.kubelpa.samples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the sample cluster's audit logs, deterministically from a seed: several days of the
 * personas of {@code sample-audit-logs/rbac} at work (shared and aggregated roles, impersonation,
 * subresources, name-restricted rules, group bindings, denied requests, an RBAC change mid-log,
 * noisy system components), in the shapes real pipelines deliver (rotated gzip JSON lines, webhook
 * EventList batches with a redelivery, Fluent Bit envelopes with one damaged record), and the
 * ground truth the analysis must reproduce, derived from the personas' intent, not from kube-lpa.
 */
public final class SampleClusterSimulator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2025-05-01T00:00:00Z");
    private static final String SA_GROUPS = "system:serviceaccounts";
    /** When the platform team grants frank read access to payments (day 2, noon). */
    private static final Duration FRANK_GRANTED_AT = Duration.ofHours(36);

    private final long seed;
    private final int days;
    private final int scale;
    private final boolean plain;

    /** {@code scale} multiplies every persona's daily request count (1 for the committed samples). */
    public SampleClusterSimulator(long seed, int days, int scale) {
        this(seed, days, scale, false);
    }

    /** {@code plain}: every event as one JSON line in {@code audit/audit.log}, as benchmarks want it. */
    public SampleClusterSimulator(long seed, int days, int scale, boolean plain) {
        this.seed = seed;
        this.days = days;
        this.scale = scale;
        this.plain = plain;
    }

    /** One kind of request a persona makes, and what the API server decides. */
    private record Activity(
            String user,
            List<String> groups,
            String verb,
            String uri,
            String group,
            String resource,
            String subresource,
            String namespace,
            String name,
            int perDay,
            String reasonBinding,
            String reasonRole,
            String reasonSubject,
            boolean denied,
            boolean watch,
            String impersonator,
            List<String> expectedBindings) {}

    private record Request(Instant time, Activity activity, String auditID) {}

    /** What the analysis must find for one subject. */
    private static final class Truth {
        long allowed;
        long denied;
        final TreeSet<String> bindings = new TreeSet<>();
    }

    public void write(Path out) throws IOException {
        Random random = new Random(seed);
        List<Request> requests = new ArrayList<>();
        for (int day = 0; day < days; day++) {
            for (Activity activity : activities(day)) {
                for (int i = 0; i < activity.perDay() * scale; i++) {
                    Instant time = START.plus(Duration.ofDays(day))
                            .plusMillis(random.nextInt(86_400_000))
                            .plusNanos(random.nextInt(1000) * 1000L);
                    if (activity.user().equals("frank")
                            && !activity.denied()
                            && time.isBefore(START.plus(FRANK_GRANTED_AT).plusSeconds(1))) {
                        time = START.plus(FRANK_GRANTED_AT).plusSeconds(60 + random.nextInt(3600));
                    }
                    if (activity.user().equals("frank")
                            && activity.denied()
                            && !time.isBefore(START.plus(FRANK_GRANTED_AT))) {
                        time = START.plus(FRANK_GRANTED_AT).minusSeconds(60 + random.nextInt(3600));
                    }
                    requests.add(
                            new Request(time, activity, new UUID(random.nextLong(), random.nextLong()).toString()));
                }
            }
        }
        requests.add(new Request(
                START.plus(FRANK_GRANTED_AT), grantFrank(), new UUID(random.nextLong(), random.nextLong()).toString()));
        requests.sort(Comparator.comparing(Request::time).thenComparing(Request::auditID));

        // Events are rendered as they are written: a log of millions of events never sits in memory as JSON trees.
        Map<Integer, List<StagedEvent>> eventsByDay = new TreeMap<>();
        Map<String, Truth> truth = new TreeMap<>();
        int incomplete = 0;
        for (Request request : requests) {
            int day = (int) Duration.between(START, request.time()).toDays();
            List<StagedEvent> events = eventsByDay.computeIfAbsent(day, d -> new ArrayList<>());
            boolean lostCompletion = incomplete < 2
                    && request.activity().user().equals("system:node:node-1")
                    && day == 1
                    && random.nextInt(10) == 0;
            events.addAll(events(request, lostCompletion));
            if (lostCompletion) {
                incomplete++;
                continue;
            }
            record(truth, request.activity());
        }
        Files.createDirectories(out);
        int redelivered = plain ? writePlain(out, eventsByDay) : writeDays(out, eventsByDay);
        int events = eventsByDay.values().stream().mapToInt(List::size).sum() + redelivered;
        writeTruth(out.resolve("ground-truth.json"), truth, requests.size(), events, incomplete, redelivered);
    }

    private List<Activity> activities(int day) {
        List<String> payments = List.of(SA_GROUPS, SA_GROUPS + ":payments", "system:authenticated");
        List<String> ci = List.of(SA_GROUPS, SA_GROUPS + ":ci", "system:authenticated");
        List<String> monitoring = List.of(SA_GROUPS, SA_GROUPS + ":monitoring", "system:authenticated");
        List<String> platform = List.of(SA_GROUPS, SA_GROUPS + ":platform", "system:authenticated");
        String paymentsApi = "system:serviceaccount:payments:payments-api";
        List<Activity> all = new ArrayList<>(List.of(
                allow(
                        paymentsApi,
                        payments,
                        "list",
                        "",
                        "configmaps",
                        "",
                        "payments",
                        "",
                        20,
                        "RoleBinding",
                        "payments-api/payments",
                        "Role",
                        "payments-api",
                        "ServiceAccount \"payments-api/payments\"",
                        false),
                allow(
                        paymentsApi,
                        payments,
                        "watch",
                        "",
                        "configmaps",
                        "",
                        "payments",
                        "",
                        4,
                        "RoleBinding",
                        "payments-api/payments",
                        "Role",
                        "payments-api",
                        "ServiceAccount \"payments-api/payments\"",
                        true),
                allow(
                        paymentsApi,
                        payments,
                        "get",
                        "",
                        "secrets",
                        "",
                        "payments",
                        "payments-db",
                        10,
                        "RoleBinding",
                        "payments-api/payments",
                        "Role",
                        "payments-api",
                        "ServiceAccount \"payments-api/payments\"",
                        false),
                deny(paymentsApi, payments, "list", "", "secrets", "", "payments", "", 2),
                allow(
                        "dana",
                        List.of("payments-devs", "system:authenticated"),
                        "get",
                        "",
                        "pods",
                        "",
                        "payments",
                        "web-7c9d",
                        10,
                        "RoleBinding",
                        "payments-devs/payments",
                        "ClusterRole",
                        "edit",
                        "Group \"payments-devs\"",
                        false),
                allow(
                        "dana",
                        List.of("payments-devs", "system:authenticated"),
                        "create",
                        "apps",
                        "deployments",
                        "",
                        "payments",
                        "",
                        2,
                        "RoleBinding",
                        "payments-devs/payments",
                        "ClusterRole",
                        "edit",
                        "Group \"payments-devs\"",
                        false),
                deny(
                        "dana",
                        List.of("payments-devs", "system:authenticated"),
                        "delete",
                        "",
                        "namespaces",
                        "",
                        "payments",
                        "payments",
                        1),
                allow(
                        "system:serviceaccount:ci:deployer",
                        ci,
                        "patch",
                        "apps",
                        "deployments",
                        "",
                        "payments",
                        "web",
                        6,
                        "ClusterRoleBinding",
                        "ci-deployer",
                        "ClusterRole",
                        "ci-deployer",
                        "ServiceAccount \"deployer/ci\"",
                        false),
                allow(
                        "system:serviceaccount:ci:deployer",
                        ci,
                        "get",
                        "",
                        "secrets",
                        "",
                        "ci",
                        "registry-credentials",
                        3,
                        "ClusterRoleBinding",
                        "ci-deployer",
                        "ClusterRole",
                        "ci-deployer",
                        "ServiceAccount \"deployer/ci\"",
                        false),
                allow(
                        "system:serviceaccount:ci:deployer",
                        ci,
                        "create",
                        "",
                        "configmaps",
                        "",
                        "sandbox",
                        "",
                        2,
                        "ClusterRoleBinding",
                        "ci-deployer",
                        "ClusterRole",
                        "ci-deployer",
                        "ServiceAccount \"deployer/ci\"",
                        false),
                allow(
                        "system:serviceaccount:monitoring:prometheus",
                        monitoring,
                        "list",
                        "",
                        "pods",
                        "",
                        "",
                        "",
                        24,
                        "ClusterRoleBinding",
                        "prometheus",
                        "ClusterRole",
                        "prometheus",
                        "ServiceAccount \"prometheus/monitoring\"",
                        false),
                allow(
                        "system:serviceaccount:monitoring:prometheus",
                        monitoring,
                        "watch",
                        "",
                        "nodes",
                        "",
                        "",
                        "",
                        4,
                        "ClusterRoleBinding",
                        "prometheus",
                        "ClusterRole",
                        "prometheus",
                        "ServiceAccount \"prometheus/monitoring\"",
                        true),
                allow(
                        "system:serviceaccount:monitoring:prometheus",
                        monitoring,
                        "get",
                        "",
                        "nodes",
                        "metrics",
                        "",
                        "node-1",
                        24,
                        "ClusterRoleBinding",
                        "prometheus",
                        "ClusterRole",
                        "prometheus",
                        "ServiceAccount \"prometheus/monitoring\"",
                        false),
                url(
                        "system:serviceaccount:monitoring:prometheus",
                        monitoring,
                        "/metrics",
                        24,
                        "ClusterRoleBinding \"prometheus\" of ClusterRole \"prometheus\" to ServiceAccount \"prometheus/monitoring\"",
                        "ClusterRoleBinding/prometheus"),
                allow(
                        "system:serviceaccount:monitoring:grafana",
                        monitoring,
                        "get",
                        "",
                        "configmaps",
                        "",
                        "monitoring",
                        "dashboards",
                        12,
                        "RoleBinding",
                        "grafana/monitoring",
                        "ClusterRole",
                        "monitoring-reader",
                        "ServiceAccount \"grafana/monitoring\"",
                        false),
                allow(
                        "system:serviceaccount:platform:operator",
                        platform,
                        "update",
                        "coordination.k8s.io",
                        "leases",
                        "",
                        "platform",
                        "operator-lock",
                        24,
                        "ClusterRoleBinding",
                        "platform-operator",
                        "ClusterRole",
                        "platform-operator",
                        "ServiceAccount \"operator/platform\"",
                        false),
                allow(
                        "system:serviceaccount:platform:operator",
                        platform,
                        "list",
                        "apps",
                        "deployments",
                        "",
                        "",
                        "",
                        6,
                        "ClusterRoleBinding",
                        "platform-operator",
                        "ClusterRole",
                        "platform-operator",
                        "ServiceAccount \"operator/platform\"",
                        false),
                allow(
                        "erin@example.com",
                        List.of("sre", "system:authenticated"),
                        "get",
                        "",
                        "nodes",
                        "",
                        "",
                        "node-2",
                        2,
                        "ClusterRoleBinding",
                        "sre-admins",
                        "ClusterRole",
                        "cluster-admin",
                        "User \"erin@example.com\"",
                        false),
                impersonated("erin@example.com", paymentsApi, payments),
                allow(
                        "alice@example.com",
                        List.of("system:authenticated"),
                        "create",
                        "",
                        "pods",
                        "",
                        "sandbox",
                        "",
                        3,
                        "RoleBinding",
                        "sandbox-everyone/sandbox",
                        "Role",
                        "sandbox-dev",
                        "Group \"system:authenticated\"",
                        false),
                allow(
                        "bob@example.com",
                        List.of("system:authenticated"),
                        "get",
                        "",
                        "pods",
                        "log",
                        "sandbox",
                        "try-1",
                        3,
                        "RoleBinding",
                        "sandbox-everyone/sandbox",
                        "Role",
                        "sandbox-dev",
                        "Group \"system:authenticated\"",
                        false),
                nonRbac(
                        "system:node:node-1",
                        List.of("system:nodes", "system:authenticated"),
                        "get",
                        "",
                        "pods",
                        "payments",
                        "web-7c9d",
                        30),
                nonRbac("system:apiserver", List.of("system:masters"), "list", "", "namespaces", "", "", 10),
                url(
                        "system:anonymous",
                        List.of("system:unauthenticated"),
                        "/healthz",
                        48,
                        "ClusterRoleBinding \"system:public-info-viewer\" of ClusterRole \"system:public-info-viewer\" to Group \"system:unauthenticated\"",
                        "ClusterRoleBinding/system:public-info-viewer")));
        if (day <= 1) {
            all.add(deny("frank", List.of("system:authenticated"), "list", "", "pods", "", "payments", "", 2));
        }
        if (day >= 1) {
            all.add(allow(
                    "frank",
                    List.of("system:authenticated"),
                    "list",
                    "",
                    "pods",
                    "",
                    "payments",
                    "",
                    4,
                    "RoleBinding",
                    "frank-debug/payments",
                    "ClusterRole",
                    "view",
                    "User \"frank\"",
                    false));
            all.add(allow(
                    "dana",
                    List.of("payments-devs", "system:authenticated"),
                    "create",
                    "",
                    "pods",
                    "exec",
                    "payments",
                    "web-7c9d",
                    1,
                    "RoleBinding",
                    "payments-devs/payments",
                    "ClusterRole",
                    "edit",
                    "Group \"payments-devs\"",
                    false));
        }
        return all;
    }

    private static Activity allow(
            String user,
            List<String> groups,
            String verb,
            String group,
            String resource,
            String sub,
            String namespace,
            String name,
            int perDay,
            String bindingKind,
            String binding,
            String roleKind,
            String role,
            String subject,
            boolean watch) {
        String bindingRef = bindingKind + "/"
                + (binding.contains("/")
                        ? binding.substring(binding.indexOf('/') + 1) + "/" + binding.substring(0, binding.indexOf('/'))
                        : binding);
        return new Activity(
                user,
                groups,
                verb,
                uri(group, resource, sub, namespace, name, verb),
                group,
                resource,
                sub,
                namespace,
                name,
                perDay,
                bindingKind + " " + quote(binding),
                roleKind + " " + quote(role),
                subject,
                false,
                watch,
                null,
                List.of(bindingRef));
    }

    private static Activity deny(
            String user,
            List<String> groups,
            String verb,
            String group,
            String resource,
            String sub,
            String namespace,
            String name,
            int perDay) {
        return new Activity(
                user,
                groups,
                verb,
                uri(group, resource, sub, namespace, name, verb),
                group,
                resource,
                sub,
                namespace,
                name,
                perDay,
                null,
                null,
                null,
                true,
                false,
                null,
                List.of());
    }

    private static Activity nonRbac(
            String user,
            List<String> groups,
            String verb,
            String group,
            String resource,
            String namespace,
            String name,
            int perDay) {
        return new Activity(
                user,
                groups,
                verb,
                uri(group, resource, "", namespace, name, verb),
                group,
                resource,
                "",
                namespace,
                name,
                perDay,
                "",
                null,
                null,
                false,
                false,
                null,
                List.of());
    }

    private static Activity url(
            String user, List<String> groups, String path, int perDay, String reason, String binding) {
        return new Activity(
                user,
                groups,
                "get",
                path,
                null,
                null,
                null,
                null,
                null,
                perDay,
                reason,
                null,
                null,
                false,
                false,
                null,
                List.of(binding));
    }

    private static Activity impersonated(String impersonator, String target, List<String> targetGroups) {
        return new Activity(
                target,
                targetGroups,
                "list",
                uri("", "configmaps", "", "payments", "", "list"),
                "",
                "configmaps",
                "",
                "payments",
                "",
                1,
                "RoleBinding " + quote("payments-api/payments"),
                "Role " + quote("payments-api"),
                "ServiceAccount \"payments-api/payments\"",
                false,
                false,
                impersonator,
                List.of("RoleBinding/payments/payments-api"));
    }

    private static Activity grantFrank() {
        return new Activity(
                "erin@example.com",
                List.of("sre", "system:authenticated"),
                "create",
                "/apis/rbac.authorization.k8s.io/v1/namespaces/payments/rolebindings",
                "rbac.authorization.k8s.io",
                "rolebindings",
                "",
                "payments",
                "frank-debug",
                1,
                "ClusterRoleBinding " + quote("sre-admins"),
                "ClusterRole " + quote("cluster-admin"),
                "User \"erin@example.com\"",
                false,
                false,
                null,
                List.of("ClusterRoleBinding/sre-admins"));
    }

    private static String uri(String group, String resource, String sub, String namespace, String name, String verb) {
        StringBuilder uri = new StringBuilder(group.isEmpty() ? "/api/v1" : "/apis/" + group + "/v1");
        boolean namespaceObject = group.isEmpty() && "namespaces".equals(resource);
        if (!namespace.isEmpty() && !namespaceObject) {
            uri.append("/namespaces/").append(namespace);
        }
        uri.append('/').append(resource);
        if (!name.isEmpty() && !"create".equals(verb) || !sub.isEmpty()) {
            uri.append('/').append(name);
        }
        if (!sub.isEmpty()) {
            uri.append('/').append(sub);
        }
        if ("watch".equals(verb)) {
            uri.append("?watch=true&timeoutSeconds=300");
        } else if ("list".equals(verb)) {
            uri.append("?limit=500");
        }
        return uri.toString();
    }

    private static String quote(String text) {
        return "\"" + text + "\"";
    }

    /** One stage of a request, to be rendered when it is written; ordered by its stageTimestamp text. */
    private record StagedEvent(Request request, String stage, Instant time, String stageTimestamp) {
        StagedEvent(Request request, String stage, Instant time) {
            this(request, stage, time, micros(time));
        }

        ObjectNode render() {
            return event(request, stage, time);
        }
    }

    private static final Comparator<StagedEvent> BY_STAGE_TIMESTAMP = Comparator.comparing(StagedEvent::stageTimestamp);

    private static List<StagedEvent> events(Request request, boolean lostCompletion) {
        Activity a = request.activity();
        List<StagedEvent> events = new ArrayList<>();
        events.add(new StagedEvent(request, "RequestReceived", request.time()));
        if (lostCompletion) {
            return events;
        }
        if (a.watch()) {
            events.add(
                    new StagedEvent(request, "ResponseStarted", request.time().plusMillis(3)));
            events.add(
                    new StagedEvent(request, "ResponseComplete", request.time().plusSeconds(300)));
        } else {
            events.add(
                    new StagedEvent(request, "ResponseComplete", request.time().plusMillis(12)));
        }
        return events;
    }

    private static ObjectNode event(Request request, String stage, Instant time) {
        Activity a = request.activity();
        ObjectNode e = JSON.createObjectNode();
        e.put("kind", "Event")
                .put("apiVersion", "audit.k8s.io/v1")
                .put(
                        "level",
                        a.resource() != null && a.resource().equals("rolebindings") ? "RequestResponse" : "Metadata")
                .put("auditID", request.auditID())
                .put("stage", stage)
                .put("requestURI", a.uri())
                .put("verb", a.verb());
        ObjectNode user = e.putObject("user");
        if (a.impersonator() != null) {
            user.put("username", a.impersonator());
            user.putArray("groups").add("sre").add("system:authenticated");
        } else {
            user.put("username", a.user());
            ArrayNode groups = user.putArray("groups");
            a.groups().forEach(groups::add);
        }
        if (a.impersonator() != null && !"RequestReceived".equals(stage)) {
            ObjectNode impersonated = e.putObject("impersonatedUser").put("username", a.user());
            ArrayNode groups = impersonated.putArray("groups");
            a.groups().forEach(groups::add);
        }
        e.putArray("sourceIPs").add("10.0.0." + (Math.abs(a.user().hashCode()) % 200 + 10));
        e.put("userAgent", "kube-lpa-sample/1.0");
        if (a.resource() != null) {
            ObjectNode ref = e.putObject("objectRef").put("resource", a.resource());
            if (!a.namespace().isEmpty()) {
                ref.put("namespace", a.namespace());
            }
            if (!a.name().isEmpty()) {
                ref.put("name", a.name());
            }
            if (!a.group().isEmpty()) {
                ref.put("apiGroup", a.group());
            }
            ref.put("apiVersion", "v1");
            if (!a.subresource().isEmpty()) {
                ref.put("subresource", a.subresource());
            }
        }
        if (!"RequestReceived".equals(stage)) {
            int code = a.denied()
                    ? 403
                    : "create".equals(a.verb()) && a.subresource().isEmpty() ? 201 : 200;
            e.putObject("responseStatus").putObject("metadata");
            ((ObjectNode) e.get("responseStatus")).put("code", code);
            if (a.resource() != null && a.resource().equals("rolebindings")) {
                e.set("requestObject", frankBinding());
                e.set("responseObject", frankBinding());
            }
        }
        e.put("requestReceivedTimestamp", micros(request.time()));
        e.put("stageTimestamp", micros(time));
        if (!"RequestReceived".equals(stage)) {
            ObjectNode annotations = e.putObject("annotations");
            annotations.put("authorization.k8s.io/decision", a.denied() ? "forbid" : "allow");
            annotations.put("authorization.k8s.io/reason", reason(a));
        }
        return e;
    }

    private static String reason(Activity a) {
        if (a.denied()) {
            return "";
        }
        if (a.reasonBinding() == null || a.reasonBinding().isEmpty()) {
            return "";
        }
        if (a.reasonRole() == null) {
            return "RBAC: allowed by " + a.reasonBinding();
        }
        return "RBAC: allowed by " + a.reasonBinding() + " of " + a.reasonRole() + " to " + a.reasonSubject();
    }

    private static ObjectNode frankBinding() {
        ObjectNode binding =
                JSON.createObjectNode().put("kind", "RoleBinding").put("apiVersion", "rbac.authorization.k8s.io/v1");
        binding.putObject("metadata").put("name", "frank-debug").put("namespace", "payments");
        binding.putObject("roleRef")
                .put("apiGroup", "rbac.authorization.k8s.io")
                .put("kind", "ClusterRole")
                .put("name", "view");
        binding.putArray("subjects")
                .addObject()
                .put("apiGroup", "rbac.authorization.k8s.io")
                .put("kind", "User")
                .put("name", "frank");
        return binding;
    }

    private static String micros(Instant time) {
        return time.toString()
                        .replace("Z", "")
                        .replaceAll("\\.(\\d{3})$", ".$1000")
                        .replaceAll("(T\\d\\d:\\d\\d:\\d\\d)$", "$1.000000")
                + "Z";
    }

    private static void record(Map<String, Truth> truth, Activity a) {
        Truth subject = truth.computeIfAbsent(a.user(), u -> new Truth());
        if (a.denied()) {
            subject.denied++;
        } else {
            subject.allowed++;
            subject.bindings.addAll(a.expectedBindings());
        }
        if (a.impersonator() != null) {
            Truth impersonator = truth.computeIfAbsent(a.impersonator(), u -> new Truth());
            impersonator.bindings.add("ClusterRoleBinding/sre-admins");
        }
    }

    private static int writePlain(Path out, Map<Integer, List<StagedEvent>> eventsByDay) throws IOException {
        Path audit = Files.createDirectories(out.resolve("audit"));
        try (Writer writer = Files.newBufferedWriter(audit.resolve("audit.log"), StandardCharsets.UTF_8)) {
            for (List<StagedEvent> events : eventsByDay.values()) {
                events.sort(BY_STAGE_TIMESTAMP);
                for (StagedEvent event : events) {
                    writer.write(event.render().toString());
                    writer.write('\n');
                }
            }
        }
        return 0;
    }

    /** A day's events, each rendered when it is read. */
    private static final class RenderedList extends java.util.AbstractList<ObjectNode> {
        private final List<StagedEvent> events;

        RenderedList(List<StagedEvent> events) {
            this.events = events;
        }

        @Override
        public ObjectNode get(int index) {
            return events.get(index).render();
        }

        @Override
        public int size() {
            return events.size();
        }
    }

    /** Writes the logs; returns how many events the webhook delivered twice. */
    private int writeDays(Path out, Map<Integer, List<StagedEvent>> eventsByDay) throws IOException {
        int redelivered = 0;
        Path apiserver = Files.createDirectories(out.resolve("audit/kube-apiserver"));
        Path webhook = Files.createDirectories(out.resolve("audit/webhook"));
        Path fluentBit = Files.createDirectories(out.resolve("audit/fluent-bit"));
        int last = days - 1;
        for (Map.Entry<Integer, List<StagedEvent>> day : eventsByDay.entrySet()) {
            day.getValue().sort(BY_STAGE_TIMESTAMP);
            List<ObjectNode> events = new RenderedList(day.getValue());
            String date = START.plus(Duration.ofDays(day.getKey())).toString().substring(0, 10);
            if (day.getKey() < last) {
                try (Writer writer = gzipWriter(apiserver.resolve("audit-" + date + "T23-59-59.000.log.gz"))) {
                    for (ObjectNode event : events) {
                        writer.write(event.toString());
                        writer.write('\n');
                    }
                }
                continue;
            }
            int half = events.size() / 2;
            try (Writer writer =
                    Files.newBufferedWriter(webhook.resolve("batches-" + date + ".jsonl"), StandardCharsets.UTF_8)) {
                List<ObjectNode> firstHalf = events.subList(0, half);
                for (int start = 0; start < firstHalf.size(); start += 50) {
                    ObjectNode list =
                            JSON.createObjectNode().put("kind", "EventList").put("apiVersion", "audit.k8s.io/v1");
                    list.putObject("metadata");
                    ArrayNode items = list.putArray("items");
                    firstHalf
                            .subList(start, Math.min(start + 50, firstHalf.size()))
                            .forEach(items::add);
                    writer.write(list.toString());
                    writer.write('\n');
                    if (start == 100) {
                        // The webhook backend retried this batch: the same events arrive twice.
                        writer.write(list.toString());
                        writer.write('\n');
                        redelivered += items.size();
                    }
                }
            }
            try (Writer writer = Files.newBufferedWriter(fluentBit.resolve("audit.log"), StandardCharsets.UTF_8)) {
                List<ObjectNode> secondHalf = events.subList(half, events.size());
                for (int i = 0; i < secondHalf.size(); i++) {
                    ObjectNode envelope = JSON.createObjectNode()
                            .put("log", secondHalf.get(i).toString())
                            .put(
                                    "@timestamp",
                                    secondHalf.get(i).get("stageTimestamp").asText());
                    envelope.putObject("kubernetes")
                            .put("pod_name", "kube-apiserver-cp-1")
                            .put("namespace_name", "kube-system");
                    writer.write(envelope.toString());
                    writer.write('\n');
                    if (i == secondHalf.size() / 2) {
                        // A shipper crash left half a line behind.
                        String damaged = envelope.toString();
                        writer.write(damaged.substring(0, damaged.length() / 2));
                        writer.write('\n');
                    }
                }
            }
        }
        return redelivered;
    }

    private static Writer gzipWriter(Path file) throws IOException {
        OutputStream out = new GZIPOutputStream(Files.newOutputStream(file)) {
            {
                def.setLevel(9);
            }
        };
        return new OutputStreamWriter(out, StandardCharsets.UTF_8);
    }

    private static void writeTruth(
            Path file, Map<String, Truth> truth, int requests, int events, int incomplete, int redelivered)
            throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("requests", requests)
                .put("events", events)
                .put("incomplete", incomplete)
                .put("redeliveredEvents", redelivered)
                .put("damagedRecords", 1);
        ObjectNode subjects = root.putObject("subjects");
        truth.forEach((user, t) -> {
            ObjectNode subject =
                    subjects.putObject(user).put("allowed", t.allowed).put("denied", t.denied);
            ArrayNode bindings = subject.putArray("bindings");
            t.bindings.forEach(bindings::add);
        });
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    }
}
