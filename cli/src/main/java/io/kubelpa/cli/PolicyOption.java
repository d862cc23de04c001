package io.kubelpa.cli;

import io.kubelpa.policy.Policy;
import io.kubelpa.policy.PolicyException;
import io.kubelpa.policy.PolicyReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/** {@code --policy}: a kube-lpa Policy file, else the one found at the root of the --rbac directories. */
final class PolicyOption {
    @Option(
            names = "--policy",
            paramLabel = "FILE",
            description =
                    "A kube-lpa Policy (kube-lpa.io/v1): exclusions, suppressions with reasons and expiry, ownership"
                            + " overrides. Default: " + PolicyReader.DEFAULT_FILE_NAME
                            + " at the root of an --rbac directory.")
    Path file;

    /** The policy; a file that cannot be used is an error naming it, its line and the field. */
    Policy load(List<String> rbacPaths) {
        Path found = find(rbacPaths);
        if (found == null) {
            return Policy.NONE;
        }
        try {
            return PolicyReader.read(found);
        } catch (PolicyException e) {
            throw new CliException(ExitCodes.ERROR, "policy " + e.getMessage());
        }
    }

    /** --policy, else the one {@value PolicyReader#DEFAULT_FILE_NAME} at the root of the --rbac directories, else none. */
    Path find(List<String> rbacPaths) {
        if (file != null) {
            return file;
        }
        List<Path> found = rbacPaths.stream()
                .filter(p -> !"-".equals(p))
                .map(p -> Path.of(p).resolve(PolicyReader.DEFAULT_FILE_NAME))
                .filter(Files::isRegularFile)
                .map(p -> p.toAbsolutePath().normalize())
                .distinct()
                .toList();
        if (found.size() > 1) {
            throw new CliException(
                    ExitCodes.USAGE,
                    "several policy files ("
                            + found.stream().map(Path::toString).collect(Collectors.joining(", "))
                            + "): name the one to use with --policy");
        }
        return found.isEmpty() ? null : found.get(0);
    }
}
