package io.kubelpa.authz;

import static io.kubelpa.testing.RbacFixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RuleMatcherTest {
    private static final UserInfo ALICE = UserInfo.withDefaultGroups("alice", List.of());

    static RequestAttributes res(String verb, String group, String resource, String sub, String name) {
        return RequestAttributes.resource(ALICE, verb, "ns", group, resource, sub, name);
    }

    static RequestAttributes url(String verb, String path) {
        return RequestAttributes.nonResource(ALICE, verb, path);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(
                        "exact verb, group, resource",
                        "verbs=get groups=\"\" resources=pods",
                        res("get", "", "pods", "", "p"),
                        true),
                Arguments.of(
                        "other verb", "verbs=get groups=\"\" resources=pods", res("list", "", "pods", "", ""), false),
                Arguments.of(
                        "verb wildcard",
                        "verbs=* groups=\"\" resources=pods",
                        res("deletecollection", "", "pods", "", ""),
                        true),
                Arguments.of(
                        "verbs are case-sensitive",
                        "verbs=Get groups=\"\" resources=pods",
                        res("get", "", "pods", "", ""),
                        false),
                Arguments.of(
                        "wrong group", "verbs=get groups=apps resources=pods", res("get", "", "pods", "", ""), false),
                Arguments.of(
                        "group wildcard covers core",
                        "verbs=get groups=* resources=pods",
                        res("get", "", "pods", "", ""),
                        true),
                Arguments.of(
                        "empty apiGroups matches nothing",
                        "verbs=get resources=pods",
                        res("get", "", "pods", "", ""),
                        false),
                Arguments.of(
                        "plain resource does not cover its subresource",
                        "verbs=get groups=\"\" resources=pods",
                        res("get", "", "pods", "log", "p"),
                        false),
                Arguments.of(
                        "resource/subresource exact",
                        "verbs=get groups=\"\" resources=pods/log",
                        res("get", "", "pods", "log", "p"),
                        true),
                Arguments.of(
                        "pods/* is literal, not a wildcard",
                        "verbs=get groups=\"\" resources=pods/*",
                        res("get", "", "pods", "log", "p"),
                        false),
                Arguments.of(
                        "pods/* does not match pods",
                        "verbs=get groups=\"\" resources=pods/*",
                        res("get", "", "pods", "", "p"),
                        false),
                Arguments.of(
                        "*/scale matches any resource's scale",
                        "verbs=update groups=apps resources=*/scale",
                        res("update", "apps", "deployments", "scale", "d"),
                        true),
                Arguments.of(
                        "*/scale does not match the resource",
                        "verbs=update groups=apps resources=*/scale",
                        res("update", "apps", "deployments", "", "d"),
                        false),
                Arguments.of(
                        "*/scale does not match another subresource",
                        "verbs=update groups=apps resources=*/scale",
                        res("update", "apps", "deployments", "status", "d"),
                        false),
                Arguments.of(
                        "* covers subresources",
                        "verbs=create groups=\"\" resources=*",
                        res("create", "", "pods", "exec", "p"),
                        true),
                Arguments.of(
                        "named rule allows that name",
                        "verbs=get groups=\"\" resources=secrets names=db",
                        res("get", "", "secrets", "", "db"),
                        true),
                Arguments.of(
                        "named rule denies other names",
                        "verbs=get groups=\"\" resources=secrets names=db",
                        res("get", "", "secrets", "", "other"),
                        false),
                Arguments.of(
                        "create has no name: a named rule never allows it",
                        "verbs=create groups=\"\" resources=configmaps names=cm",
                        res("create", "", "configmaps", "", ""),
                        false),
                Arguments.of(
                        "list without a name selector is denied by a named rule",
                        "verbs=list groups=\"\" resources=configmaps names=cm",
                        res("list", "", "configmaps", "", ""),
                        false),
                Arguments.of(
                        "list with metadata.name selector is allowed by a named rule",
                        "verbs=list groups=\"\" resources=configmaps names=cm",
                        res("list", "", "configmaps", "", "cm"),
                        true),
                Arguments.of(
                        "deletecollection is never name-restricted",
                        "verbs=deletecollection groups=\"\" resources=pods names=p",
                        res("deletecollection", "", "pods", "", ""),
                        false),
                Arguments.of(
                        "resourceNames * is a literal name",
                        "verbs=get groups=\"\" resources=secrets names=*",
                        res("get", "", "secrets", "", "db"),
                        false),
                Arguments.of(
                        "subresource request carries the parent's name",
                        "verbs=create groups=\"\" resources=pods/exec names=web",
                        res("create", "", "pods", "exec", "web"),
                        true),
                Arguments.of(
                        "resource rule never matches a URL",
                        "verbs=get groups=* resources=*",
                        url("get", "/healthz"),
                        false),
                Arguments.of("URL exact", "verbs=get urls=/healthz", url("get", "/healthz"), true),
                Arguments.of(
                        "URL rule never matches a resource", "verbs=get urls=*", res("get", "", "pods", "", ""), false),
                Arguments.of("URL star matches every path", "verbs=get urls=*", url("get", "/version"), true),
                Arguments.of("trailing star is a raw prefix", "verbs=get urls=/api*", url("get", "/apis/apps"), true),
                Arguments.of(
                        "/healthz/* does not match /healthz",
                        "verbs=get urls=/healthz/*",
                        url("get", "/healthz"),
                        false),
                Arguments.of(
                        "/healthz/* matches /healthz/etcd",
                        "verbs=get urls=/healthz/*",
                        url("get", "/healthz/etcd"),
                        true),
                Arguments.of("URL verbs are checked", "verbs=get urls=/metrics", url("post", "/metrics"), false),
                Arguments.of(
                        "star in the middle of a URL is literal", "verbs=get urls=/a*/b", url("get", "/ax/b"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesLikeTheKubernetesAuthorizer(String name, String ruleSpec, RequestAttributes request, boolean allowed) {
        assertThat(RuleMatcher.allows(rule(ruleSpec), request)).isEqualTo(allowed);
    }
}
