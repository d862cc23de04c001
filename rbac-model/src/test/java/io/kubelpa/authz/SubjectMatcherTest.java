package io.kubelpa.authz;

import static io.kubelpa.testing.RbacFixtures.group;
import static io.kubelpa.testing.RbacFixtures.serviceAccount;
import static io.kubelpa.testing.RbacFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubjectMatcherTest {
    private static final UserInfo SA = UserInfo.withDefaultGroups("system:serviceaccount:team:builder", List.of());

    @Test
    void userMatchesByExactName() {
        UserInfo alice = UserInfo.withDefaultGroups("alice", List.of("devs"));
        assertThat(SubjectMatcher.appliesTo(user("alice"), alice, "")).isTrue();
        assertThat(SubjectMatcher.appliesTo(user("Alice"), alice, "")).isFalse();
        assertThat(SubjectMatcher.appliesTo(group("devs"), alice, "")).isTrue();
        assertThat(SubjectMatcher.appliesTo(group("ops"), alice, "")).isFalse();
    }

    @Test
    void serviceAccountWithoutNamespaceTakesTheRoleBindingNamespace() {
        assertThat(SubjectMatcher.appliesTo(serviceAccount(null, "builder"), SA, "team"))
                .isTrue();
        assertThat(SubjectMatcher.appliesTo(serviceAccount(null, "builder"), SA, "other"))
                .isFalse();
    }

    @Test
    void serviceAccountWithoutNamespaceInAClusterRoleBindingNeverMatches() {
        assertThat(SubjectMatcher.appliesTo(serviceAccount(null, "builder"), SA, ""))
                .isFalse();
        assertThat(SubjectMatcher.appliesTo(serviceAccount("", "builder"), SA, ""))
                .isFalse();
    }

    @Test
    void serviceAccountNamespaceOnTheSubjectWins() {
        assertThat(SubjectMatcher.appliesTo(serviceAccount("team", "builder"), SA, "elsewhere"))
                .isTrue();
    }

    @Test
    void serviceAccountUsernameMayAlsoBeBoundAsAUser() {
        assertThat(SubjectMatcher.appliesTo(user("system:serviceaccount:team:builder"), SA, ""))
                .isTrue();
    }

    @Test
    void implicitServiceAccountGroupsMatchGroupSubjects() {
        assertThat(SubjectMatcher.appliesTo(group("system:serviceaccounts"), SA, ""))
                .isTrue();
        assertThat(SubjectMatcher.appliesTo(group("system:serviceaccounts:team"), SA, ""))
                .isTrue();
        assertThat(SubjectMatcher.appliesTo(group("system:serviceaccounts:other"), SA, ""))
                .isFalse();
        assertThat(SubjectMatcher.appliesTo(group("system:authenticated"), SA, ""))
                .isTrue();
    }

    @Test
    void apiGroupIsIgnoredAndUnknownKindsNeverMatch() {
        assertThat(SubjectMatcher.appliesTo(
                        new Subject("nonsense", "User", "alice", null),
                        UserInfo.withDefaultGroups("alice", List.of()),
                        ""))
                .isTrue();
        assertThat(SubjectMatcher.appliesTo(
                        new Subject("", "Robot", "alice", null), UserInfo.withDefaultGroups("alice", List.of()), ""))
                .isFalse();
        assertThat(SubjectMatcher.appliesTo(
                        new Subject("", "user", "alice", null), UserInfo.withDefaultGroups("alice", List.of()), ""))
                .isFalse();
    }

    @Test
    void nothingIsAWildcard() {
        assertThat(SubjectMatcher.appliesTo(user("*"), UserInfo.withDefaultGroups("alice", List.of()), ""))
                .isFalse();
        assertThat(SubjectMatcher.appliesTo(group("*"), UserInfo.withDefaultGroups("alice", List.of()), ""))
                .isFalse();
    }
}
