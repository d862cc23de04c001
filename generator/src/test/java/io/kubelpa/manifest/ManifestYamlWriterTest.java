package io.kubelpa.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.kubelpa.rbac.ManifestReader;
import io.kubelpa.rbac.PolicyRuleKey;
import io.kubelpa.rbac.PolicyRuleSpec;
import io.kubelpa.rbac.RbacObjects;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestYamlWriterTest {
    private final ManifestYamlWriter writer = new ManifestYamlWriter();

    @Test
    void writesKubectlStyleYamlWithoutEmptyFields() {
        ClusterRole role = new ClusterRoleBuilder()
                .withApiVersion("rbac.authorization.k8s.io/v1")
                .withKind("ClusterRole")
                .withNewMetadata()
                .withName("reader")
                .endMetadata()
                .withRules(PolicyRuleSpec.parse("verbs=get,list groups=\"\" resources=pods"))
                .build();
        assertThat(writer.write(role)).isEqualTo("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata:
                  name: reader
                rules:
                  - apiGroups:
                      - ""
                    resources:
                      - pods
                    verbs:
                      - get
                      - list
                """);
    }

    @Test
    void documentsReadBackToTheSameObjects() throws Exception {
        ClusterRole clusterRole = new ClusterRoleBuilder()
                .withApiVersion("rbac.authorization.k8s.io/v1")
                .withKind("ClusterRole")
                .withNewMetadata()
                .withName("odd: name")
                .addToLabels("team", "a")
                .endMetadata()
                .withRules(
                        PolicyRuleSpec.parse("verbs=get urls=/healthz,/metrics/*"),
                        PolicyRuleSpec.parse("verbs=get groups=\"\" resources=secrets names=yes,no,123,null,~,&a,*b"),
                        PolicyRuleSpec.parse("verbs=* groups=* resources=*,*/scale"))
                .build();
        String yaml = writer.writeAll(List.of(
                clusterRole,
                new RoleBuilder()
                        .withApiVersion("rbac.authorization.k8s.io/v1")
                        .withKind("Role")
                        .withNewMetadata()
                        .withName("r")
                        .withNamespace("ns")
                        .endMetadata()
                        .build()));
        RbacObjects read = new ManifestReader().readString("written.yaml", yaml).objects();
        assertThat(read.roles()).extracting(r -> r.getMetadata().getName()).containsExactly("r");
        ClusterRole back = read.clusterRoles().get(0);
        assertThat(back.getMetadata().getName()).isEqualTo("odd: name");
        assertThat(back.getRules())
                .extracting(PolicyRuleKey::of)
                .containsExactlyElementsOf(
                        clusterRole.getRules().stream().map(PolicyRuleKey::of).toList());
    }

    @Test
    void namesHoldingWhatYamlReadsAsALineBreakReadBackExactly() throws Exception {
        for (String name : new String[] {"next\u0085line", "line\u2028sep", "para\u2029sep"}) {
            ClusterRole role = new ClusterRoleBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .endMetadata()
                    .build();
            String yaml = new ManifestYamlWriter().write(role);
            assertThat(new ManifestReader()
                            .readString("written.yaml", yaml)
                            .objects()
                            .clusterRoles()
                            .get(0)
                            .getMetadata()
                            .getName())
                    .as("U+%04X in %s", (int) name.charAt(4), yaml)
                    .isEqualTo(name);
        }
    }
}
