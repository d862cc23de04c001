package io.kubelpa.tightening;

import static io.kubelpa.testing.RbacFixtures.clusterRole;
import static io.kubelpa.testing.RbacFixtures.clusterRoleBinding;
import static io.kubelpa.testing.RbacFixtures.group;
import static io.kubelpa.testing.RbacFixtures.roleBinding;
import static io.kubelpa.testing.RbacFixtures.serviceAccount;
import static io.kubelpa.testing.RbacFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubelpa.authz.RbacAuthorizer;
import io.kubelpa.authz.RequestAttributes;
import io.kubelpa.authz.UserInfo;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.rbac.SnapshotAssembler;
import io.kubelpa.usage.InMemoryUsageLedger;
import io.kubelpa.usage.UsageAttributor;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeldBindingsTest {
    @Test
    void aSubjectHoldsTheBindingsNamingItItsAccountOrAGroupItMatchedThrough() {
        RbacObjects rbac = new RbacObjects.Builder()
                .add(clusterRole("reader", "verbs=get groups=\"\" resources=pods"))
                .add(roleBinding("team", "direct", "ClusterRole", "reader", user("dana")))
                .add(roleBinding("team", "devs", "ClusterRole", "reader", group("devs")))
                .add(clusterRoleBinding("everyone", "reader", group("system:authenticated")))
                .add(roleBinding(
                        "team", "others", "ClusterRole", "reader", user("erin"), serviceAccount("team", "app")))
                .build();
        RbacAuthorizer authorizer = new RbacAuthorizer(SnapshotAssembler.assemble(rbac, BuiltinMode.NONE));
        InMemoryUsageLedger ledger = new InMemoryUsageLedger();
        RequestAttributes request = RequestAttributes.resource(
                new UserInfo("dana", List.of("devs", "system:authenticated")), "get", "team", "", "pods", "", "x");
        UsageAttributor.credit(request, authorizer.authorize(request), 1, "a", authorizer.snapshot())
                .forEach(ledger::add);
        assertThat(new HeldBindings(rbac).of("dana", ledger.subjects().get("dana")))
                .containsExactly(
                        ObjectRef.clusterRoleBinding("everyone"),
                        ObjectRef.roleBinding("team", "devs"),
                        ObjectRef.roleBinding("team", "direct"));
    }
}
