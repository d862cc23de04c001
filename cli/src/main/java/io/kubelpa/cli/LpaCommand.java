package io.kubelpa.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** The {@code lpa} command line: kube-lpa, the Kubernetes least-privilege analyzer. */
@Command(
        name = "lpa",
        mixinStandardHelpOptions = true,
        versionProvider = LpaCommand.Version.class,
        description = {
            "kube-lpa: the Kubernetes least-privilege analyzer.",
            "Answers RBAC questions exactly as the Kubernetes authorizer does, offline, from manifests or a cluster."
        },
        subcommands = {
            DemoCommand.class,
            CanICommand.class,
            WhoCanCommand.class,
            WhatCanCommand.class,
            RisksCommand.class,
            AnalyzeCommand.class,
            GenerateCommand.class,
            DiffCommand.class,
            ReportCommand.class,
            PrCommand.class,
            StreamCommand.class,
            SimulateCommand.class,
            BenchCommand.class,
            BuiltinRolesCommand.class,
            InspectLogsCommand.class,
            VersionCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = ExitCodes.HELP_FOOTER)
public final class LpaCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line; errors become one line on {@code err} and an exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new LpaCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            if (exception instanceof CliException cli) {
                err.println("lpa: error: " + cli.getMessage());
                return cli.exitCode();
            }
            err.println("lpa: internal error: " + exception);
            if (System.getenv("LPA_DEBUG") != null) {
                exception.printStackTrace(err);
            }
            return ExitCodes.ERROR;
        });
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            err.println("lpa: error: " + exception.getMessage());
            err.println("Run '" + exception.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCodes.USAGE;
        });
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The version from the jar manifest; "dev" when run from classes. */
    static final class Version implements IVersionProvider {
        static String current() {
            String version = LpaCommand.class.getPackage().getImplementationVersion();
            return version == null ? "dev" : version;
        }

        @Override
        public String[] getVersion() {
            return new String[] {"kube-lpa " + current()};
        }
    }
}
