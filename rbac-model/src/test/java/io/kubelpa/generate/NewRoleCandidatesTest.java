package io.kubelpa.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelpa.authz.SubjectRef;
import io.kubelpa.rbac.ObjectRef;
import io.kubelpa.usage.AuthorizedBy;
import io.kubelpa.usage.GrantKey;
import io.kubelpa.usage.InMemoryUsageLedger;
import io.kubelpa.usage.RequestShape;
import io.kubelpa.usage.UsageRecord;
import org.junit.jupiter.api.Test;

class NewRoleCandidatesTest {
    private static final RequestShape GET_PODS = new RequestShape("get", "", "pods", "", "team", "", "");

    private static UsageRecord use(String user, GrantKey grant) {
        return new UsageRecord(user, grant, GET_PODS, 1, "a-" + user);
    }

    @Test
    void onlySubjectsNoRbacOfTheirsExplainsAreOfferedNewRolesNeverThePlatformsOwn() {
        InMemoryUsageLedger ledger = new InMemoryUsageLedger();
        ledger.add(use("legacy-bot", GrantKey.outsideRbac(AuthorizedBy.UNKNOWN)));
        ledger.add(use("root", GrantKey.outsideRbac(AuthorizedBy.SUPERUSER)));
        ledger.add(use(
                "ops-admin",
                new GrantKey(
                        ObjectRef.clusterRoleBinding("cluster-admin"),
                        ObjectRef.clusterRole("cluster-admin"),
                        0,
                        new SubjectRef("Group", AuthorizedBy.MASTERS, ""))));
        ledger.add(use(
                "alice",
                new GrantKey(
                        ObjectRef.roleBinding("team", "alice"),
                        ObjectRef.clusterRole("view"),
                        0,
                        new SubjectRef("User", "alice", ""))));
        ledger.add(use("partial", GrantKey.outsideRbac(AuthorizedBy.RBAC)));
        ledger.add(use("system:node:n1", GrantKey.outsideRbac(AuthorizedBy.UNKNOWN)));
        ledger.add(use("system:serviceaccount:kube-system:coredns", GrantKey.outsideRbac(AuthorizedBy.UNKNOWN)));
        ledger.add(use("system:serviceaccount:ci:legacy", GrantKey.outsideRbac(AuthorizedBy.UNKNOWN)));

        assertThat(NewRoleCandidates.in(ledger))
                .extracting(GeneratedSubject::toString)
                .as("alice holds RBAC; 'partial' was allowed by a binding the RBAC given lacks; nodes and"
                        + " kube-system accounts are the platform's")
                .containsExactlyInAnyOrder(
                        "User:legacy-bot", "User:root", "User:ops-admin", "ServiceAccount:ci/legacy");
    }
}
