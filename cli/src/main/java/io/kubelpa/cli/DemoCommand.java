package io.kubelpa.cli;

import io.kubelpa.demo.StreamingDemo;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lpa demo}: a tour of kube-lpa on the bundled sample cluster (sample-audit-logs/rbac), using
 * the same commands a user would type.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = LpaCommand.Version.class,
        header = "Tour kube-lpa on the bundled sample cluster.",
        description = {
            "Run kube-lpa on the bundled sample cluster (sample-audit-logs/): escalation-prone grants,",
            "who can read Secrets, can-i checks with the grants that allow them, and the usage ledger of",
            "its audit logs computed by the bounded Flink job, the findings and the verified proposals.",
            "",
            "  lpa demo",
            "  lpa demo --no-streaming",
            "  lpa demo --out /tmp/lpa-demo"
        },
        footer = ExitCodes.HELP_FOOTER)
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "lpa-out",
            description = "Where the analysis writes its results (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(
            names = "--lpa-home",
            paramLabel = "DIR",
            hidden = true,
            description =
                    "kube-lpa's checkout (default: $LPA_HOME or the current directory); the local broker is built there.")
    Path home;

    @Option(names = "--no-streaming", description = "Skip the Kafka and streaming-job part.")
    boolean noStreaming;

    @Option(
            names = "--samples",
            paramLabel = "DIR",
            description = "Sample directory (default: $LPA_HOME/sample-audit-logs or ./sample-audit-logs).")
    Path samples;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path rbac = samplesDirectory().resolve("rbac");
        if (!Files.isDirectory(rbac)) {
            throw new CliException(ExitCodes.ERROR, "sample RBAC not found at " + rbac + " (use --samples DIR)");
        }
        String rbacPath = rbac.toString();
        section(out, "Escalation-prone grants in the sample cluster", "lpa risks --rbac " + rbacPath);
        int code = run(out, err, "risks", "--rbac", rbacPath);
        section(out, "Who can read Secrets, in any namespace", "lpa who-can get secrets -A --rbac " + rbacPath);
        code = Math.max(code, run(out, err, "who-can", "get", "secrets", "-A", "--rbac", rbacPath));
        for (List<String> question : List.of(
                List.of(
                        "can-i",
                        "get",
                        "configmaps",
                        "-n",
                        "payments",
                        "--as",
                        "system:serviceaccount:payments:payments-api"),
                List.of(
                        "can-i",
                        "create",
                        "pods",
                        "--subresource",
                        "exec",
                        "-n",
                        "payments",
                        "--as",
                        "dana",
                        "--as-group",
                        "payments-devs"),
                List.of(
                        "can-i",
                        "get",
                        "nodes",
                        "--subresource",
                        "proxy",
                        "--as",
                        "system:serviceaccount:monitoring:prometheus"),
                List.of("can-i", "delete", "namespaces/payments", "--as", "system:serviceaccount:ci:deployer"))) {
            List<String> args = new ArrayList<>(question);
            args.addAll(List.of("--rbac", rbacPath, "-o", "json"));
            section(out, null, "lpa " + String.join(" ", question) + " --rbac " + rbacPath + " -o json");
            int answer = run(out, err, args.toArray(String[]::new));
            code = answer > ExitCodes.NO ? Math.max(code, answer) : code;
        }
        Path audit = samplesDirectory().resolve("audit");
        if (Files.isDirectory(audit)) {
            String outDir = output.toString();
            section(
                    out,
                    "Who used which grant in three days of audit logs (a bounded Flink job), what can go, "
                            + "and tightened RBAC proven to keep every observed request",
                    "lpa analyze --rbac " + rbacPath + " --audit-log " + audit + " --out " + outDir
                            + " --min-window 2d");
            int analyzed = run(
                    out,
                    err,
                    "analyze",
                    "--rbac",
                    rbacPath,
                    "--audit-log",
                    audit.toString(),
                    "--out",
                    outDir,
                    "-q",
                    "--min-window",
                    "2d");
            code = Math.max(code, analyzed);
            Path proposals = output.resolve("proposals");
            if (analyzed == ExitCodes.OK && Files.isDirectory(proposals)) {
                section(
                        out,
                        "The proposals as a diff against the manifests",
                        "lpa diff --rbac " + rbacPath + " --proposals " + proposals);
                run(out, err, "diff", "--rbac", rbacPath, "--proposals", proposals.toString());
            }
        }
        if (!noStreaming && Files.isDirectory(audit)) {
            section(
                    out,
                    "The streaming job: the same logs through Kafka, with a review per day of event time",
                    "lpa stream --bootstrap-servers <local broker> --topic k8s-audit --rbac " + rbacPath + " --out "
                            + output + " --review-every 24h --min-window 2d --stop-at-latest");
            try {
                new StreamingDemo(homeDirectory(), samplesDirectory(), output, LpaCommand.Version.current())
                        .run(
                                new io.kubelpa.rbac.ManifestReader()
                                        .read(List.of(rbac))
                                        .objects(),
                                out);
            } catch (Exception e) {
                throw new CliException(ExitCodes.ERROR, "the streaming demo failed: " + e.getMessage());
            }
        }
        out.println();
        out.println("Next: the same questions against your manifests (--rbac DIR) or cluster (--kubeconfig),");
        out.println(
                "and your own audit logs (lpa analyze --audit-log DIR; lpa inspect-logs DIR shows what they hold).");
        out.flush();
        return code;
    }

    private Path homeDirectory() {
        if (home != null) {
            return home;
        }
        String env = System.getenv("LPA_HOME");
        return Path.of(env != null ? env : ".");
    }

    private Path samplesDirectory() {
        if (samples != null) {
            return samples;
        }
        String home = System.getenv("LPA_HOME");
        return home != null ? Path.of(home, "sample-audit-logs") : Path.of("sample-audit-logs");
    }

    private static void section(PrintWriter out, String title, String command) {
        out.println();
        if (title != null) {
            out.println("== " + title);
        }
        out.println("$ " + command);
        out.flush();
    }

    private static int run(PrintWriter out, PrintWriter err, String... args) {
        return LpaCommand.execute(args, out, err);
    }
}
