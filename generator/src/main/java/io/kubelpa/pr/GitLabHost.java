package io.kubelpa.pr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * GitLab's REST API (v4): find the open merge request of the branch and update it, or open one, with
 * labels. {@code apiUrl} is https://gitlab.com/api/v4 or a self-managed instance's.
 */
public final class GitLabHost implements CodeHost {
    private final URI api;
    private final String project;
    private final HttpJson http;

    public GitLabHost(String apiUrl, String project, String token) {
        this(apiUrl, project, token, HttpJson.TIMEOUT);
    }

    /** {@code timeout}: for each answer, body included. */
    GitLabHost(String apiUrl, String project, String token, Duration timeout) {
        if (project.isBlank()) {
            throw new IllegalArgumentException("--gitlab needs a project id or path");
        }
        this.api = URI.create(apiUrl.endsWith("/") ? apiUrl : apiUrl + "/");
        this.project = project;
        this.http = new HttpJson("PRIVATE-TOKEN", token, timeout);
    }

    @Override
    public String upsert(String branch, String base, String title, String body, List<String> labels)
            throws IOException, InterruptedException {
        String projectPath = "projects/" + encode(project);
        JsonNode open = http.send(
                "GET", api.resolve(projectPath + "/merge_requests?state=opened&source_branch=" + encode(branch)), null);
        ObjectNode payload = HttpJson.JSON
                .createObjectNode()
                .put("title", title)
                .put("description", body)
                .put("labels", String.join(",", labels));
        JsonNode request;
        if (open.isArray() && !open.isEmpty()) {
            int iid = HttpJson.number(open.get(0), "iid", "the search for an open merge request");
            request = http.send("PUT", api.resolve(projectPath + "/merge_requests/" + iid), payload);
        } else {
            payload.put("source_branch", branch).put("target_branch", base);
            request = http.send("POST", api.resolve(projectPath + "/merge_requests"), payload);
        }
        HttpJson.number(request, "iid", "the merge request's creation or update");
        return HttpJson.webUrl(request, "web_url", "the merge request's creation or update");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
