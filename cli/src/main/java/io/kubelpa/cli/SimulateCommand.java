package io.kubelpa.cli;

import io.kubelpa.samples.SampleClusterSimulator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lpa simulate}: audit logs of the sample cluster, for demos, tests and benchmarks. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        versionProvider = LpaCommand.Version.class,
        header = "Write audit logs of the sample cluster (deterministic), with their ground truth.",
        description = {
            "Generate the personas of sample-audit-logs/rbac at work as audit logs in several real shapes, and",
            "ground-truth.json with what the analysis must find. The committed samples are --seed 42 --days 3.",
            "",
            "  lpa simulate --out /tmp/samples",
            "  lpa simulate --out /tmp/samples --scale 300     # about a million events, for benchmarks"
        },
        footer = ExitCodes.HELP_FOOTER)
final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            required = true,
            description = "Where to write audit/ and ground-truth.json.")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--days", defaultValue = "3", description = "Days of activity (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(
            names = "--scale",
            defaultValue = "1",
            description = "Multiply every persona's daily requests (default: ${DEFAULT-VALUE}).")
    int scale;

    @Override
    public Integer call() throws Exception {
        if (days < 2 || scale < 1) {
            throw new CliException(ExitCodes.USAGE, "--days must be at least 2 and --scale at least 1");
        }
        new SampleClusterSimulator(seed, days, scale).write(out);
        spec.commandLine()
                .getOut()
                .println("Wrote " + out.resolve("audit") + " and " + out.resolve("ground-truth.json"));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
