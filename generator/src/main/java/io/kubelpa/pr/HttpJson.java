package io.kubelpa.pr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * JSON over HTTP for the code-host clients: the token goes in a header and never into messages; every
 * answer is bounded in size ({@link #MAX_BODY_BYTES}) and in time, body included ({@link #TIMEOUT}),
 * so a hostile or broken server can neither fill the memory nor hang the command.
 */
final class HttpJson {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_BODY_BYTES = 1024 * 1024;
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String authHeader;
    private final String authValue;
    private final Duration timeout;

    HttpJson(String authHeader, String authValue) {
        this(authHeader, authValue, TIMEOUT);
    }

    HttpJson(String authHeader, String authValue, Duration timeout) {
        this.timeout = timeout;
        for (int i = 0; i < authValue.length(); i++) {
            char c = authValue.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                // The value itself is a secret: the message names where, never what.
                throw new IllegalArgumentException("the token holds a line break or control character at position "
                        + (i - (authValue.length() - authValue.stripLeading().length()))
                        + "; a token is one line of printable characters");
            }
        }
        this.authHeader = authHeader;
        this.authValue = authValue;
    }

    JsonNode send(String method, URI uri, JsonNode body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header(authHeader, authValue)
                .header("Accept", "application/json")
                .header("User-Agent", "kube-lpa");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        CompletableFuture<HttpResponse<String>> pending =
                client.sendAsync(request.build(), info -> new BoundedBody(MAX_BODY_BYTES));
        HttpResponse<String> response;
        try {
            response = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new IOException(
                    method + " " + uri.getPath() + " did not answer in full within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String why = cause.getMessage() == null || cause.getMessage().isBlank()
                    ? (cause instanceof java.net.ConnectException
                            ? "connection refused"
                            : cause.getClass().getSimpleName())
                    : cause.getMessage();
            throw new IOException(
                    method + " " + uri.getPath() + ": " + printable(why.replace(authValue, "***")), cause);
        }
        if (response.statusCode() / 100 != 2) {
            String text = response.body() == null ? "" : response.body();
            throw new IOException(method + " " + uri.getPath() + " answered " + response.statusCode() + ": "
                    + printable(text.substring(0, Math.min(300, text.length())).replace(authValue, "***")));
        }
        if (response.body() == null || response.body().isBlank()) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(response.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // The parser's message quotes the answer (lines, escapes, whatever the server sent): say only where it
            // broke.
            throw new IOException(method + " " + uri.getPath() + " answered " + response.statusCode()
                    + " with something that is not JSON"
                    + (e.getLocation() == null
                            ? ""
                            : " (at character " + e.getLocation().getCharOffset() + ")"));
        }
    }

    /** A positive whole number the answer to {@code what} must hold in {@code field}. */
    static int number(JsonNode answer, String field, String what) throws IOException {
        JsonNode value = answer.path(field);
        if (!value.canConvertToInt() || value.asInt() <= 0) {
            throw new IOException(
                    "the code host's answer to " + what + " has no " + field + "; nothing was labelled or linked");
        }
        return value.asInt();
    }

    /** The web address the answer to {@code what} must hold in {@code field}. */
    static String webUrl(JsonNode answer, String field, String what) throws IOException {
        String url = answer.path(field).asText("");
        if (!url.startsWith("https://") && !url.startsWith("http://")) {
            throw new IOException("the code host's answer to " + what + " has no " + field);
        }
        return printable(url);
    }

    /** A server's text with control characters (terminal escapes among them) shown as '?'. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }

    /** A response body read up to a limit: a larger one fails the request instead of filling the heap. */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<String> {
        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<String> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        BoundedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<String> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + buffer.remaining() > limit) {
                    subscription.cancel();
                    result.completeExceptionally(new IOException("the answer is larger than " + limit / 1024 + " KiB"));
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toString(StandardCharsets.UTF_8));
        }
    }
}
