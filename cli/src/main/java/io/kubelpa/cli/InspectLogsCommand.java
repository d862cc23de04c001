package io.kubelpa.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubelpa.audit.AuditEvent;
import io.kubelpa.audit.Timestamps;
import io.kubelpa.audit.format.AuditLogReader;
import io.kubelpa.audit.format.DecodeResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lpa inspect-logs}: what audit log files hold, record by record, before any analysis. */
@Command(
        name = "inspect-logs",
        mixinStandardHelpOptions = true,
        versionProvider = LpaCommand.Version.class,
        header = "Account for every record of audit log files: events, skipped, dead letters.",
        description = {
            "Read audit logs in any supported shape and report, per file, how many records held audit events,",
            "how many were skipped on purpose (with the reason) and which could not be used (dead letters), how",
            "many events lack the user's groups (NO-GROUPS: GKE exports, CSV; use through group bindings is",
            "invisible for them) and the span of event time each file covers.",
            "",
            "  lpa inspect-logs /var/log/kubernetes/audit/",
            "  lpa inspect-logs exported.json --input-format gke -o json"
        },
        footer = "%nExit codes: 0 ok, 1 more dead letters than --max-dead-letters, 2 usage error, 4 unreadable input.")
final class InspectLogsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(
            arity = "1..*",
            paramLabel = "PATH",
            description = "Audit log files or directories (recursive; plain or gzip).")
    List<Path> paths;

    @Mixin
    AuditInputOptions audit;

    @Option(
            names = "--max-dead-letters",
            paramLabel = "N",
            description = "Exit 1 when more records than this are dead letters.")
    Long maxDeadLetters;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            defaultValue = "table",
            description = "table or json.")
    String output;

    @Override
    public Integer call() {
        AuditLogReader reader = new AuditLogReader(audit.decoder(), audit.eventTimeBounds());
        Map<String, FileCounts> perFile = new LinkedHashMap<>();
        List<String[]> deadLetters = new ArrayList<>();
        try {
            List<Path> files = new ArrayList<>(AuditLogReader.files(paths));
            files.addAll(AuditLogReader.notFiles(paths));
            for (Path file : files) {
                FileCounts counts = new FileCounts();
                perFile.put(file.toString(), counts);
                reader.read(file, (location, result) -> {
                    counts.add(result);
                    result.deadLetters().forEach(d -> deadLetters.add(new String[] {location, d.reason(), d.detail()}));
                });
            }
        } catch (IOException e) {
            throw new CliException(ExitCodes.ERROR, e.getMessage());
        }
        FileCounts total = new FileCounts();
        perFile.values().forEach(total::merge);
        PrintWriter out = spec.commandLine().getOut();
        if ("json".equals(output)) {
            ObjectNode root = JsonViews.MAPPER.createObjectNode();
            ObjectNode files = root.putObject("files");
            perFile.forEach((file, counts) -> files.set(file, counts.json()));
            root.set("total", total.json());
            ArrayNode letters = root.putArray("deadLetters");
            deadLetters.forEach(d -> letters.addObject()
                    .put("location", d[0])
                    .put("reason", d[1])
                    .put("detail", d[2]));
            out.println(root.toString());
        } else {
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of(
                    "FILE", "FORMAT", "RECORDS", "EVENTS", "SKIPPED", "DEAD-LETTERS", "NO-GROUPS", "FROM", "TO"));
            perFile.forEach((file, c) -> rows.add(row(file, c)));
            rows.add(row("total", total));
            Table.print(out, rows);
            if (!total.skippedByReason.isEmpty()) {
                out.println();
                out.println("Skipped on purpose: " + total.skippedByReason);
            }
            if (!deadLetters.isEmpty()) {
                out.println();
                out.println("Dead letters:");
                List<List<String>> letterRows = new ArrayList<>();
                letterRows.add(List.of("LOCATION", "REASON", "DETAIL"));
                deadLetters.forEach(d -> letterRows.add(List.of(d[0], d[1], d[2])));
                Table.print(out, letterRows);
            }
        }
        out.flush();
        return maxDeadLetters != null && total.deadLettered > maxDeadLetters ? ExitCodes.NO : ExitCodes.OK;
    }

    private static List<String> row(String name, FileCounts c) {
        return List.of(
                name,
                c.formats.isEmpty() ? "-" : String.join("+", c.formats.keySet()),
                String.valueOf(c.records),
                String.valueOf(c.events),
                String.valueOf(c.skipped),
                String.valueOf(c.deadLettered),
                String.valueOf(c.degraded),
                c.from() == null ? "-" : c.from(),
                c.to() == null ? "-" : c.to());
    }

    private static final class FileCounts {
        long records;
        long events;
        long skipped;
        long deadLettered;
        long degraded;
        long fromMicros = Long.MAX_VALUE;
        long toMicros = Long.MIN_VALUE;
        final Map<String, Long> skippedByReason = new TreeMap<>();
        /** Records per detected shape of their outermost layer. */
        final Map<String, Long> formats = new TreeMap<>();

        void add(DecodeResult result) {
            records++;
            if (result.format() != null) {
                formats.merge(result.format(), 1L, Long::sum);
            }
            events += result.events().size();
            for (AuditEvent event : result.events()) {
                if (event.degraded()) {
                    degraded++;
                }
                if (event.timeMicros() >= 0) {
                    fromMicros = Math.min(fromMicros, event.timeMicros());
                    toMicros = Math.max(toMicros, event.timeMicros());
                }
            }
            skipped += result.skipped().size();
            deadLettered += result.deadLetters().size();
            result.skipped().forEach(s -> skippedByReason.merge(s.reason(), 1L, Long::sum));
        }

        void merge(FileCounts other) {
            records += other.records;
            events += other.events;
            skipped += other.skipped;
            deadLettered += other.deadLettered;
            degraded += other.degraded;
            fromMicros = Math.min(fromMicros, other.fromMicros);
            toMicros = Math.max(toMicros, other.toMicros);
            other.skippedByReason.forEach((k, v) -> skippedByReason.merge(k, v, Long::sum));
            other.formats.forEach((k, v) -> formats.merge(k, v, Long::sum));
        }

        String from() {
            return toMicros < fromMicros ? null : Timestamps.format(fromMicros);
        }

        String to() {
            return toMicros < fromMicros ? null : Timestamps.format(toMicros);
        }

        ObjectNode json() {
            ObjectNode node = JsonViews.MAPPER
                    .createObjectNode()
                    .put("records", records)
                    .put("events", events)
                    .put("skipped", skipped)
                    .put("deadLettered", deadLettered)
                    .put("degraded", degraded)
                    .put("from", from())
                    .put("to", to());
            ObjectNode shapes = node.putObject("formats");
            formats.forEach(shapes::put);
            ObjectNode reasons = node.putObject("skippedByReason");
            skippedByReason.forEach(reasons::put);
            return node;
        }
    }
}
