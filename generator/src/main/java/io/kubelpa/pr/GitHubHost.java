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
 * GitHub's REST API: find the open pull request of the branch and update it, or open one; then label it.
 * {@code apiUrl} is https://api.github.com or a GitHub Enterprise {@code /api/v3} endpoint.
 */
public final class GitHubHost implements CodeHost {
    private final URI api;
    private final String owner;
    private final String repo;
    private final HttpJson http;

    public GitHubHost(String apiUrl, String ownerAndRepo, String token) {
        this(apiUrl, ownerAndRepo, token, HttpJson.TIMEOUT);
    }

    /** {@code timeout}: for each answer, body included. */
    GitHubHost(String apiUrl, String ownerAndRepo, String token, Duration timeout) {
        String[] parts = ownerAndRepo.split("/", 2);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty() || parts[1].contains("/")) {
            throw new IllegalArgumentException("--github must be OWNER/REPO, not '" + ownerAndRepo + "'");
        }
        this.api = URI.create(apiUrl.endsWith("/") ? apiUrl : apiUrl + "/");
        this.owner = parts[0];
        this.repo = parts[1];
        this.http = new HttpJson("Authorization", "Bearer " + token, timeout);
    }

    @Override
    public String upsert(String branch, String base, String title, String body, List<String> labels)
            throws IOException, InterruptedException {
        String repoPath = "repos/" + encode(owner) + "/" + encode(repo);
        JsonNode open = http.send(
                "GET", api.resolve(repoPath + "/pulls?state=open&head=" + encode(owner + ":" + branch)), null);
        ObjectNode payload =
                HttpJson.JSON.createObjectNode().put("title", title).put("body", body);
        JsonNode pull;
        if (open.isArray() && !open.isEmpty()) {
            int number = HttpJson.number(open.get(0), "number", "the search for an open pull request");
            pull = http.send("PATCH", api.resolve(repoPath + "/pulls/" + number), payload);
        } else {
            payload.put("head", branch).put("base", base);
            pull = http.send("POST", api.resolve(repoPath + "/pulls"), payload);
        }
        ObjectNode labelPayload = HttpJson.JSON.createObjectNode();
        labels.forEach(labelPayload.putArray("labels")::add);
        String what = open.isArray() && !open.isEmpty() ? "the pull request's update" : "the pull request's creation";
        int number = HttpJson.number(pull, "number", what);
        String url = HttpJson.webUrl(pull, "html_url", what);
        http.send("POST", api.resolve(repoPath + "/issues/" + number + "/labels"), labelPayload);
        return url;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
