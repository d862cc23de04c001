package io.kubelpa.usage;

import static io.kubelpa.testing.RbacFixtures.clusterRole;
import static io.kubelpa.testing.RbacFixtures.clusterRoleBinding;
import static io.kubelpa.testing.RbacFixtures.group;
import static io.kubelpa.testing.RbacFixtures.role;
import static io.kubelpa.testing.RbacFixtures.roleBinding;
import static io.kubelpa.testing.RbacFixtures.user;
import static io.kubelpa.usage.TestEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubelpa.authz.SubjectRef;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.RbacObjects;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditAnalysisTest {
    private static final GrantKey TEAM_READ = new GrantKey(
            ObjectRef.roleBinding("team", "readers"), ObjectRef.clusterRole("reader"), 0, userRef("alice"));
    private static final GrantKey GLOBAL_READ = new GrantKey(
            ObjectRef.clusterRoleBinding("all-readers"),
            ObjectRef.clusterRole("reader"),
            0,
            new SubjectRef("Group", "auditors", ""));

    private static SubjectRef userRef(String name) {
        return new SubjectRef("User", name, "");
    }

    private static RbacObjects rbac(Object... objects) {
        RbacObjects.Builder builder = new RbacObjects.Builder();
        for (Object o : objects) {
            builder.add(o);
        }
        return builder.build();
    }

    private static final RbacObjects CLUSTER = rbac(
            clusterRole(
                    "reader",
                    "verbs=get,list groups=\"\" resources=pods",
                    "verbs=get groups=\"\" resources=configmaps names=app-config"),
            roleBinding("team", "readers", "ClusterRole", "reader", user("alice")),
            clusterRoleBinding("all-readers", "reader", group("auditors")),
            clusterRole(
                    "impersonator",
                    "verbs=impersonate groups=\"\" resources=users,groups",
                    "verbs=impersonate groups=authentication.k8s.io resources=uids,userextras/scopes"),
            clusterRoleBinding("support-impersonates", "impersonator", user("support")));

    private static AuditAnalysis.Result analyse(RbacObjects rbac, TestEvents... events) {
        AuditAnalysis analysis = new AuditAnalysis(rbac, BuiltinMode.NONE);
        for (TestEvents event : events) {
            analysis.accept("test", event.decoded());
        }
        return analysis.finish();
    }

    @Test
    void eachRequestCountsOnceAcrossStagesAndRedeliveries() {
        AuditAnalysis.Result result = analyse(
                CLUSTER,
                request("r1", "get", "/api/v1/namespaces/team/pods/web")
                        .by("alice")
                        .stage("RequestReceived"),
                request("r1", "get", "/api/v1/namespaces/team/pods/web")
                        .by("alice")
                        .at(1),
                request("r1", "get", "/api/v1/namespaces/team/pods/web")
                        .by("alice")
                        .at(1),
                request("r2", "get", "/api/v1/namespaces/team/pods/db")
                        .by("alice")
                        .stage("RequestReceived"));
        UsageCounters counters = result.counters();
        assertThat(counters.get(UsageCounters.EVENTS)).isEqualTo(4);
        assertThat(counters.get(UsageCounters.REQUESTS)).isEqualTo(2);
        assertThat(counters.get(UsageCounters.DUPLICATES)).isEqualTo(1);
        assertThat(counters.get(UsageCounters.INCOMPLETE)).isEqualTo(1);
        assertThat(counters.get(UsageCounters.ALLOWED)).isEqualTo(1);
        ShapeUsage usage = result.ledger()
                .subjects()
                .get("alice")
                .used()
                .get(TEAM_READ)
                .values()
                .iterator()
                .next();
        assertThat(usage.count()).isEqualTo(1);
        assertThat(usage.sampleAuditIDs()).containsExactly("r1");
    }

    @Test
    void anAllowedRequestIsCreditedToEveryGrantThatAllowsIt() {
        AuditAnalysis.Result result = analyse(
                CLUSTER,
                request("r1", "list", "/api/v1/namespaces/team/pods")
                        .by("alice", "auditors", "system:authenticated")
                        .at(5),
                request("r2", "list", "/api/v1/namespaces/team/pods")
                        .by("alice", "auditors", "system:authenticated")
                        .at(9));
        Map<GrantKey, Map<RequestShape, ShapeUsage>> used =
                result.ledger().subjects().get("alice").used();
        assertThat(used.keySet()).containsExactlyInAnyOrder(TEAM_READ, GLOBAL_READ);
        ShapeUsage usage = used.get(GLOBAL_READ).get(new RequestShape("list", "", "pods", "", "team", "", ""));
        assertThat(usage.count()).isEqualTo(2);
        assertThat(usage.firstSeenMicros()).isEqualTo(TestEvents.micros(5));
        assertThat(usage.lastSeenMicros()).isEqualTo(TestEvents.micros(9));
        assertThat(result.counters().fromMicros()).isEqualTo(TestEvents.micros(5));
    }

    @Test
    void namesAreKeptOnlyForNameRestrictedRules() {
        AuditAnalysis.Result result = analyse(
                CLUSTER,
                request("r1", "get", "/api/v1/namespaces/team/configmaps/app-config")
                        .by("alice"),
                request("r2", "get", "/api/v1/namespaces/team/pods/web-1").by("alice"));
        Map<GrantKey, Map<RequestShape, ShapeUsage>> used =
                result.ledger().subjects().get("alice").used();
        assertThat(used.get(new GrantKey(TEAM_READ.binding(), TEAM_READ.role(), 1, TEAM_READ.subject()))
                        .keySet())
                .containsExactly(new RequestShape("get", "", "configmaps", "", "team", "app-config", ""));
        assertThat(used.get(TEAM_READ).keySet())
                .containsExactly(new RequestShape("get", "", "pods", "", "team", "", ""));
    }

    @Test
    void deniedRequestsAreNeedsNeverUse() {
        AuditAnalysis.Result result = analyse(
                CLUSTER,
                request("d1", "delete", "/api/v1/namespaces/team/pods/web")
                        .by("alice")
                        .code(403)
                        .decision("forbid", ""),
                request("d2", "delete", "/api/v1/namespaces/team/pods/web")
                        .by("alice")
                        .code(403));
        assertThat(result.ledger().subjects().get("alice").used()).isEmpty();
        assertThat(result.ledger().subjects().get("alice").denied())
                .containsOnlyKeys(new RequestShape("delete", "", "pods", "", "team", "", ""))
                .extractingByKey(new RequestShape("delete", "", "pods", "", "team", "", ""))
                .extracting(ShapeUsage::count)
                .isEqualTo(2L);
        assertThat(result.counters().get(UsageCounters.DENIED)).isEqualTo(2);
    }

    @Test
    void authorizedRequestsThatFailedStillCountAsUse() {
        AuditAnalysis.Result result = analyse(
                CLUSTER,
                request("nf", "get", "/api/v1/namespaces/team/pods/gone")
                        .by("alice")
                        .code(404),
                request("unauth", "get", "/api/v1/namespaces/team/pods/x")
                        .by("system:anonymous")
                        .code(401));
        assertThat(result.ledger().subjects().get("alice").used()).containsKey(TEAM_READ);
        assertThat(result.counters().get(UsageCounters.NOT_AUTHORIZED)).isEqualTo(1);
    }

    @Test
    void theAuditReasonIsCrossCheckedAndNonRbacAllowsCreditNoBinding() {
        AuditAnalysis.Result result = analyse(
                CLUSTER,
                request("ok", "get", "/api/v1/namespaces/team/pods/web")
                        .by("alice")
                        .decision(
                                "allow",
                                "RBAC: allowed by RoleBinding \"readers/team\" of ClusterRole \"reader\" to User \"alice\""),
                request("stale", "get", "/api/v1/namespaces/team/pods/web")
                        .by("alice")
                        .decision(
                                "allow",
                                "RBAC: allowed by ClusterRoleBinding \"deleted\" of ClusterRole \"reader\" to User \"alice\""),
                request("masters", "delete", "/api/v1/nodes/n1")
                        .by("root", "system:masters")
                        .decision("allow", ""),
                request("node", "get", "/api/v1/namespaces/team/secrets/kubelet-token")
                        .by("system:node:n1", "system:nodes")
                        .decision("allow", ""),
                request("ghost", "list", "/api/v1/namespaces/team/secrets")
                        .by("bob")
                        .decision(
                                "allow",
                                "RBAC: allowed by ClusterRoleBinding \"gone\" of ClusterRole \"admin\" to User \"bob\""));
        assertThat(result.counters().get(UsageCounters.REASON_MISMATCHES)).isEqualTo(2);
        assertThat(result.reasonMismatchExamples())
                .anySatisfy(e -> assertThat(e).startsWith("stale: "))
                .anySatisfy(e -> assertThat(e).startsWith("ghost: "));
        assertThat(result.counters().get(UsageCounters.ALLOWED_OUTSIDE_RBAC)).isEqualTo(3);
        assertThat(result.ledger().subjects().get("alice").outsideRbac()).isEmpty();
        assertThat(result.ledger().subjects().get("root").used()).isEmpty();
        assertThat(result.ledger().subjects().get("root").outsideRbac())
                .containsOnlyKeys(AuthorizedBy.SUPERUSER)
                .extractingByKey(AuthorizedBy.SUPERUSER)
                .satisfies(shapes -> assertThat(shapes.keySet()).singleElement().satisfies(shape -> {
                    assertThat(shape.verb()).isEqualTo("delete");
                    assertThat(shape.resource()).isEqualTo("nodes");
                    assertThat(shape.resourceName()).isEqualTo("n1");
                }));
        assertThat(result.ledger().subjects().get("system:node:n1").outsideRbac())
                .as("the Node authorizer leaves no reason: never guessed")
                .containsOnlyKeys(AuthorizedBy.UNKNOWN);
        assertThat(result.ledger().subjects().get("bob").outsideRbac()).containsOnlyKeys(AuthorizedBy.RBAC);
    }

    @Test
    void impersonationCreditsTheTargetAndTheImpersonatorsOwnImpersonateUse() {
        AuditAnalysis.Result result = analyse(
                CLUSTER,
                request("imp", "list", "/api/v1/namespaces/team/pods")
                        .by("support", "system:authenticated")
                        .as("alice", "tier-1", "system:authenticated")
                        .impersonatedUid("u-1", "scopes", "view"));
        assertThat(result.ledger().subjects().get("alice").used()).containsKey(TEAM_READ);
        Map<GrantKey, Map<RequestShape, ShapeUsage>> support =
                result.ledger().subjects().get("support").used();
        GrantKey impersonate = new GrantKey(
                ObjectRef.clusterRoleBinding("support-impersonates"),
                ObjectRef.clusterRole("impersonator"),
                0,
                userRef("support"));
        assertThat(support.get(impersonate).keySet())
                .containsExactly(
                        new RequestShape("impersonate", "", "groups", "", "", "", ""),
                        new RequestShape("impersonate", "", "users", "", "", "", ""));
        GrantKey impersonateIdentity =
                new GrantKey(impersonate.binding(), impersonate.role(), 1, impersonate.subject());
        assertThat(support.get(impersonateIdentity).keySet())
                .containsExactly(
                        new RequestShape("impersonate", "authentication.k8s.io", "uids", "", "", "", ""),
                        new RequestShape("impersonate", "authentication.k8s.io", "userextras", "scopes", "", "", ""));
        assertThat(result.counters().get(UsageCounters.IMPERSONATIONS)).isEqualTo(1);
    }

    @Test
    void anImpersonationNoRbacGrantAllowsIsTheImpersonatorsUseOutsideRbacWithTheTargetNamed() {
        AuditAnalysis.Result result = analyse(
                CLUSTER,
                request("imp", "list", "/api/v1/namespaces/team/pods")
                        .by("root", "system:masters", "system:authenticated")
                        .as("alice", "system:authenticated"));
        assertThat(result.ledger().subjects().get("alice").used()).containsKey(TEAM_READ);
        assertThat(result.ledger().subjects().get("root").outsideRbac())
                .containsOnlyKeys(AuthorizedBy.SUPERUSER)
                .extractingByKey(AuthorizedBy.SUPERUSER)
                .satisfies(shapes -> assertThat(shapes.keySet())
                        .containsExactly(new RequestShape("impersonate", "", "users", "", "", "alice", "")));
    }

    @Test
    void rbacWritesInTheLogChangeTheSnapshotFromTheirTimeOn() {
        String binding = "{\"kind\":\"RoleBinding\",\"apiVersion\":\"rbac.authorization.k8s.io/v1\","
                + "\"metadata\":{\"name\":\"carol-reads\",\"namespace\":\"team\"},"
                + "\"roleRef\":{\"apiGroup\":\"rbac.authorization.k8s.io\",\"kind\":\"ClusterRole\",\"name\":\"reader\"},"
                + "\"subjects\":[{\"kind\":\"User\",\"name\":\"carol\"}]}";
        AuditAnalysis.Result result = analyse(
                CLUSTER,
                request("before", "get", "/api/v1/namespaces/team/pods/web")
                        .by("carol")
                        .at(10),
                request("grant", "create", "/apis/rbac.authorization.k8s.io/v1/namespaces/team/rolebindings")
                        .by("admin", "system:masters")
                        .objectRef("rbac.authorization.k8s.io", "rolebindings", "team", "carol-reads")
                        .responseObject(binding)
                        .code(201)
                        .at(20),
                request("after", "get", "/api/v1/namespaces/team/pods/web")
                        .by("carol")
                        .at(30),
                request("meta-only", "update", "/apis/rbac.authorization.k8s.io/v1/clusterroles/reader")
                        .by("admin", "system:masters")
                        .objectRef("rbac.authorization.k8s.io", "clusterroles", "", "reader")
                        .at(40));
        GrantKey carolGrant = new GrantKey(
                ObjectRef.roleBinding("team", "carol-reads"), ObjectRef.clusterRole("reader"), 0, userRef("carol"));
        assertThat(result.ledger()
                        .subjects()
                        .get("carol")
                        .used()
                        .get(carolGrant)
                        .values())
                .singleElement()
                .satisfies(u -> assertThat(u.sampleAuditIDs()).containsExactly("after"));
        assertThat(result.counters().get(UsageCounters.RBAC_CHANGES)).isEqualTo(2);
        assertThat(result.timeline().partiallyKnown()).containsExactly(ObjectRef.clusterRole("reader"));
    }

    @Test
    void theUriDecidesAndADisagreeingObjectRefIsCounted() {
        AuditAnalysis.Result result = analyse(
                CLUSTER,
                request("consistent", "get", "/api/v1/namespaces/team/pods/web")
                        .by("alice")
                        .objectRef("", "pods", "team", "web"),
                request("create", "create", "/api/v1/namespaces/team/pods")
                        .by("alice")
                        .objectRef("", "pods", "team", "new-pod"),
                request("edited", "get", "/api/v1/namespaces/team/pods/web")
                        .by("alice")
                        .objectRef("", "secrets", "team", "web"));
        assertThat(result.counters().get(UsageCounters.OBJECT_REF_MISMATCHES)).isEqualTo(1);
        assertThat(result.ledger().subjects().get("alice").used().get(TEAM_READ))
                .containsOnlyKeys(new RequestShape("get", "", "pods", "", "team", "", ""));
    }

    @Test
    void deadLettersAreKeptWithTheirSource() {
        AuditAnalysis analysis = new AuditAnalysis(CLUSTER, BuiltinMode.NONE);
        analysis.accept(
                "audit.log:7", new io.kubelpa.audit.format.AuditRecordDecoder().decode("{\"kind\": 0}".getBytes()));
        AuditAnalysis.Result result = analysis.finish();
        assertThat(result.deadLetters())
                .containsExactly(new UsageReport.DeadLetter(
                        "audit.log:7",
                        "not-an-audit-event",
                        "JSON object without auditID, kind Event or a known envelope (kind 0)"));
        assertThat(result.counters().get(UsageCounters.DEAD_LETTERED + ".not-an-audit-event"))
                .isEqualTo(1);
    }

    @Test
    void roleAndRoleBindingInTheSameNamespace() {
        AuditAnalysis.Result result = analyse(
                rbac(
                        role("ops", "r", "verbs=patch groups=apps resources=deployments/scale"),
                        roleBinding("ops", "b", "Role", "r", user("system:serviceaccount:ops:scaler"))),
                request("s", "patch", "/apis/apps/v1/namespaces/ops/deployments/web/scale")
                        .by(
                                "system:serviceaccount:ops:scaler",
                                "system:serviceaccounts",
                                "system:serviceaccounts:ops",
                                "system:authenticated"));
        assertThat(result.ledger()
                        .subjects()
                        .get("system:serviceaccount:ops:scaler")
                        .used()
                        .keySet())
                .containsExactly(new GrantKey(
                        ObjectRef.roleBinding("ops", "b"),
                        ObjectRef.role("ops", "r"),
                        0,
                        new SubjectRef("User", "system:serviceaccount:ops:scaler", "")));
    }
}
