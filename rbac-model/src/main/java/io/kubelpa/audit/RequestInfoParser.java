package io.kubelpa.audit;

import io.kubelpa.authz.RequestAttributes;
import io.kubelpa.authz.UserInfo;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Derives the authorizer's request attributes from an audit event the way the API server's
 * request-info resolver derives them from the URL: namespace, resource, name and subresource come
 * from the request path (objectRef is filled from the body at Metadata level, so a create shows a
 * name the authorizer never saw); list and watch take their name from an exact
 * {@code metadata.name} field selector; non-resource requests use the path without the query.
 * The verb is the one the event recorded, which already is the authorizer's verb.
 */
public final class RequestInfoParser {
    private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

    private RequestInfoParser() {}

    public static RequestAttributes attributes(AuditEvent event, UserInfo user) {
        String uri = event.requestURI();
        if (uri.isEmpty() && event.objectRef() != null) {
            ObjectReference ref = event.objectRef();
            return RequestAttributes.resource(
                    user,
                    event.verb(),
                    ref.namespace(),
                    ref.apiGroup(),
                    ref.resource(),
                    ref.subresource(),
                    "create".equals(event.verb()) && ref.subresource().isEmpty() ? "" : ref.name());
        }
        int queryStart = uri.indexOf('?');
        String path = queryStart < 0 ? uri : uri.substring(0, queryStart);
        String query = queryStart < 0 ? "" : uri.substring(queryStart + 1);
        List<String> parts = new ArrayList<>(Arrays.asList(trimSlashes(path).split("/")));
        String verb = event.verb();
        boolean api = !parts.isEmpty() && "api".equals(parts.get(0));
        boolean apis = !parts.isEmpty() && "apis".equals(parts.get(0));
        if (!(api && parts.size() >= 3) && !(apis && parts.size() >= 4)) {
            return RequestAttributes.nonResource(user, verb, path.isEmpty() ? "/" : path);
        }
        String group = apis ? parts.get(1) : "";
        List<String> rest = new ArrayList<>(parts.subList(apis ? 3 : 2, parts.size()));
        boolean legacyVerbSegment = "watch".equals(rest.get(0)) || "proxy".equals(rest.get(0));
        if (legacyVerbSegment && rest.size() > 1) {
            rest = new ArrayList<>(rest.subList(1, rest.size()));
        }
        String namespace = "";
        if ("namespaces".equals(rest.get(0)) && rest.size() > 1) {
            namespace = rest.get(1);
            if (rest.size() > 2 && !NAMESPACE_SUBRESOURCES.contains(rest.get(2))) {
                rest = new ArrayList<>(rest.subList(2, rest.size()));
            }
        }
        String resource = rest.get(0);
        String name = rest.size() >= 2 ? rest.get(1) : "";
        String subresource = rest.size() >= 3 && !"proxy".equals(verb) ? rest.get(2) : "";
        if (name.isEmpty() && ("list".equals(verb) || "watch".equals(verb))) {
            name = nameFromFieldSelector(query);
        }
        return RequestAttributes.resource(user, verb, namespace, group, resource, subresource, name);
    }

    private static String trimSlashes(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }

    /** The value of an exact {@code metadata.name} term of the fieldSelector query parameter, or "". */
    static String nameFromFieldSelector(String query) {
        for (String parameter : query.split("&")) {
            int eq = parameter.indexOf('=');
            if (eq < 0 || !"fieldSelector".equals(decode(parameter.substring(0, eq)))) {
                continue;
            }
            String selector = decode(parameter.substring(eq + 1));
            if (selector == null) {
                return "";
            }
            String name = "";
            for (String term : splitTerms(selector)) {
                String[] operands = splitTerm(term);
                if (operands == null) {
                    return "";
                }
                if ("metadata.name".equals(operands[0]) && !"!=".equals(operands[1])) {
                    name = operands[2];
                }
            }
            return isValidPathSegment(name) ? name : "";
        }
        return "";
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static List<String> splitTerms(String selector) {
        List<String> terms = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean escaped = false;
        for (char c : selector.toCharArray()) {
            if (escaped) {
                current.append('\\').append(c);
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == ',') {
                terms.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        terms.add(current.toString());
        return terms;
    }

    /** [field, operator, unescaped value], or null when the term does not parse. */
    private static String[] splitTerm(String term) {
        for (String operator : new String[] {"!=", "==", "="}) {
            int at = term.indexOf(operator);
            if (at > 0) {
                String value = term.substring(at + operator.length()).replaceAll("\\\\(.)", "$1");
                return new String[] {term.substring(0, at).strip(), operator, value};
            }
        }
        return term.isBlank() ? new String[] {"", "", ""} : null;
    }

    private static boolean isValidPathSegment(String name) {
        return !name.isEmpty()
                && !".".equals(name)
                && !"..".equals(name)
                && name.indexOf('/') < 0
                && name.indexOf('%') < 0;
    }
}
