package io.kubelpa.stream;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Flink standalone session cluster as separate OS processes, started from Flink's own entry points
 * (StandaloneSessionClusterEntrypoint, TaskManagerRunner) with the configuration deploy/ uses: RocksDB,
 * incremental checkpoints retained in a shared directory, a fixed-delay restart strategy. Each process
 * can be killed with SIGKILL and replaced; all listen on loopback only. Their classpath holds Flink and
 * nothing of kube-lpa or Kafka: the job jar brings them.
 */
final class FlinkSessionProcesses implements AutoCloseable {
    private final Path configDir;
    private final Path logs;
    private final List<String> jvmOptions;
    private final String classpath;
    private final int restPort;
    private Process jobManager;
    private final List<Process> taskManagers = new ArrayList<>();
    private int started;

    private FlinkSessionProcesses(Path dir, List<String> jvmOptions, String classpath, int restPort) {
        this.configDir = dir.resolve("conf");
        this.logs = dir.resolve("logs");
        this.jvmOptions = jvmOptions;
        this.classpath = classpath;
        this.restPort = restPort;
    }

    /** Writes the configuration into {@code dir} and starts a JobManager and {@code taskManagers} TaskManagers. */
    static FlinkSessionProcesses start(Path dir, Path checkpoints, int taskManagers, List<String> jvmOptions)
            throws IOException {
        int restPort = freePort();
        FlinkSessionProcesses cluster = new FlinkSessionProcesses(
                dir, jvmOptions, String.join(File.pathSeparator, TestingFlinkCluster.flinkClasspath()), restPort);
        Files.createDirectories(cluster.configDir);
        Files.createDirectories(cluster.logs);
        Files.writeString(
                cluster.configDir.resolve("config.yaml"),
                String.join(
                                "\n",
                                "jobmanager.rpc.address: 127.0.0.1",
                                "jobmanager.rpc.port: " + freePort(),
                                "jobmanager.bind-host: 127.0.0.1",
                                "taskmanager.bind-host: 127.0.0.1",
                                "taskmanager.host: 127.0.0.1",
                                "rest.address: 127.0.0.1",
                                "rest.bind-address: 127.0.0.1",
                                "rest.port: " + restPort,
                                "jobmanager.memory.process.size: 768m",
                                "taskmanager.memory.process.size: 1200m",
                                "taskmanager.numberOfTaskSlots: 2",
                                "classloader.resolve-order: parent-first",
                                "state.backend.type: rocksdb",
                                "execution.checkpointing.incremental: true",
                                "execution.checkpointing.dir: " + checkpoints.toUri(),
                                "execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION",
                                "restart-strategy.type: fixed-delay",
                                "restart-strategy.fixed-delay.attempts: 20",
                                "restart-strategy.fixed-delay.delay: 1 s",
                                // A TaskManager killed with SIGKILL is noticed within seconds, not the default 50.
                                "heartbeat.interval: 1000",
                                "heartbeat.timeout: 6000",
                                "io.tmp.dirs: " + dir.resolve("tmp"),
                                "web.tmpdir: " + dir.resolve("web"))
                        + "\n");
        // Warnings and errors to each process's output file, which a failing test shows.
        Files.writeString(
                cluster.configDir.resolve("log4j2.properties"),
                String.join(
                                "\n",
                                "rootLogger.level = WARN",
                                "rootLogger.appenderRef.console.ref = console",
                                "appender.console.type = Console",
                                "appender.console.name = console",
                                "appender.console.layout.type = PatternLayout",
                                "appender.console.layout.pattern = %d{HH:mm:ss} %-5p %c{1} - %m%n")
                        + "\n");
        try {
            cluster.startJobManager();
            for (int i = 0; i < taskManagers; i++) {
                cluster.startTaskManager();
            }
        } catch (IOException | RuntimeException e) {
            try {
                cluster.close(); // the processes already started
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            throw e;
        }
        return cluster;
    }

    URI rest() {
        return URI.create("http://127.0.0.1:" + restPort);
    }

    void startJobManager() throws IOException {
        jobManager = launch(
                "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                "jobmanager",
                List.of("-Xmx512m"),
                List.of());
    }

    /**
     * Starts a TaskManager with the JVM options and the resolved memory and CPU settings Flink's
     * taskmanager.sh derives from the configuration (TaskExecutorProcessUtils, as BashJavaUtils does).
     */
    void startTaskManager() throws IOException {
        org.apache.flink.configuration.Configuration config =
                org.apache.flink.configuration.GlobalConfiguration.loadConfiguration(configDir.toString());
        var spec = org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils.processSpecFromConfig(config);
        List<String> jvm =
                split(org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils.generateJvmParametersStr(spec));
        List<String> dynamic = split(
                org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils.generateDynamicConfigsStr(spec));
        taskManagers.add(
                launch("org.apache.flink.runtime.taskexecutor.TaskManagerRunner", "taskmanager", jvm, dynamic));
    }

    private static List<String> split(String words) {
        return java.util.Arrays.stream(words.trim().split("\\s+"))
                .filter(w -> !w.isEmpty())
                .toList();
    }

    /** Kills the JobManager process with SIGKILL, as a lost pod or node would. */
    void killJobManager() throws InterruptedException {
        kill(jobManager);
    }

    /** Kills the {@code index}th TaskManager started with SIGKILL. */
    void killTaskManager(int index) throws InterruptedException {
        kill(taskManagers.get(index));
    }

    private static void kill(Process process) throws InterruptedException {
        process.destroyForcibly(); // SIGKILL on Linux: no shutdown hook runs
        process.waitFor(30, TimeUnit.SECONDS);
    }

    private Process launch(String mainClass, String role, List<String> memory, List<String> dynamicConfigs)
            throws IOException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(memory);
        command.add("-Dlog4j.configurationFile=" + configDir.resolve("log4j2.properties"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, mainClass, "--configDir", configDir.toString()));
        command.addAll(dynamicConfigs);
        File log = logs.resolve(role + "-" + started++ + ".out").toFile();
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
    }

    /** The last lines each process printed, for a failure message. */
    String tails() throws IOException {
        StringBuilder tails = new StringBuilder();
        try (var files = Files.list(logs)) {
            for (Path file : files.sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                tails.append("== ").append(file.getFileName()).append('\n');
                lines.subList(Math.max(0, lines.size() - 15), lines.size())
                        .forEach(l -> tails.append(l).append('\n'));
            }
        }
        return tails.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process process : taskManagers) {
            kill(process);
        }
        if (jobManager != null) {
            kill(jobManager);
        }
    }
}
