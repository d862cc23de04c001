package io.kubelpa.usage;

import io.kubelpa.authz.RequestAttributes;
import java.util.Comparator;

/**
 * A distinct kind of request, as least-privilege cares about it: verb, API group, resource,
 * subresource, namespace ("" = cluster scope) and the object name only where the allowing rule is
 * name-restricted; or verb and URL for non-resource requests.
 */
public record RequestShape(
        String verb,
        String apiGroup,
        String resource,
        String subresource,
        String namespace,
        String resourceName,
        String nonResourceURL)
        implements Comparable<RequestShape> {

    private static final Comparator<RequestShape> ORDER = Comparator.comparing(RequestShape::nonResourceURL)
            .thenComparing(RequestShape::apiGroup)
            .thenComparing(RequestShape::resource)
            .thenComparing(RequestShape::subresource)
            .thenComparing(RequestShape::namespace)
            .thenComparing(RequestShape::verb)
            .thenComparing(RequestShape::resourceName);

    public RequestShape {
        verb = orEmpty(verb);
        apiGroup = orEmpty(apiGroup);
        resource = orEmpty(resource);
        subresource = orEmpty(subresource);
        namespace = orEmpty(namespace);
        resourceName = orEmpty(resourceName);
        nonResourceURL = orEmpty(nonResourceURL);
    }

    /** The shape of a request; {@code keepName} when the allowing rule restricts names, so the name matters. */
    public static RequestShape of(RequestAttributes request, boolean keepName) {
        if (!request.resourceRequest()) {
            return new RequestShape(request.verb(), "", "", "", "", "", request.path());
        }
        return new RequestShape(
                request.verb(),
                request.apiGroup(),
                request.resource(),
                request.subresource(),
                request.namespace(),
                keepName ? request.name() : "",
                "");
    }

    public boolean isNonResource() {
        return !nonResourceURL.isEmpty();
    }

    @Override
    public int compareTo(RequestShape other) {
        return ORDER.compare(this, other);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
