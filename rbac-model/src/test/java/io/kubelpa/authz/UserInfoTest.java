package io.kubelpa.authz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UserInfoTest {
    @Test
    void everyAuthenticatedUserIsInSystemAuthenticated() {
        assertThat(UserInfo.withDefaultGroups("alice", List.of("devs")).groups())
                .containsExactly("devs", "system:authenticated");
    }

    @Test
    void anonymousIsUnauthenticated() {
        assertThat(UserInfo.withDefaultGroups("system:anonymous", List.of()).groups())
                .containsExactly("system:unauthenticated");
    }

    @Test
    void serviceAccountsGetTheirTwoGroups() {
        assertThat(UserInfo.withDefaultGroups("system:serviceaccount:ci:deployer", List.of())
                        .groups())
                .containsExactly("system:serviceaccounts", "system:serviceaccounts:ci", "system:authenticated");
    }

    @Test
    void impersonationWithGroupsAddsOnlySystemAuthenticated() {
        assertThat(UserInfo.impersonated("system:serviceaccount:ci:deployer", List.of("extra"))
                        .groups())
                .containsExactly("extra", "system:authenticated");
        assertThat(UserInfo.impersonated("bob", List.of("system:unauthenticated"))
                        .groups())
                .containsExactly("system:unauthenticated");
        assertThat(UserInfo.impersonated("system:anonymous", List.of("x")).groups())
                .containsExactly("x", "system:unauthenticated");
    }

    @Test
    void serviceAccountNamesParseStrictly() {
        assertThat(UserInfo.ServiceAccountName.parse("system:serviceaccount:ns:name"))
                .isEqualTo(new UserInfo.ServiceAccountName("ns", "name"));
        assertThat(UserInfo.ServiceAccountName.parse("system:serviceaccount:ns"))
                .isNull();
        assertThat(UserInfo.ServiceAccountName.parse("system:serviceaccount::name"))
                .isNull();
        assertThat(UserInfo.ServiceAccountName.parse("system:serviceaccount:a:b:c"))
                .isNull();
        assertThat(UserInfo.ServiceAccountName.parse("alice")).isNull();
    }
}
