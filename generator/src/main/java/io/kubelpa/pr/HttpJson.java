package io.kubelpa.pr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** JSON over HTTP for the code-host clients: the token goes in a header and never into messages. */
final class HttpJson {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String authHeader;
    private final String authValue;

    HttpJson(String authHeader, String authValue) {
        this.authHeader = authHeader;
        this.authValue = authValue;
    }

    JsonNode send(String method, URI uri, JsonNode body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header(authHeader, authValue)
                .header("Accept", "application/json")
                .header("User-Agent", "kube-lpa");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            String text = response.body() == null ? "" : response.body();
            throw new IOException(method + " " + uri.getPath() + " answered " + response.statusCode() + ": "
                    + text.substring(0, Math.min(300, text.length())).replace(authValue, "***"));
        }
        return response.body() == null || response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
    }
}
