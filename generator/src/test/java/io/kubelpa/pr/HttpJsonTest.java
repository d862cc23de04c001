package io.kubelpa.pr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A code host that answers too much, too slowly, with nothing useful or with terminal escapes: a clear error each time. */
class HttpJsonTest {
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/huge", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] chunk = new byte[64 * 1024];
                java.util.Arrays.fill(chunk, (byte) ' ');
                for (int i = 0; i < 64 * 16; i++) { // 64 MiB, unless the client hangs up first
                    out.write(chunk);
                }
            } catch (IOException hungUp) {
                // expected: the client stops reading at its limit
            }
        });
        server.createContext("/drip", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 100; i++) {
                    out.write(' ');
                    out.flush();
                    Thread.sleep(200);
                }
            } catch (IOException | InterruptedException hungUp) {
                // expected
            }
        });
        server.createContext("/escapes", exchange -> {
            byte[] body = "\u001b]0;owned\u0007\u001b[2Jbad request".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(400, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void anAnswerLargerThanTheLimitFailsWithoutFillingTheHeap() {
        HttpJson http = new HttpJson("Authorization", "Bearer t0ken");
        long before = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        assertThatThrownBy(() -> http.send("GET", uri("/huge"), null))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("larger than 1024 KiB");
        long after = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        assertThat(after - before).as("heap taken by a 64 MiB answer").isLessThan(32L * 1024 * 1024);
    }

    @Test
    void anAnswerDrippingPastTheTimeoutFails() {
        HttpJson http = new HttpJson("Authorization", "Bearer t0ken", Duration.ofSeconds(2));
        long started = System.nanoTime();
        assertThatThrownBy(() -> http.send("GET", uri("/drip"), null))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("did not answer in full within 2 s");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void terminalEscapesInAnErrorAnswerAreNotPrinted() {
        HttpJson http = new HttpJson("Authorization", "Bearer t0ken");
        assertThatThrownBy(() -> http.send("GET", uri("/escapes"), null))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("answered 400")
                .hasMessageNotContaining("\u001b")
                .hasMessageNotContaining("\u0007");
    }

    @Test
    void aTokenWithALineBreakIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> new HttpJson("Authorization", "Bearer ghp_SECRET\nsecond-line"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line break")
                .hasMessageNotContaining("ghp_SECRET");
    }

    @Test
    void aCreatedPullRequestWithoutANumberIsAnErrorAndNothingIsLabelled() throws Exception {
        try (TestingCodeHostServer host = new TestingCodeHostServer()) {
            host.respond("GET /repos/o/r/pulls?state=open&head=o%3Akube-lpa", r -> "[]");
            host.respond("POST /repos/o/r/pulls", r -> "{}");
            GitHubHost github = new GitHubHost(host.url("/"), "o/r", "t0ken");
            assertThatThrownBy(() -> github.upsert("kube-lpa", "main", "title", "body", List.of("kube-lpa")))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("has no number");
            assertThat(host.requests()).noneMatch(r -> r.target().contains("/labels"));
        }
    }
}
