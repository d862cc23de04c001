package io.kubelpa.report;

import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.kubelpa.authz.AuthorizationDecision;
import io.kubelpa.authz.RbacAuthorizer;
import io.kubelpa.authz.RequestAttributes;
import io.kubelpa.authz.UserInfo;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.PolicyRuleSpec;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.rbac.SnapshotAssembler;
import io.kubelpa.review.LeastPrivilegeReview;
import io.kubelpa.review.ReviewOptions;
import io.kubelpa.usage.InMemoryUsageLedger;
import io.kubelpa.usage.UsageAttributor;
import io.kubelpa.usage.UsageCounters;
import io.kubelpa.usage.UsageReport;
import java.nio.file.Path;
import java.util.List;

/** A real analysis directory (review of a small RBAC with hostile names and one observed request) for report tests. */
final class AnalysisFixture {
    static final String HOSTILE = "evil<script>alert(1)</script>|`x`\u202egnp.exe";
    /** A binding name as long as generated ones get, with nowhere to break a line. */
    static final String LONG_NAME =
            "lpa:generated:" + "serviceaccount.kubesystem.replicasetcontroller.".repeat(4) + "x";

    private AnalysisFixture() {}

    private static io.fabric8.kubernetes.api.model.rbac.RoleBinding bobsBinding(String name) {
        return new RoleBindingBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("team")
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", HOSTILE)
                .addNewSubject()
                .withKind("User")
                .withApiGroup("rbac.authorization.k8s.io")
                .withName("bob")
                .endSubject()
                .build();
    }

    static ReportModel write(Path dir) throws Exception {
        RbacObjects rbac = new RbacObjects.Builder()
                .add(new ClusterRoleBuilder()
                        .withNewMetadata()
                        .withName(HOSTILE)
                        .endMetadata()
                        .withRules(PolicyRuleSpec.parse("verbs=get,list,delete groups=\"\" resources=pods,secrets"))
                        .build())
                .add(new ClusterRoleBindingBuilder()
                        .withNewMetadata()
                        .withName("all-" + HOSTILE)
                        .endMetadata()
                        .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", HOSTILE)
                        .addNewSubject()
                        .withKind("User")
                        .withApiGroup("rbac.authorization.k8s.io")
                        .withName("alice")
                        .endSubject()
                        .build())
                .add(bobsBinding("idle"))
                .add(bobsBinding(LONG_NAME))
                .build();
        RbacAuthorizer authorizer = new RbacAuthorizer(SnapshotAssembler.assemble(rbac, BuiltinMode.NONE));
        InMemoryUsageLedger ledger = new InMemoryUsageLedger();
        UsageCounters counters = new UsageCounters();
        long day = 86_400_000_000L;
        counters.observe(1_746_057_600_000_000L);
        counters.observe(1_746_057_600_000_000L + 10 * day);
        RequestAttributes request = RequestAttributes.resource(
                UserInfo.withDefaultGroups("alice", List.of()), "get", "team", "", "pods", "", "web");
        AuthorizationDecision decision = authorizer.authorize(request);
        UsageAttributor.credit(request, decision, 1_746_057_600_000_001L, "a1", authorizer.snapshot())
                .forEach(ledger::add);
        UsageReport report = new UsageReport(ledger, counters, List.of(), List.of(), List.of());
        new AnalysisWriter("test")
                .write(
                        dir,
                        report,
                        LeastPrivilegeReview.run(rbac, BuiltinMode.NONE, report, ReviewOptions.defaults("test")),
                        java.util.Map.of(
                                io.kubelpa.rbac.ObjectRef.clusterRole(HOSTILE),
                                new io.kubelpa.rbac.SourceLocation("manifests/team rbac.yaml", 3)));
        return new ReportReader().read(dir, null);
    }
}
