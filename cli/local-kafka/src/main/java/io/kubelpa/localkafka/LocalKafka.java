package io.kubelpa.localkafka;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.Uuid;

/**
 * Runs one Kafka broker in KRaft mode (broker and controller in one process) in a data directory,
 * listening on 127.0.0.1 only: formats the storage with a fresh cluster id, then starts the server
 * through Kafka's own entry points. Arguments: data directory, broker port, controller port.
 */
public final class LocalKafka {
    private LocalKafka() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: LocalKafka DATA_DIR BROKER_PORT CONTROLLER_PORT");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int brokerPort = Integer.parseInt(args[1]);
        int controllerPort = Integer.parseInt(args[2]);
        Path config = writeConfig(dir, brokerPort, controllerPort);
        int formatted = kafka.tools.StorageTool.execute(
                new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString(), "--standalone"},
                new PrintStream(System.out, true, StandardCharsets.UTF_8));
        if (formatted != 0) {
            System.err.println("formatting the storage failed");
            System.exit(1);
        }
        kafka.Kafka.main(new String[] {config.toString()});
    }

    static Path writeConfig(Path dir, int brokerPort, int controllerPort) throws IOException {
        Files.createDirectories(dir);
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty(
                "advertised.listeners",
                "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", dir.resolve("data").toString());
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("num.partitions", "1");
        Path file = dir.resolve("server.properties");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(out, "kube-lpa local broker (loopback only)");
        }
        return file;
    }
}
