package io.kubelpa.pr;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A local HTTP server (loopback) answering a code host's REST calls from a table of canned responses,
 * keyed by "METHOD path?query", and recording every request for the test to inspect.
 */
final class TestingCodeHostServer implements AutoCloseable {
    record Request(String method, String target, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst()
                    .map(e -> e.getValue().get(0))
                    .orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Function<Request, String>> responses = new ConcurrentHashMap<>();

    TestingCodeHostServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String target = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null
                            ? ""
                            : "?" + exchange.getRequestURI().getRawQuery());
            Request request = new Request(
                    exchange.getRequestMethod(),
                    target,
                    Map.copyOf(exchange.getRequestHeaders()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            requests.add(request);
            Function<Request, String> handler = responses.get(request.method() + " " + target);
            byte[] body = (handler == null ? "{\"message\":\"Not Found\"}" : handler.apply(request))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(
                    handler == null ? 404 : request.method().equals("POST") ? 201 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    void respond(String methodAndTarget, Function<Request, String> response) {
        responses.put(methodAndTarget, response);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
