package io.kubelpa.pr;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A local code host that answers each request with a fault drawn from a seeded sequence — an error
 * status echoing the token and terminal escapes, a redirect, JSON that is not JSON or lacks what is
 * asked, a body too large, one dripping past the timeout, a connection cut mid-body — and the GitHub
 * and GitLab clients either return a web address or fail with one printable line that never holds the
 * token, in bounded time.
 */
class CodeHostFaultsFuzzTest {
    private static final String TOKEN = "glpat-SECRET0123456789";
    private static final Duration TIMEOUT = Duration.ofMillis(400);
    private static final int ROUNDS = 60;

    private HttpServer server;
    private Random random;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void everyFaultOfTheCodeHostIsOnePrintableLineWithoutTheToken() throws Exception {
        int succeeded = 0;
        int failed = 0;
        for (long seed = 1; seed <= ROUNDS; seed++) {
            synchronized (this) {
                random = new Random(seed);
            }
            String api = "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
            CodeHost host = seed % 2 == 0
                    ? new GitHubHost(api, "team/infra", TOKEN, TIMEOUT)
                    : new GitLabHost(api, "team/infra", TOKEN, TIMEOUT);
            long started = System.nanoTime();
            try {
                String url = host.upsert("lpa/review", "main", "Reduce RBAC", "body", List.of("rbac"));
                assertThat(url).as("seed %d", seed).matches("https?://\\P{Cc}+");
                succeeded++;
            } catch (IOException e) {
                failed++;
                assertThat(e.getMessage())
                        .as("seed %d", seed)
                        .isNotBlank()
                        .doesNotContain(TOKEN, "SECRET")
                        .hasSizeLessThan(600)
                        .matches("\\P{Cc}+");
            }
            // at most four requests, each bounded by the timeout (plus the connection's own set-up)
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("seed %d", seed)
                    .isLessThan(TIMEOUT.multipliedBy(4).plusSeconds(2));
        }
        assertThat(succeeded).as("some rounds meet a working host").isPositive();
        assertThat(failed).as("most rounds meet a fault").isGreaterThan(ROUNDS / 2);
    }

    private void answer(HttpExchange exchange) throws IOException {
        int fault;
        synchronized (this) {
            fault = random.nextInt(16);
        }
        String method = exchange.getRequestMethod();
        String token = String.valueOf(exchange.getRequestHeaders()
                .getFirst(
                        exchange.getRequestHeaders().containsKey("PRIVATE-TOKEN") ? "PRIVATE-TOKEN" : "Authorization"));
        try (exchange) {
            switch (fault) {
                case 0 -> send(exchange, 401, "{\"message\":\"Bad credentials: " + token + "\"}");
                case 1 -> send(exchange, 500, "\u001b]0;owned\u0007\u001b[2J" + token + "\nline two\r\nthree");
                case 2 -> {
                    exchange.getResponseHeaders().add("Location", "http://127.0.0.1:1/elsewhere");
                    send(exchange, 301, "");
                }
                case 3 -> send(exchange, 200, "<html><body>\u001b[31mnot json " + token + "</body></html>");
                case 4 -> send(exchange, 201, "{\"number\":7,\"iid\":7,\"html_u");
                case 5 -> send(exchange, 201, "{\"number\":\"seven\",\"iid\":-1,\"html_url\":\"javascript:alert(1)\"}");
                case 6 ->
                    send(exchange, 201, "{\"number\":1e300,\"iid\":99999999999,\"web_url\":\"file:///etc/passwd\"}");
                case 7 -> {
                    exchange.sendResponseHeaders(200, 0);
                    byte[] chunk = new byte[64 * 1024];
                    java.util.Arrays.fill(chunk, (byte) '[');
                    for (int i = 0; i < 32; i++) { // 2 MiB
                        exchange.getResponseBody().write(chunk);
                    }
                }
                case 8 -> {
                    exchange.sendResponseHeaders(200, 0);
                    for (int i = 0; i < 20; i++) {
                        exchange.getResponseBody().write(' ');
                        exchange.getResponseBody().flush();
                        Thread.sleep(50);
                    }
                }
                case 9 -> {
                    exchange.sendResponseHeaders(200, 1000);
                    exchange.getResponseBody().write("{\"number\":".getBytes(StandardCharsets.UTF_8));
                    exchange.getResponseBody().flush(); // then the exchange closes with 990 bytes owed
                }
                case 10 -> send(exchange, 200, new byte[] {'{', '"', 'n', '"', ':', (byte) 0xc3, (byte) 0x28, '}'});
                case 11 -> send(exchange, 204, "");
                default -> send(exchange, method.equals("GET") ? 200 : 201, working(exchange));
            }
        } catch (IOException | InterruptedException hungUp) {
            // the client gave up first: what is checked is what it says
        }
    }

    /** What a working host answers: no open pull request yet, then the one created, then its labels. */
    private static String working(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        if (exchange.getRequestMethod().equals("GET")) {
            return "[]";
        }
        if (path.endsWith("/labels")) {
            return "[{\"name\":\"rbac\"}]";
        }
        return "{\"number\":7,\"iid\":7,\"html_url\":\"https://code.example/team/infra/pull/7\","
                + "\"web_url\":\"https://code.example/team/infra/-/merge_requests/7\"}";
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
