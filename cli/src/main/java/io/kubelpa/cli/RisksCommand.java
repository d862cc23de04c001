package io.kubelpa.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubelpa.policy.Policy;
import io.kubelpa.policy.RiskTriage;
import io.kubelpa.policy.RiskTriage.TriagedRisk;
import io.kubelpa.rbac.DanglingBindings;
import io.kubelpa.rbac.RbacSnapshot;
import io.kubelpa.risk.Risk;
import io.kubelpa.risk.RiskScanner;
import io.kubelpa.risk.Severity;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lpa risks}: the escalation-prone grants of the catalog, with who holds them. */
@Command(
        name = "risks",
        mixinStandardHelpOptions = true,
        versionProvider = LpaCommand.Version.class,
        header = "Find escalation-prone grants and who holds them.",
        sortOptions = false,
        description = {
            "Scan roles and bindings for the 38 escalation-prone grant patterns of the kube-lpa catalog",
            "(RBAC-ESC-*, RBAC-RISK-*, RBAC-MITM-*, RBAC-WILD-*, RBAC-BINDING-*), most severe first, and report",
            "bindings to roles that do not exist. Unbound ClusterRoles are evaluated as if bound cluster-wide (potential).",
            "",
            "  lpa risks --rbac manifests/",
            "  lpa risks --rbac manifests/ -o json --fail-on high"
        },
        footer = ExitCodes.HELP_FOOTER)
final class RisksCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @ArgGroup(exclusive = false, heading = "%nRBAC input:%n")
    RbacInputOptions input = new RbacInputOptions();

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            defaultValue = "table",
            description = "table, wide (every cell in full) or json.")
    String output;

    @Option(
            names = "--privileged-namespace",
            paramLabel = "NS",
            split = ",",
            description = "Namespaces whose grants rate as cluster-wide (default: kube-system). Repeatable.")
    List<String> privilegedNamespaces = new ArrayList<>(List.of("kube-system"));

    @Option(
            names = "--include-builtin",
            description =
                    "Also report built-in roles held through built-in bindings (normally expected system grants).")
    boolean includeBuiltin;

    @Option(
            names = "--fail-on",
            paramLabel = "SEVERITY",
            description = "Exit 3 when a risk of this severity or higher is found: low, medium, high, critical."
                    + " Suppressed risks never count; those on platform objects only with --include-platform.")
    String failOn;

    @Option(
            names = "--include-platform",
            description = "Count risks on platform objects (Kubernetes', the provider's, add-ons') toward --fail-on.")
    boolean includePlatform;

    @Mixin
    PolicyOption policy = new PolicyOption();

    @Override
    public Integer call() {
        if ("wide".equals(output)) {
            common.wide = true;
            output = "table";
        }
        if (!"table".equals(output) && !"json".equals(output)) {
            throw new CliException(ExitCodes.USAGE, "-o must be table or json, not '" + output + "'");
        }
        Severity threshold = parseThreshold();
        PrintWriter out = spec.commandLine().getOut();
        RbacSnapshot snapshot = input.load(System.in, spec.commandLine().getErr(), common.verbose);
        Policy loaded = policy.load(input.rbacPaths);
        RiskTriage.Result triage = RiskTriage.of(
                new RiskScanner(snapshot, new RiskScanner.Options(Set.copyOf(privilegedNamespaces), includeBuiltin))
                        .scan(),
                snapshot,
                loaded,
                LocalDate.now(ZoneOffset.UTC));
        List<TriagedRisk> risks = triage.risks();
        List<DanglingBindings.Dangling> dangling = DanglingBindings.find(snapshot);
        if ("json".equals(output)) {
            ObjectNode root = JsonViews.MAPPER.createObjectNode();
            ArrayNode array = root.putArray("risks");
            risks.forEach(r -> array.add(JsonViews.risk(r)));
            root.put("excluded", triage.excluded());
            ArrayNode notes = root.putArray("policyNotes");
            triage.notes().forEach(notes::add);
            ArrayNode danglingArray = root.putArray("danglingBindings");
            for (DanglingBindings.Dangling d : dangling) {
                ObjectNode entry = danglingArray.addObject();
                entry.set("binding", JsonViews.ref(d.binding()));
                entry.set("role", JsonViews.ref(d.role()));
                entry.put("error", d.error());
            }
            out.println(root.toString());
        } else {
            printTable(out, risks, dangling);
            if (triage.excluded() > 0) {
                out.println(triage.excluded() + " risk(s) excluded by the policy.");
            }
            triage.notes().forEach(note -> out.println("Note: " + note));
        }
        out.flush();
        boolean failed = threshold != null
                && risks.stream()
                        .anyMatch(r ->
                                r.counts(includePlatform) && r.risk().severity().compareTo(threshold) >= 0);
        return failed ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    private Severity parseThreshold() {
        if (failOn == null) {
            return null;
        }
        try {
            return Severity.parse(failOn);
        } catch (IllegalArgumentException e) {
            throw new CliException(
                    ExitCodes.USAGE, "--fail-on must be low, medium, high or critical, not '" + failOn + "'");
        }
    }

    private void printTable(PrintWriter out, List<TriagedRisk> triaged, List<DanglingBindings.Dangling> dangling) {
        List<Risk> risks = triaged.stream().map(TriagedRisk::risk).toList();
        if (risks.isEmpty()) {
            out.println("No escalation-prone grants found.");
        } else {
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("SEVERITY", "ID", "ROLE", "RULE", "SCOPE", "SUBJECTS", "OWNER"));
            for (TriagedRisk t : triaged) {
                Risk risk = t.risk();
                Set<String> subjects = new LinkedHashSet<>();
                risk.subjects()
                        .forEach(h -> subjects.add(
                                h.kind() + ":" + (h.namespace().isEmpty() ? "" : h.namespace() + "/") + h.name()));
                String subjectText = risk.potential() ? "(unbound: potential)" : String.join(",", subjects);
                String where = risk.binding() != null
                        ? "binding " + risk.binding()
                        : risk.ruleIndex() == null ? "-" : "#" + risk.ruleIndex();
                rows.add(List.of(
                        risk.severity().label(),
                        risk.id(),
                        risk.role().toString(),
                        where,
                        risk.scopes().stream().map(Object::toString).collect(Collectors.joining(",")),
                        subjectText,
                        t.suppression() != null
                                ? t.owner().owner() + ", suppressed"
                                : t.owner().owner().toString()));
            }
            Table.print(out, rows, common.tableWidth());
            long critical = risks.stream()
                    .filter(r -> r.severity() == Severity.CRITICAL)
                    .count();
            long high =
                    risks.stream().filter(r -> r.severity() == Severity.HIGH).count();
            out.println();
            long platform = triaged.stream()
                    .filter(t -> t.suppression() == null && t.owner().isPlatform())
                    .count();
            long suppressed =
                    triaged.stream().filter(t -> t.suppression() != null).count();
            out.println(risks.size() + " escalation-prone grants: " + critical + " critical, " + high + " high; "
                    + platform + " on platform objects and " + suppressed + " suppressed, which --fail-on does not"
                    + " count.");
        }
        if (!dangling.isEmpty()) {
            out.println();
            out.println("Bindings to missing roles (they grant nothing until a role of that name is created):");
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("BINDING", "ROLE", "ERROR"));
            dangling.forEach(
                    d -> rows.add(List.of(d.binding().toString(), d.role().toString(), d.error())));
            Table.print(out, rows, common.tableWidth());
        }
    }
}
