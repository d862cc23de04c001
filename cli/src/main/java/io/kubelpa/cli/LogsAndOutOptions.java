package io.kubelpa.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** What a command that reads audit logs into results takes: the logs and the folder for the results. */
final class LogsAndOutOptions {
    @Option(
            names = "--audit-log",
            paramLabel = "PATH",
            arity = "1..*",
            required = true,
            description = "Audit log files or directories (recursive). Repeatable.")
    List<Path> auditLogs;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory for the results (created).")
    Path out;
}
