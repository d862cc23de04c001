package io.kubelpa.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubelpa.authz.RequestAttributes;
import io.kubelpa.authz.UserInfo;
import java.util.ArrayList;
import java.util.List;

/** One line of {@code lpa can-i --requests}: authorizer attributes given field by field. */
final class BatchRequest {
    private BatchRequest() {}

    static RequestAttributes parse(JsonNode request) {
        if (!request.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        String user = text(request, "user");
        String verb = text(request, "verb");
        if (user.isEmpty() || verb.isEmpty()) {
            throw new IllegalArgumentException("\"user\" and \"verb\" are required");
        }
        UserInfo userInfo;
        JsonNode groups = request.get("groups");
        if (groups == null || groups.isNull()) {
            userInfo = UserInfo.withDefaultGroups(user, List.of());
        } else if (groups.isArray()) {
            List<String> given = new ArrayList<>();
            for (JsonNode group : groups) {
                if (!group.isTextual()) {
                    throw new IllegalArgumentException("\"groups\" must be a list of strings");
                }
                given.add(group.asText());
            }
            userInfo = new UserInfo(user, given);
        } else {
            throw new IllegalArgumentException("\"groups\" must be a list of strings");
        }
        String url = text(request, "nonResourceURL");
        if (!url.isEmpty()) {
            return RequestAttributes.nonResource(userInfo, verb, url);
        }
        String resource = text(request, "resource");
        if (resource.isEmpty()) {
            throw new IllegalArgumentException("either \"resource\" or \"nonResourceURL\" is required");
        }
        return RequestAttributes.resource(
                userInfo,
                verb,
                text(request, "namespace"),
                text(request, "apiGroup"),
                resource,
                text(request, "subresource"),
                text(request, "name"));
    }

    private static String text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a string");
        }
        return value.asText();
    }

    static String describe(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
