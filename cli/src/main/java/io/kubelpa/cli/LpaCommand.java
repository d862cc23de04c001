package io.kubelpa.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
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
        footer = ExitCodes.HELP_FOOTER)
public final class LpaCommand implements Runnable {
    /**
     * The subcommands, in the order help lists them. picocli reflects over every registered command
     * when it starts, which loads the types its methods name (Flink's, for the jobs' commands); so a
     * command line naming one of them registers that one alone, and an offline answer never pays
     * for Flink.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(
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
            CommandLine.HelpCommand.class);

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Wide enough that no example breaks mid-line. */
    static final int HELP_WIDTH = 110;

    private static final String EXAMPLE = "  lpa ";

    /**
     * Each command writes its examples in its description, where they read in the source; help
     * shows them last, under "Examples:", after the options and exit codes.
     */
    private static void examplesLast(CommandLine root) {
        for (CommandLine command : root.getSubcommands().values()) {
            var usage = command.getCommandSpec().usageMessage();
            List<String> prose = new ArrayList<>();
            List<String> examples = new ArrayList<>();
            for (String line : usage.description()) {
                (line.startsWith(EXAMPLE) ? examples : prose).add(line);
            }
            if (examples.isEmpty()) {
                continue;
            }
            while (!prose.isEmpty() && prose.get(prose.size() - 1).isBlank()) {
                prose.remove(prose.size() - 1);
            }
            List<String> footer = new ArrayList<>(List.of(usage.footer()));
            footer.add("%nExamples:");
            footer.addAll(examples);
            usage.description(prose.toArray(String[]::new));
            usage.footer(footer.toArray(String[]::new));
        }
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line; errors become one line on {@code err} and an exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new LpaCommand());
        String named = args.length > 0 ? args[0] : "";
        // "help" shows the others, so it takes them all.
        List<Class<?>> registered = SUBCOMMANDS.stream()
                .filter(command -> command != CommandLine.HelpCommand.class)
                .filter(command -> command.getAnnotation(Command.class).name().equals(named))
                .findFirst()
                .<List<Class<?>>>map(List::of)
                .orElse(SUBCOMMANDS);
        registered.forEach(commandLine::addSubcommand);
        commandLine.setUsageHelpWidth(HELP_WIDTH);
        examplesLast(commandLine);
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
            CommandLine.UnmatchedArgumentException.printSuggestions(exception, err);
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
