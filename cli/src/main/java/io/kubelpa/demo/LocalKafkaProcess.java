package io.kubelpa.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A single-node KRaft broker in its own JVM (the local-kafka module: the broker and Scala stay off
 * kube-lpa's classpath), on 127.0.0.1 ports chosen free, with its data in a directory of its own.
 */
public final class LocalKafkaProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private LocalKafkaProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the broker from {@code home}/cli/local-kafka/target and waits until it answers. */
    public static LocalKafkaProcess start(Path home, Path dataDir, Duration timeout)
            throws IOException, InterruptedException {
        Path target = home.resolve("cli").resolve("local-kafka").resolve("target");
        Path jar = target.resolve("local-kafka.jar");
        if (!Files.isRegularFile(jar) || !Files.isDirectory(target.resolve("lib"))) {
            throw new IOException(
                    "the local Kafka broker is not built (" + jar + "); run ./mvnw -pl cli/local-kafka package");
        }
        int port = freePort();
        int controllerPort = freePort();
        Files.createDirectories(dataDir);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-cp",
                jar + java.io.File.pathSeparator + target.resolve("lib") + "/*",
                "io.kubelpa.localkafka.LocalKafka",
                dataDir.toString(),
                Integer.toString(port),
                Integer.toString(controllerPort)));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("broker.log").toFile())
                .start();
        LocalKafkaProcess broker = new LocalKafkaProcess(process, port);
        broker.awaitReady(timeout, dataDir.resolve("broker.log"));
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public void createTopic(String name, int partitions, Map<String, String> configs) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private void awaitReady(Duration timeout, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the local Kafka broker exited; see " + log);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                try (Admin admin = Admin.create(Map.of(
                        "bootstrap.servers",
                        bootstrapServers(),
                        "request.timeout.ms",
                        "2000",
                        "default.api.timeout.ms",
                        "3000"))) {
                    admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    // the broker listens but is not serving yet
                }
            } catch (IOException notListening) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        close();
        throw new IOException("the local Kafka broker did not start within " + timeout.toSeconds() + " s; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Stops the broker: politely first, then forcibly; an interrupt while waiting still kills it. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
