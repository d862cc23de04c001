package io.kubelpa.rbac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The RBAC API versions kube-lpa accepts and their conversion to {@code rbac.authorization.k8s.io/v1}.
 * v1beta1 has the v1 shape; v1alpha1 names the subject's API group {@code apiVersion}
 * ({@code rbac.authorization.k8s.io/v1alpha1} for users and groups, {@code v1} for service accounts).
 */
final class RbacApiVersions {
    static final String V1 = RbacKind.GROUP + "/v1";

    private RbacApiVersions() {}

    static boolean isRbac(String apiVersion) {
        return V1.equals(apiVersion)
                || (RbacKind.GROUP + "/v1beta1").equals(apiVersion)
                || (RbacKind.GROUP + "/v1alpha1").equals(apiVersion);
    }

    static ObjectNode toV1(ObjectNode object) {
        if (V1.equals(object.path("apiVersion").asText())) {
            return object;
        }
        boolean alpha = object.path("apiVersion").asText().endsWith("/v1alpha1");
        ObjectNode converted = object.deepCopy();
        converted.put("apiVersion", V1);
        JsonNode subjects = converted.path("subjects");
        if (alpha && subjects.isArray()) {
            for (JsonNode subject : (ArrayNode) subjects) {
                if (subject instanceof ObjectNode s && s.has("apiVersion") && !s.has("apiGroup")) {
                    String version = s.remove("apiVersion").asText();
                    int slash = version.indexOf('/');
                    s.put("apiGroup", slash < 0 ? "" : version.substring(0, slash));
                }
            }
        }
        return converted;
    }
}
