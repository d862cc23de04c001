package io.kubelpa.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubelpa.manifest.ManifestYamlWriter;
import io.kubelpa.rbac.BuiltinMode;
import io.kubelpa.rbac.BuiltinPolicy;
import io.kubelpa.rbac.BuiltinPolicyComparison;
import io.kubelpa.rbac.ClusterRoleAggregator;
import io.kubelpa.rbac.ManifestException;
import io.kubelpa.rbac.ManifestReader;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.rbac.RbacSnapshot;
import io.kubelpa.rbac.SnapshotAssembler;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lpa builtin-roles}: show kube-lpa's built-in roles, one role's effective rules, or compare with a cluster's. */
@Command(
        name = "builtin-roles",
        mixinStandardHelpOptions = true,
        versionProvider = LpaCommand.Version.class,
        header = "Show or compare the Kubernetes built-in roles kube-lpa knows.",
        sortOptions = false,
        description = {
            "Show the Kubernetes bootstrap roles and bindings kube-lpa adds when bindings reference them",
            "(Kubernetes 1.33 user-facing and system roles, 1.36 controller roles and bindings).",
            "",
            "  lpa builtin-roles                       list them",
            "  lpa builtin-roles edit                  the effective (aggregated) rules of 'edit', as YAML",
            "  lpa builtin-roles --compare dump/       differences from a cluster's own objects (exit 1 if any)"
        },
        footer = ExitCodes.HELP_FOOTER)
final class BuiltinRolesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(
            arity = "0..1",
            paramLabel = "NAME",
            description = "A built-in ClusterRole, or NAMESPACE/NAME for a Role.")
    String name;

    @Option(
            names = "--compare",
            paramLabel = "PATH",
            arity = "1..*",
            description =
                    "Manifests of a cluster's bootstrap RBAC (kubectl get clusterroles,clusterrolebindings,roles,rolebindings -A -o yaml).")
    List<String> compare = new ArrayList<>();

    @Override
    public Integer call() throws ManifestException {
        PrintWriter out = spec.commandLine().getOut();
        RbacObjects builtin = BuiltinPolicy.objects();
        if (!compare.isEmpty()) {
            RbacObjects theirs;
            try {
                theirs = new ManifestReader().read(compare, System.in).objects();
            } catch (ManifestException e) {
                throw new CliException(ExitCodes.ERROR, e.getMessage());
            }
            List<String> differences = BuiltinPolicyComparison.differences(builtin, theirs);
            differences.forEach(out::println);
            out.println(
                    differences.isEmpty()
                            ? "kube-lpa's " + builtin.size() + " built-in objects match."
                            : differences.size() + " differences.");
            out.flush();
            return differences.isEmpty() ? ExitCodes.OK : ExitCodes.NO;
        }
        RbacSnapshot snapshot = SnapshotAssembler.assemble(builtin, BuiltinMode.NONE);
        if (name != null) {
            HasMetadata role = find(snapshot, name)
                    .orElseThrow(() -> new CliException(ExitCodes.ERROR, "no built-in role named '" + name + "'"));
            out.print(new ManifestYamlWriter().write(role));
            out.flush();
            return ExitCodes.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("KIND", "NAME", "NAMESPACE", "RULES", "AGGREGATED"));
        snapshot.clusterRoles()
                .forEach(r -> rows.add(List.of(
                        "ClusterRole",
                        r.getMetadata().getName(),
                        "",
                        String.valueOf(r.getRules() == null ? 0 : r.getRules().size()),
                        ClusterRoleAggregator.isAggregated(r) ? "yes" : "no")));
        snapshot.roles()
                .forEach(r -> rows.add(List.of(
                        "Role",
                        r.getMetadata().getName(),
                        r.getMetadata().getNamespace(),
                        String.valueOf(r.getRules() == null ? 0 : r.getRules().size()),
                        "no")));
        Table.print(out, rows);
        out.flush();
        return ExitCodes.OK;
    }

    private static Optional<HasMetadata> find(RbacSnapshot snapshot, String name) {
        int slash = name.indexOf('/');
        if (slash > 0) {
            return snapshot.role(name.substring(0, slash), name.substring(slash + 1))
                    .map(r -> (HasMetadata) r);
        }
        return snapshot.clusterRole(name).map(r -> (HasMetadata) r);
    }
}
