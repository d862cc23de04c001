package io.kubelpa.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {
    private final ManifestReader reader = new ManifestReader();

    @TempDir
    Path dir;

    @Test
    void readsMultiDocumentYamlAndCountsOtherKinds() throws Exception {
        ManifestLoad load = reader.readString("m.yaml", """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: a}
                rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c}
                ---
                # an empty document
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: b, namespace: ns}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: a}
                subjects: [{kind: User, name: alice}]
                """);
        assertThat(load.objects().clusterRoles()).hasSize(1);
        assertThat(load.objects().roleBindings())
                .singleElement()
                .satisfies(b -> assertThat(b.getRoleRef().getName()).isEqualTo("a"));
        assertThat(load.skippedByKind()).containsEntry("ConfigMap", 1);
        assertThat(load.documents()).isEqualTo(3);
        assertThat(load.sources())
                .containsEntry(ObjectRef.clusterRole("a"), new SourceLocation("m.yaml", 1))
                .containsEntry(ObjectRef.roleBinding("ns", "b"), new SourceLocation("m.yaml", 12));
    }

    @Test
    void readsKubectlListDumpsWithServerFields() throws Exception {
        ManifestLoad load = reader.readString("dump.yaml", """
                apiVersion: v1
                kind: List
                items:
                - apiVersion: rbac.authorization.k8s.io/v1
                  kind: Role
                  metadata:
                    name: r
                    namespace: ns
                    uid: 1b2c
                    resourceVersion: "123"
                    managedFields: [{manager: kubectl, operation: Update, fieldsV1: {f:rules: {}}}]
                  rules: [{apiGroups: [""], resources: [pods], verbs: [list]}]
                - apiVersion: v1
                  kind: Pod
                  metadata: {name: p}
                """);
        assertThat(load.objects().roles())
                .singleElement()
                .satisfies(r -> assertThat(r.getMetadata().getNamespace()).isEqualTo("ns"));
        assertThat(load.skippedByKind()).containsEntry("Pod", 1);
    }

    @Test
    void readsTypedListsWhoseItemsOmitKind() throws Exception {
        ManifestLoad load = reader.readString("list.json", """
                {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBindingList",
                 "items":[{"metadata":{"name":"x"},"roleRef":{"kind":"ClusterRole","name":"view","apiGroup":"rbac.authorization.k8s.io"}}]}
                """);
        assertThat(load.objects().clusterRoleBindings()).hasSize(1);
    }

    @Test
    void convertsOlderApiVersions() throws Exception {
        ManifestLoad load = reader.readString("old.yaml", """
                apiVersion: rbac.authorization.k8s.io/v1beta1
                kind: ClusterRoleBinding
                metadata: {name: beta}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
                subjects: [{kind: Group, name: g, apiGroup: rbac.authorization.k8s.io}]
                ---
                apiVersion: rbac.authorization.k8s.io/v1alpha1
                kind: RoleBinding
                metadata: {name: alpha, namespace: ns}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}
                subjects: [{kind: User, name: u, apiVersion: rbac.authorization.k8s.io/v1alpha1}]
                """);
        assertThat(load.objects().clusterRoleBindings()).singleElement().satisfies(b -> assertThat(b.getApiVersion())
                .isEqualTo("rbac.authorization.k8s.io/v1"));
        assertThat(load.objects().roleBindings().get(0).getSubjects().get(0).getApiGroup())
                .isEqualTo("rbac.authorization.k8s.io");
    }

    @Test
    void namespacedObjectsWithoutNamespaceLandInDefault() throws Exception {
        ManifestLoad load = reader.readString("r.yaml", """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {name: r}
                """);
        assertThat(load.objects().roles().get(0).getMetadata().getNamespace()).isEqualTo("default");
    }

    @Test
    void namesWithLineSeparatorsRoundTripExactlyThroughJsonText() throws Exception {
        for (String name : new String[] {"dev\u0085ops", "dev\u2028ops", "dev\u2029ops"}) {
            String json =
                    "{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\"RoleBinding\",\"metadata\":{\"name\":\""
                            + name
                            + "\",\"namespace\":\"team\"},\"roleRef\":{\"apiGroup\":\"rbac.authorization.k8s.io\",\"kind\":\"Role\","
                            + "\"name\":\"reader\"},\"subjects\":[{\"kind\":\"User\",\"name\":\"alice\"}]}";
            assertThat(reader.readString("binding", json)
                            .objects()
                            .roleBindings()
                            .get(0)
                            .getMetadata()
                            .getName())
                    .as("U+%04X", (int) name.charAt(3))
                    .isEqualTo(name);
        }
    }

    @Test
    void aScalarOfMegabytesOnOneLineIsRefusedAtOnceNotParsedForMinutes() {
        String manifest = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: "
                + "a".repeat(16 * 1024 * 1024) + "\nrules: []\n";
        long started = System.nanoTime();
        assertThatThrownBy(() -> reader.readString("huge.yaml", manifest))
                .isInstanceOf(ManifestException.class)
                .hasMessage("huge.yaml: line 4 is longer than 1 MiB; no field of an RBAC manifest is that long");
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(5));
    }

    @Test
    void invalidRbacDocumentIsOneLineNamingFileAndDocument() {
        assertThatThrownBy(() -> reader.readString("bad.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: fine}
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: broken}
                subjects: [{kind: User, name: u}]
                """))
                .isInstanceOf(ManifestException.class)
                .hasMessage("bad.yaml: document 1: ClusterRoleBinding \"broken\" has no roleRef kind and name");
    }

    @Test
    void anIncompleteObjectBesideAKustomizationSaysToRenderTheOverlayFirst(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Files.writeString(
                dir.resolve("kustomization.yaml"), "resources: [../../base]\npatches: [{path: patch.yaml}]\n");
        Path patch = Files.writeString(dir.resolve("patch.yaml"), """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: grafana, namespace: monitoring}
                subjects: [{kind: ServiceAccount, name: grafana}]
                """);
        assertThatThrownBy(() -> reader.read(List.of(patch)))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("RoleBinding \"grafana\" has no roleRef kind and name")
                .hasMessageContaining("render the overlay first: kubectl kustomize " + dir.toAbsolutePath())
                .hasMessageContaining("| lpa analyze --rbac -");
    }

    @Test
    void eachItemOfAListDumpPointsAtItsOwnLine() throws Exception {
        ManifestLoad yaml = reader.readString("dump.yaml", """
                apiVersion: v1
                kind: List
                items:
                - apiVersion: rbac.authorization.k8s.io/v1
                  kind: ClusterRole
                  metadata: {name: first}
                  rules: []
                - apiVersion: v1
                  kind: ConfigMap
                  metadata: {name: skipped}
                - apiVersion: rbac.authorization.k8s.io/v1
                  kind: ClusterRole
                  metadata: {name: third}
                  rules: []
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: alone}
                """);
        assertThat(yaml.sources().get(ObjectRef.clusterRole("first")).line()).isEqualTo(4);
        assertThat(yaml.sources().get(ObjectRef.clusterRole("third")).line()).isEqualTo(11);
        assertThat(yaml.sources().get(ObjectRef.clusterRole("alone")).line()).isGreaterThanOrEqualTo(16);

        ManifestLoad json = reader.readString("dump.json", """
                {"apiVersion": "v1", "kind": "List", "items": [
                  {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
                   "metadata": {"name": "one"}, "rules": []},
                  {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
                   "metadata": {"name": "two"}, "rules": []}
                ]}
                """);
        assertThat(json.sources().get(ObjectRef.clusterRole("one")).line()).isEqualTo(2);
        assertThat(json.sources().get(ObjectRef.clusterRole("two")).line()).isEqualTo(4);
    }

    @Test
    void wrongFieldTypesAreReportedNotThrown() {
        assertThatThrownBy(() -> reader.readString("types.yaml", """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: x}
                rules: "not a list"
                """))
                .isInstanceOf(ManifestException.class)
                .hasMessageStartingWith("types.yaml: document 0: ClusterRole: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void explicitNullListsReadAsAbsent() throws Exception {
        // Go decodes `resources: null` as an absent list; the reader once failed on it with a NullPointerException.
        ManifestLoad load = reader.readString("nulls.yaml", """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: x}
                rules:
                - {apiGroups: [""], resources: null, resourceNames: null, verbs: [get]}
                """);
        assertThat(load.objects().clusterRoles()).singleElement().satisfies(role -> assertThat(
                        role.getRules().get(0).getResources())
                .isNullOrEmpty());
    }

    @Test
    void syntaxErrorsNameTheDocument() {
        assertThatThrownBy(() -> reader.readString("syntax.yaml", "kind: List\n---\nkey: [unclosed\n"))
                .isInstanceOf(ManifestException.class)
                .hasMessageStartingWith("syntax.yaml: document 1: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void yamlBombsDoNotExpand() throws Exception {
        StringBuilder bomb =
                new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char previous = 'a';
        for (char c = 'b'; c <= 'j'; c++) {
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append(i == 0 ? "" : ",").append('*').append(previous);
            }
            bomb.append("]\n");
            previous = c;
        }
        ManifestLoad load = reader.readString("bomb.yaml", bomb.toString());
        assertThat(load.objects().size()).isZero();
        assertThat(load.skippedByKind()).containsEntry("(no kind)", 1);
    }

    @Test
    void aliasesInRbacDocumentsAreRejectedRatherThanMisread() {
        assertThatThrownBy(() -> reader.readString("alias.yaml", """
                apiVersion: v1
                kind: ConfigMap
                data: {a: &x one, b: *x}
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: x}
                rules:
                - apiGroups: [""]
                  resources: &res [pods]
                  verbs: [get]
                - apiGroups: [""]
                  resources: *res
                  verbs: [list]
                """))
                .isInstanceOf(ManifestException.class)
                .hasMessage(
                        "alias.yaml: document 1: YAML aliases are not supported in RBAC manifests; write the values out");
    }

    @Test
    void duplicateKeysAreRejected() {
        assertThatThrownBy(() -> reader.readString("dup.yaml", """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                kind: Role
                metadata: {name: x}
                """))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("dup.yaml: document 0:");
    }

    @Test
    void readsDirectoriesRecursivelySkippingHiddenAndOtherFiles() throws Exception {
        Files.createDirectories(dir.resolve("team/sub"));
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve("team/sub/role.yml"), """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: from-yml}
                """);
        Files.writeString(dir.resolve("team/binding.json"), """
                {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"from-json"}}
                """);
        Files.writeString(dir.resolve(".git/config.yaml"), "kind: [not read]");
        Files.writeString(dir.resolve("README.md"), "not a manifest");
        ManifestLoad load = reader.read(List.of(dir));
        assertThat(load.objects().clusterRoles())
                .extracting(r -> r.getMetadata().getName())
                .containsExactly("from-json", "from-yml");
    }

    @Test
    void missingPathIsAnError() {
        assertThatThrownBy(() -> reader.read(List.of(dir.resolve("nope"))))
                .isInstanceOf(ManifestException.class)
                .hasMessageEndingWith("nope: no such file or directory");
    }

    @Test
    void readsStdinAsDash() throws Exception {
        String yaml = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: piped}\n";
        ManifestLoad load = reader.read(List.of("-"), new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        assertThat(load.objects().clusterRoles()).hasSize(1);
    }

    @Test
    void documentsWithoutKindAreSkippedNotFatal() throws Exception {
        ManifestLoad load = reader.readString("values.yaml", "replicaCount: 2\nimage: {tag: x}\n");
        assertThat(load.objects().size()).isZero();
        assertThat(load.skippedByKind()).containsEntry("(no kind)", 1);
    }

    @Test
    void nullListEntriesAreRejected() {
        assertThatThrownBy(() -> reader.readString("nulls.yaml", """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: x}
                rules: [{apiGroups: [~], resources: [pods], verbs: [get]}]
                """))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("null list entry");
    }
}
