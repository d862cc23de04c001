package io.kubelpa.cli;

import io.kubelpa.authz.RequestAttributes;
import io.kubelpa.authz.ResourceScopes;
import io.kubelpa.authz.ResourceType;
import io.kubelpa.authz.UserInfo;
import java.io.PrintWriter;

/**
 * What a can-i or who-can question is about, from kubectl-style arguments: {@code VERB TYPE[/NAME]}
 * or {@code VERB /non/resource/url}, with subresource and namespace, scoped as the API server scopes
 * real requests (a Namespace object's requests carry its name as namespace; cluster-scoped resources
 * carry none).
 */
final class RequestTarget {
    private RequestTarget() {}

    static RequestAttributes of(
            UserInfo user,
            String verb,
            String typeOrUrl,
            String name,
            String subresource,
            String namespace,
            PrintWriter warnings) {
        if (verb == null || verb.isBlank()) {
            throw new CliException(ExitCodes.USAGE, "VERB is required");
        }
        if (typeOrUrl.startsWith("/")) {
            if ((name != null && !name.isEmpty()) || (subresource != null && !subresource.isEmpty())) {
                throw new CliException(ExitCodes.USAGE, "a non-resource URL takes no name or --subresource");
            }
            return RequestAttributes.nonResource(user, verb, typeOrUrl);
        }
        String typeName = typeOrUrl;
        String objectName = name == null ? "" : name;
        int slash = typeOrUrl.indexOf('/');
        if (slash >= 0) {
            if (!objectName.isEmpty()) {
                throw new CliException(ExitCodes.USAGE, "give the name either as TYPE/NAME or as NAME, not both");
            }
            typeName = typeOrUrl.substring(0, slash);
            objectName = typeOrUrl.substring(slash + 1);
        }
        ResourceType type;
        try {
            type = ResourceType.parse(typeName);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
        String scopedNamespace = namespace == null ? "" : namespace;
        if (type.group().isEmpty() && "namespaces".equals(type.resource()) && !objectName.isEmpty()) {
            scopedNamespace = objectName;
        } else if (ResourceScopes.isClusterScoped(type.group(), type.resource()) && !scopedNamespace.isEmpty()) {
            warnings.println("lpa: warning: resource '" + type + "' is not namespace scoped; ignoring the namespace");
            scopedNamespace = "";
        }
        return RequestAttributes.resource(
                user, verb, scopedNamespace, type.group(), type.resource(), subresource, objectName);
    }
}
