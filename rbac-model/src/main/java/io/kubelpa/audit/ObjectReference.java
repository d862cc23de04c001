package io.kubelpa.audit;

/** The audit event's objectRef: what the request was about, as the API server recorded it. */
public record ObjectReference(String apiGroup, String resource, String subresource, String namespace, String name) {
    public ObjectReference {
        apiGroup = orEmpty(apiGroup);
        resource = orEmpty(resource);
        subresource = orEmpty(subresource);
        namespace = orEmpty(namespace);
        name = orEmpty(name);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
