package io.kubelpa.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubelpa.rbac.ManifestException;
import io.kubelpa.rbac.ManifestReader;
import io.kubelpa.rbac.RbacObjects;
import java.util.ArrayList;
import java.util.List;

/** RBAC objects as one JSON {@code kind: List} document: how a job carries its starting snapshot. */
public final class RbacJson {
    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private RbacJson() {}

    public static String write(RbacObjects objects) {
        ObjectNode list = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "List");
        ArrayNode items = list.putArray("items");
        List<Object> all = new ArrayList<>();
        all.addAll(objects.roles());
        all.addAll(objects.clusterRoles());
        all.addAll(objects.roleBindings());
        all.addAll(objects.clusterRoleBindings());
        for (Object object : all) {
            items.add(JSON.valueToTree(object));
        }
        return list.toString();
    }

    /** The objects {@link #write} wrote; the document is the job's own, so a failure to read it is a bug. */
    public static RbacObjects read(String json) {
        try {
            return new ManifestReader().readString("initial RBAC", json).objects();
        } catch (ManifestException e) {
            throw new IllegalStateException("the job's own RBAC document does not read back: " + e.getMessage(), e);
        }
    }
}
