package io.kubelpa.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelpa.authz.RequestAttributes;
import io.kubelpa.authz.UserInfo;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestInfoParserTest {
    private static final UserInfo USER = new UserInfo("alice", List.of());

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(
                        "get", "/api/v1/namespaces/team/pods/web", "resource ns=team group= res=pods sub= name=web"),
                Arguments.of(
                        "list",
                        "/api/v1/namespaces/team/pods?limit=500",
                        "resource ns=team group= res=pods sub= name="),
                Arguments.of(
                        "watch",
                        "/apis/apps/v1/deployments?watch=true",
                        "resource ns= group=apps res=deployments sub= name="),
                Arguments.of(
                        "create",
                        "/api/v1/namespaces/team/pods/web/exec?command=sh",
                        "resource ns=team group= res=pods sub=exec name=web"),
                Arguments.of(
                        "create",
                        "/api/v1/namespaces/team/configmaps",
                        "resource ns=team group= res=configmaps sub= name="),
                Arguments.of("get", "/api/v1/namespaces/team", "resource ns=team group= res=namespaces sub= name=team"),
                Arguments.of(
                        "update",
                        "/api/v1/namespaces/team/finalize",
                        "resource ns=team group= res=namespaces sub=finalize name=team"),
                Arguments.of(
                        "deletecollection",
                        "/api/v1/namespaces/team/pods",
                        "resource ns=team group= res=pods sub= name="),
                Arguments.of(
                        "list",
                        "/api/v1/namespaces/kube-system/configmaps?fieldSelector=metadata.name%3Dkube-root-ca.crt&watch=true",
                        "resource ns=kube-system group= res=configmaps sub= name=kube-root-ca.crt"),
                Arguments.of(
                        "list",
                        "/api/v1/pods?fieldSelector=spec.nodeName%3Dn1%2Cmetadata.name%3D%3Dweb",
                        "resource ns= group= res=pods sub= name=web"),
                Arguments.of(
                        "list",
                        "/api/v1/pods?fieldSelector=metadata.name%21%3Dweb",
                        "resource ns= group= res=pods sub= name="),
                Arguments.of(
                        "watch", "/api/v1/watch/namespaces/team/pods", "resource ns=team group= res=pods sub= name="),
                Arguments.of("proxy", "/api/v1/proxy/nodes/n1/stats", "resource ns= group= res=nodes sub= name=n1"),
                Arguments.of(
                        "get",
                        "/api/v1/nodes/n1/proxy/stats/summary",
                        "resource ns= group= res=nodes sub=proxy name=n1"),
                Arguments.of("get", "/apis/apps/v1", "url /apis/apps/v1"),
                Arguments.of("get", "/api", "url /api"),
                Arguments.of("get", "/healthz?verbose", "url /healthz"),
                Arguments.of("post", "/logs/", "url /logs/"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void derivesAttributesLikeTheApiServer(String verb, String uri, String expected) {
        AuditEvent event = new AuditEvent(
                "id",
                Stage.RESPONSE_COMPLETE,
                "Metadata",
                verb,
                uri,
                USER,
                null,
                null,
                200,
                null,
                null,
                0,
                false,
                null);
        RequestAttributes a = RequestInfoParser.attributes(event, USER);
        String actual = a.resourceRequest()
                ? "resource ns=" + a.namespace() + " group=" + a.apiGroup() + " res=" + a.resource() + " sub="
                        + a.subresource() + " name=" + a.name()
                : "url " + a.path();
        assertThat(actual).isEqualTo(expected);
        assertThat(a.verb()).isEqualTo(verb);
    }
}
