package io.kubelpa.tightening;

import io.kubelpa.authz.RequestAttributes;
import io.kubelpa.authz.UserInfo;
import io.kubelpa.usage.RequestShape;
import java.util.Comparator;

/**
 * One concrete permission: what a PolicyRule with a single value in each list grants. Resource
 * permissions carry the rule form of the resource ({@code pods} or {@code pods/log}) and a name only
 * where the rule that allowed it is name-restricted; non-resource permissions a URL and a verb.
 */
public record Permission(String apiGroup, String resource, String verb, String resourceName, String nonResourceURL)
        implements Comparable<Permission> {

    private static final Comparator<Permission> ORDER = Comparator.comparing(Permission::nonResourceURL)
            .thenComparing(Permission::apiGroup)
            .thenComparing(Permission::resource)
            .thenComparing(Permission::resourceName)
            .thenComparing(Permission::verb, Verbs.ORDER);

    public static Permission of(RequestShape shape) {
        if (shape.isNonResource()) {
            return new Permission("", "", shape.verb(), "", shape.nonResourceURL());
        }
        String resource =
                shape.subresource().isEmpty() ? shape.resource() : shape.resource() + "/" + shape.subresource();
        return new Permission(shape.apiGroup(), resource, shape.verb(), shape.resourceName(), "");
    }

    public boolean isNonResource() {
        return !nonResourceURL.isEmpty();
    }

    public Permission withVerb(String other) {
        return new Permission(apiGroup, resource, other, resourceName, nonResourceURL);
    }

    /** The request this permission allows, made by {@code user} in {@code namespace} ("" for cluster scope). */
    public RequestAttributes asRequest(UserInfo user, String namespace) {
        if (isNonResource()) {
            return RequestAttributes.nonResource(user, verb, nonResourceURL);
        }
        int slash = resource.indexOf('/');
        String base = slash < 0 ? resource : resource.substring(0, slash);
        String subresource = slash < 0 ? "" : resource.substring(slash + 1);
        return RequestAttributes.resource(user, verb, namespace, apiGroup, base, subresource, resourceName);
    }

    @Override
    public int compareTo(Permission other) {
        return ORDER.compare(this, other);
    }
}
