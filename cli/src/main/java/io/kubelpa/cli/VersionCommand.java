package io.kubelpa.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lpa version}. */
@Command(
        name = "version",
        mixinStandardHelpOptions = true,
        versionProvider = LpaCommand.Version.class,
        header = "Print the kube-lpa version.",
        description = {
            "Print the kube-lpa version and the Kubernetes policy it models.",
            "",
            "  lpa version",
            "  lpa --version"
        })
final class VersionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println("kube-lpa " + LpaCommand.Version.current());
        spec.commandLine()
                .getOut()
                .println("RBAC semantics: Kubernetes 1.36; built-in roles: 1.33 (user-facing), 1.36 (controllers)");
        spec.commandLine().getOut().println("Java " + Runtime.version());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
