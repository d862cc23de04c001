package io.kubelpa.authz;

import java.util.Objects;

/**
 * The attributes the RBAC authorizer decides on. A resource request has verb, API group, resource,
 * optional subresource, name and namespace; a non-resource request has verb and URL path. Empty
 * strings stand for "absent", as in the API server.
 */
public record RequestAttributes(
        UserInfo user,
        String verb,
        boolean resourceRequest,
        String namespace,
        String apiGroup,
        String resource,
        String subresource,
        String name,
        String path) {

    public RequestAttributes {
        Objects.requireNonNull(user, "user");
        verb = nullToEmpty(verb);
        namespace = nullToEmpty(namespace);
        apiGroup = nullToEmpty(apiGroup);
        resource = nullToEmpty(resource);
        subresource = nullToEmpty(subresource);
        name = nullToEmpty(name);
        path = nullToEmpty(path);
    }

    public static RequestAttributes resource(
            UserInfo user,
            String verb,
            String namespace,
            String apiGroup,
            String resource,
            String subresource,
            String name) {
        return new RequestAttributes(user, verb, true, namespace, apiGroup, resource, subresource, name, "");
    }

    public static RequestAttributes nonResource(UserInfo user, String verb, String path) {
        return new RequestAttributes(user, verb, false, "", "", "", "", "", path);
    }

    /** {@code resource} or {@code resource/subresource}, the form rules are matched against. */
    public String combinedResource() {
        return subresource.isEmpty() ? resource : resource + "/" + subresource;
    }

    public RequestAttributes withUser(UserInfo other) {
        return new RequestAttributes(
                other, verb, resourceRequest, namespace, apiGroup, resource, subresource, name, path);
    }

    public RequestAttributes withNamespace(String other) {
        return new RequestAttributes(user, verb, resourceRequest, other, apiGroup, resource, subresource, name, path);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
