package io.kubelpa.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubelpa.authz.RbacAuthorizer;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.ManifestReader;
import io.kubelpa.rbac.PolicyRuleSpec;
import io.kubelpa.rbac.SnapshotAssembler;
import io.kubelpa.tightening.Permission;
import io.kubelpa.usage.RequestShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RoleGeneratorTest {
    private static final GeneratedSubject APP = GeneratedSubject.parse("ServiceAccount:team/app");

    private static RequestShape shape(String verb, String group, String resource, String sub, String ns, String name) {
        return new RequestShape(verb, group, resource, sub, ns, name, "");
    }

    @Test
    void eachNamespaceGetsARoleAndClusterUseAClusterRoleWithExactRulesAndFewNames() {
        List<RequestShape> used = List.of(
                shape("get", "", "configmaps", "", "team", "settings"),
                shape("update", "", "configmaps", "", "team", "settings"),
                shape("list", "", "pods", "", "team", ""),
                shape("get", "", "pods", "log", "team", "web-1"),
                shape("get", "", "nodes", "", "", "node-1"),
                new RequestShape("get", "", "", "", "", "", "/healthz"));
        GeneratedRbac generated = new RoleGenerator(GenerateOptions.DEFAULT).generate(APP, used);

        assertThat(generated.objects())
                .extracting(o ->
                        o.getKind() + "/" + namespace(o) + "/" + o.getMetadata().getName())
                .containsExactlyInAnyOrder(
                        "ClusterRole//lpa:sa:team:app",
                        "ClusterRoleBinding//lpa:sa:team:app",
                        "Role/team/lpa:sa:team:app",
                        "RoleBinding/team/lpa:sa:team:app");
        assertThat(generated.granted().get("team"))
                .extracting(Permission::toString)
                .containsExactlyInAnyOrder(
                        new Permission("", "configmaps", "get", "settings", "").toString(),
                        new Permission("", "configmaps", "update", "settings", "").toString(),
                        new Permission("", "pods", "list", "", "").toString(),
                        new Permission("", "pods/log", "get", "web-1", "").toString());
        assertThat(GenerationVerifier.verify(generated, used, null).replayPassed())
                .isTrue();
    }

    @Test
    void manyNamespacesBecomeOneClusterRoleAndTheChoiceIsNoted() {
        List<RequestShape> used = new ArrayList<>();
        for (String ns : List.of("a", "b", "c", "d")) {
            used.add(shape("get", "apps", "deployments", "", ns, ""));
        }
        GeneratedRbac generated = new RoleGenerator(GenerateOptions.DEFAULT).generate(APP, used);
        assertThat(generated.objects())
                .extracting(HasMetadata::getKind)
                .containsExactly("ClusterRole", "ClusterRoleBinding");
        assertThat(generated.notes()).singleElement().satisfies(n -> assertThat(n)
                .contains("4 namespaces, more than 3"));
        assertThat(GenerationVerifier.verify(generated, used, null).replayPassed())
                .isTrue();
    }

    /**
     * Seeded random use: the generated RBAC allows every shape, and every permission it grants is in
     * the closure of what was used (the same verb, resource and scope; a name only if one was used).
     */
    @Test
    void generatedRbacAllowsEveryObservedShapeAndNothingOutsideTheirClosure() {
        Random random = new Random(42);
        String[] verbs = {"get", "list", "watch", "create", "update", "patch", "delete"};
        String[][] resources = {
            {"", "pods", ""},
            {"", "pods", "log"},
            {"apps", "deployments", ""},
            {"", "secrets", ""},
            {"batch", "jobs", "status"},
            {"", "nodes", ""}
        };
        for (int round = 0; round < 200; round++) {
            GenerateOptions options = new GenerateOptions(
                    GenerateOptions.Verbs.values()[random.nextInt(3)], random.nextBoolean(), 1 + random.nextInt(3));
            List<RequestShape> used = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(12); i < n; i++) {
                String[] r = resources[random.nextInt(resources.length)];
                boolean cluster = r[1].equals("nodes") || random.nextInt(6) == 0;
                String ns = cluster ? "" : "ns" + random.nextInt(4);
                String name = random.nextBoolean() ? "obj" + random.nextInt(8) : "";
                used.add(
                        random.nextInt(10) == 0
                                ? new RequestShape("get", "", "", "", "", "", "/metrics")
                                : shape(verbs[random.nextInt(verbs.length)], r[0], r[1], r[2], ns, name));
            }
            GeneratedRbac generated = new RoleGenerator(options).generate(APP, used);
            assertThat(GenerationVerifier.verify(generated, used, null).denied())
                    .as("round %d", round)
                    .isEmpty();

            boolean folded = !generated.notes().isEmpty();
            int seen = round;
            generated.granted().forEach((scope, permissions) -> {
                for (Permission granted : permissions) {
                    assertThat(used)
                            .as("round %d: %s in '%s' comes from use", seen, granted, scope)
                            .anySatisfy(u -> {
                                Permission p = Permission.of(u);
                                assertThat(p.apiGroup()).isEqualTo(granted.apiGroup());
                                assertThat(p.resource()).isEqualTo(granted.resource());
                                assertThat(p.nonResourceURL()).isEqualTo(granted.nonResourceURL());
                                assertThat(closure(p.verb(), options.verbs())).contains(granted.verb());
                                if (!folded) {
                                    assertThat(u.namespace()).isEqualTo(scope);
                                }
                                if (!granted.resourceName().isEmpty()) {
                                    assertThat(options.resourceNames()).isTrue();
                                    assertThat(granted.resourceName()).isIn(names(used, granted));
                                }
                            });
                }
            });
            // The objects are real RBAC: an authorizer reads them and grants nothing with a wildcard.
            assertThat(generated.objects())
                    .allSatisfy(o -> assertThat(o.toString()).doesNotContain("[*]"));
        }
    }

    private static Set<String> names(List<RequestShape> used, Permission granted) {
        Set<String> names = new TreeSet<>();
        used.stream()
                .map(Permission::of)
                .filter(p ->
                        p.resource().equals(granted.resource()) && p.apiGroup().equals(granted.apiGroup()))
                .forEach(p -> names.add(p.resourceName()));
        return names;
    }

    private static Set<String> closure(String verb, GenerateOptions.Verbs verbs) {
        Set<String> closure = new TreeSet<>(Set.of(verb));
        if (verbs != GenerateOptions.Verbs.NONE
                && Set.of("get", "list", "watch").contains(verb)) {
            closure.addAll(Set.of("get", "list", "watch"));
        }
        if (verbs == GenerateOptions.Verbs.ALL
                && Set.of("create", "update", "patch", "delete").contains(verb)) {
            closure.addAll(Set.of("create", "update", "patch", "delete"));
        }
        return closure;
    }

    @Test
    void againstTodaysRbacItSaysWhatItAddsAndWhatItDrops() throws Exception {
        var today = new ManifestReader().readString("rbac.yaml", """
                        apiVersion: rbac.authorization.k8s.io/v1
                        kind: Role
                        metadata: {name: app, namespace: team}
                        rules: [{apiGroups: [""], resources: [pods, secrets], verbs: [get, list]}]
                        ---
                        apiVersion: rbac.authorization.k8s.io/v1
                        kind: RoleBinding
                        metadata: {name: app, namespace: team}
                        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: app}
                        subjects: [{kind: ServiceAccount, name: app, namespace: team}]
                        """).objects();
        List<RequestShape> used =
                List.of(shape("list", "", "pods", "", "team", ""), shape("create", "", "events", "", "team", ""));
        GeneratedRbac generated = new RoleGenerator(GenerateOptions.DEFAULT).generate(APP, used);
        var check = GenerationVerifier.verify(
                generated, used, new RbacAuthorizer(SnapshotAssembler.assemble(today, BuiltinMode.NONE)));
        assertThat(check.widening()).containsExactly(PolicyRuleSpec.format(rule("create", "events")) + " in team");
        assertThat(check.dropped())
                .containsExactlyInAnyOrder(
                        PolicyRuleSpec.format(rule("get", "pods")) + " in team",
                        PolicyRuleSpec.format(rule("get", "secrets")) + " in team",
                        PolicyRuleSpec.format(rule("list", "secrets")) + " in team");
    }

    private static io.fabric8.kubernetes.api.model.rbac.PolicyRule rule(String verb, String resource) {
        return new io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder()
                .withApiGroups("")
                .withResources(resource)
                .withVerbs(verb)
                .build();
    }

    @Test
    void subjectsAreReadStrictlyAndNamedInjectively() {
        assertThat(GeneratedSubject.parse("User:alice@example.com").objectName())
                .isEqualTo("lpa:user:alice@example.com");
        assertThat(GeneratedSubject.parse("Group:a/b").objectName()).isEqualTo("lpa:group:a~sb");
        assertThat(GeneratedSubject.parse("Group:a~sb").objectName()).isEqualTo("lpa:group:a~~sb");
        assertThat(GeneratedSubject.parse("User:100%").objectName()).isEqualTo("lpa:user:100~p");
        assertThat(GeneratedSubject.ofUsername("system:serviceaccount:ci:deployer"))
                .isEqualTo(GeneratedSubject.parse("ServiceAccount:ci/deployer"));
        for (String bad : List.of("alice", "User:", "ServiceAccount:ci", "ServiceAccount:/x", "Robot:r2")) {
            assertThatThrownBy(() -> GeneratedSubject.parse(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("User:NAME, Group:NAME or ServiceAccount:NAMESPACE/NAME");
        }
    }

    private static String namespace(HasMetadata o) {
        return o.getMetadata().getNamespace() == null ? "" : o.getMetadata().getNamespace();
    }
}
