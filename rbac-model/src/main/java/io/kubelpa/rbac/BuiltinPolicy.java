package io.kubelpa.rbac;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.rbac.AggregationRule;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes bootstrap RBAC policy as kube-lpa defines it ({@code builtin-policy.txt}): the roles
 * and bindings kube-apiserver creates at start-up, labelled {@code kubernetes.io/bootstrapping=rbac-defaults}.
 */
public final class BuiltinPolicy {
    public static final String BOOTSTRAP_LABEL = "kubernetes.io/bootstrapping";
    public static final String BOOTSTRAP_VALUE = "rbac-defaults";
    private static final String RESOURCE = "builtin-policy.txt";

    private static final class Holder {
        static final RbacObjects OBJECTS = load();
    }

    private BuiltinPolicy() {}

    /** All built-in objects. */
    public static RbacObjects objects() {
        return Holder.OBJECTS;
    }

    private static RbacObjects load() {
        try (InputStream in = BuiltinPolicy.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .lines()
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RbacObjects parse(List<String> lines) {
        RbacObjects.Builder objects = new RbacObjects.Builder();
        Block block = null;
        int lineNumber = 0;
        for (String raw : lines) {
            lineNumber++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                if (!Character.isWhitespace(raw.charAt(0))) {
                    if (block != null) {
                        objects.add(block.build());
                    }
                    block = Block.header(line);
                } else if (block == null) {
                    throw new IllegalArgumentException("attribute before any object");
                } else {
                    block.attribute(line);
                }
            } catch (RuntimeException e) {
                throw new IllegalStateException(RESOURCE + ":" + lineNumber + ": " + e.getMessage(), e);
            }
        }
        if (block != null) {
            objects.add(block.build());
        }
        return objects.build();
    }

    private static final class Block {
        final String kind;
        final String namespace;
        final String name;
        final RoleRef roleRef;
        final Map<String, String> labels = new LinkedHashMap<>();
        final List<LabelSelector> selectors = new ArrayList<>();
        final List<PolicyRule> rules = new ArrayList<>();
        final List<Subject> subjects = new ArrayList<>();

        private Block(String kind, String namespace, String name, RoleRef roleRef) {
            this.kind = kind;
            this.namespace = namespace;
            this.name = name;
            this.roleRef = roleRef;
        }

        static Block header(String line) {
            String[] parts = line.split("\\s+");
            String kind = parts[0];
            if (!RbacKind.isRbacKind(kind)) {
                throw new IllegalArgumentException("unknown kind " + kind);
            }
            String[] ident = splitNamespaced(parts[1]);
            RoleRef roleRef = null;
            if (parts.length == 5 && "->".equals(parts[2])) {
                roleRef = new RoleRef(RbacKind.GROUP, parts[3], parts[4]);
            } else if (parts.length != 2) {
                throw new IllegalArgumentException("malformed header: " + line);
            }
            return new Block(kind, ident[0], ident[1], roleRef);
        }

        void attribute(String line) {
            int space = line.indexOf(' ');
            String keyword = line.substring(0, space);
            String rest = line.substring(space + 1).strip();
            switch (keyword) {
                case "labels" -> labels.putAll(pairs(rest));
                case "aggregate" -> selectors.add(new LabelSelector(null, pairs(rest)));
                case "rule" -> rules.add(PolicyRuleSpec.parse(rest));
                case "subject" -> {
                    String[] parts = rest.split("\\s+");
                    String[] ident = splitNamespaced(parts[1]);
                    String apiGroup = RbacKind.SERVICE_ACCOUNT.equals(parts[0]) ? "" : RbacKind.GROUP;
                    subjects.add(new Subject(apiGroup, parts[0], ident[1], ident[0].isEmpty() ? null : ident[0]));
                }
                default -> throw new IllegalArgumentException("unknown attribute " + keyword);
            }
        }

        private static Map<String, String> pairs(String spec) {
            Map<String, String> pairs = new LinkedHashMap<>();
            for (String pair : spec.split(",")) {
                int eq = pair.indexOf('=');
                pairs.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
            return pairs;
        }

        private static String[] splitNamespaced(String ident) {
            int slash = ident.indexOf('/');
            return slash < 0
                    ? new String[] {"", ident}
                    : new String[] {ident.substring(0, slash), ident.substring(slash + 1)};
        }

        Object build() {
            Map<String, String> allLabels = new LinkedHashMap<>();
            allLabels.put(BOOTSTRAP_LABEL, BOOTSTRAP_VALUE);
            allLabels.putAll(labels);
            ObjectMeta meta = new ObjectMetaBuilder()
                    .withName(name)
                    .withNamespace(namespace.isEmpty() ? null : namespace)
                    .withLabels(allLabels)
                    .withAnnotations(Map.of("rbac.authorization.kubernetes.io/autoupdate", "true"))
                    .build();
            String apiVersion = RbacApiVersions.V1;
            return switch (kind) {
                case RbacKind.CLUSTER_ROLE ->
                    new ClusterRole(
                            selectors.isEmpty() ? null : new AggregationRule(selectors),
                            apiVersion,
                            kind,
                            meta,
                            selectors.isEmpty() ? rules : null);
                case RbacKind.ROLE -> new Role(apiVersion, kind, meta, rules);
                case RbacKind.CLUSTER_ROLE_BINDING -> new ClusterRoleBinding(apiVersion, kind, meta, roleRef, subjects);
                default -> new RoleBinding(apiVersion, kind, meta, roleRef, subjects);
            };
        }
    }
}
