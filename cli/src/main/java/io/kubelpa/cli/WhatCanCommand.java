package io.kubelpa.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubelpa.authz.RbacAuthorizer;
import io.kubelpa.authz.UserInfo;
import io.kubelpa.generate.GeneratedSubject;
import io.kubelpa.rbac.ManifestException;
import io.kubelpa.rbac.ManifestReader;
import io.kubelpa.rbac.PolicyRuleSpec;
import io.kubelpa.rbac.RbacObjects;
import io.kubelpa.rbac.SnapshotAssembler;
import io.kubelpa.risk.SubjectAccess;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lpa what-can}: everything one subject can do, where, through which binding; before and after proposals. */
@Command(
        name = "what-can",
        mixinStandardHelpOptions = true,
        versionProvider = LpaCommand.Version.class,
        header = "What can this subject do, where, and through which bindings?",
        sortOptions = false,
        description = {
            "The rules a user, group or service account holds: cluster-wide (ClusterRoleBindings) and in each",
            "namespace where RoleBindings give it more, with the binding and role of each row and the escalation",
            "catalog ids of escalation-prone rows. A user or service account also holds what the groups its name",
            "implies hold (system:authenticated, system:serviceaccounts:NS); a group holds what names it.",
            "With --proposals, the same after an analysis's proposals, and what they take away and add.",
            "",
            "  lpa what-can ServiceAccount:ci/deployer --rbac manifests/",
            "  lpa what-can User:alice -n payments --rbac manifests/ -o json",
            "  lpa what-can Group:devs --rbac manifests/ --proposals review/"
        },
        footer = ExitCodes.HELP_FOOTER)
final class WhatCanCommand implements Callable<Integer> {
    static final String PROPOSED_RBAC = "proposed-rbac/rbac.yaml";

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @ArgGroup(exclusive = false, heading = "%nRBAC input:%n")
    RbacInputOptions input = new RbacInputOptions();

    @Parameters(
            index = "0",
            paramLabel = "SUBJECT",
            description = "User:NAME, Group:NAME or ServiceAccount:NAMESPACE/NAME.")
    String subjectText;

    @Option(
            names = {"-n", "--namespace"},
            paramLabel = "NS",
            description = "Only cluster-wide rules and those of this namespace.")
    String namespace;

    @Option(
            names = "--proposals",
            paramLabel = "DIR",
            description = "An lpa analyze output directory: also show the subject under its " + PROPOSED_RBAC
                    + ", and the difference.")
    Path proposals;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            defaultValue = "table",
            description = "table, wide (every cell in full) or json (default: ${DEFAULT-VALUE}).")
    String output;

    @Override
    public Integer call() {
        GeneratedSubject subject;
        try {
            subject = GeneratedSubject.parse(subjectText);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
        if ("wide".equals(output)) {
            common.wide = true;
            output = "table";
        }
        if (!"table".equals(output) && !"json".equals(output)) {
            throw new CliException(ExitCodes.USAGE, "-o must be table or json, not '" + output + "'");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RbacObjects today = input.loadObjects(System.in, err, common.verbose);
        SubjectAccess before = accessUnder(today, subject);
        SubjectAccess after = proposals == null ? null : accessUnder(readProposed(), subject);
        if ("json".equals(output)) {
            ObjectNode root = JsonViews.MAPPER.createObjectNode();
            root.put("subject", subject.toString());
            root.set("today", json(before));
            if (after != null) {
                root.set("proposed", json(after));
                root.set("changes", json(SubjectAccess.compare(before, after)));
            }
            out.println(root.toPrettyString());
        } else {
            print(out, subject + " under the RBAC given", before, common.tableWidth());
            if (after != null) {
                out.println();
                print(out, subject + " after the proposals in " + proposals, after, common.tableWidth());
                out.println();
                printChanges(out, SubjectAccess.compare(before, after));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private SubjectAccess accessUnder(RbacObjects objects, GeneratedSubject subject) {
        RbacAuthorizer authorizer = new RbacAuthorizer(SnapshotAssembler.assemble(objects, input.mode()));
        SubjectAccess access = subject.isGroup()
                // The group alone: a member's other groups (system:authenticated) are not the group's.
                ? SubjectAccess.of(
                        authorizer,
                        new UserInfo("lpa:member-of:" + subject.name(), List.of(subject.name())),
                        subject.name())
                : SubjectAccess.of(authorizer, subject.asUser(), null);
        if (namespace == null) {
            return access;
        }
        SortedMap<String, List<SubjectAccess.Row>> kept = new TreeMap<>(access.byScope());
        kept.keySet().removeIf(scope -> !scope.isEmpty() && !scope.equals(namespace));
        return new SubjectAccess(kept);
    }

    private RbacObjects readProposed() {
        Path file = proposals.resolve(PROPOSED_RBAC);
        if (!Files.isRegularFile(file)) {
            throw new CliException(
                    ExitCodes.USAGE,
                    "--proposals " + proposals + ": no " + PROPOSED_RBAC
                            + " (give the --out directory of lpa analyze)");
        }
        try {
            return new ManifestReader().read(List.of(file)).objects();
        } catch (ManifestException e) {
            throw new CliException(ExitCodes.ERROR, "--proposals: " + e.getMessage());
        }
    }

    private static void print(PrintWriter out, String title, SubjectAccess access, int width) {
        out.println(title);
        if (access.byScope().isEmpty()) {
            out.println("  nothing: no binding gives it any rule");
            return;
        }
        access.byScope().forEach((scope, rows) -> {
            out.println();
            out.println(
                    scope.isEmpty()
                            ? "Cluster-wide (ClusterRoleBindings; these hold in every namespace too):"
                            : "In namespace " + scope + " (RoleBindings):");
            HeldRulesView.printTable(out, HeldRulesView.rowsWithRisks(rows), true, width);
        });
        long risky = access.byScope().values().stream()
                .flatMap(List::stream)
                .filter(row -> !row.risks().isEmpty())
                .count();
        if (risky > 0) {
            out.println();
            out.println(risky + " escalation-prone rule(s), marked with their catalog ids (lpa risks explains each)");
        }
    }

    private static void printChanges(PrintWriter out, SortedMap<String, SubjectAccess.Change> changes) {
        if (changes.isEmpty()) {
            out.println("The proposals change nothing for this subject.");
            return;
        }
        out.println("What the proposals change for this subject:");
        changes.forEach((scope, change) -> {
            String where = scope.isEmpty() ? "cluster-wide" : "in " + scope;
            change.removed().forEach(rule -> out.println("  - " + PolicyRuleSpec.format(rule) + " " + where));
            change.added().forEach(rule -> out.println("  + " + PolicyRuleSpec.format(rule) + " " + where));
        });
    }

    /** {@code {"clusterWide": [rows], "namespaces": {"ns": [rows]}}}. */
    private static ObjectNode json(SubjectAccess access) {
        ObjectNode node = JsonViews.MAPPER.createObjectNode();
        ArrayNode clusterWide = node.putArray("clusterWide");
        ObjectNode namespaces = node.putObject("namespaces");
        access.byScope().forEach((scope, rows) -> {
            ArrayNode json = HeldRulesView.json(HeldRulesView.rowsWithRisks(rows));
            if (scope.isEmpty()) {
                clusterWide.addAll(json);
            } else {
                namespaces.set(scope, json);
            }
        });
        return node;
    }

    private static ArrayNode json(SortedMap<String, SubjectAccess.Change> changes) {
        ArrayNode array = JsonViews.MAPPER.createArrayNode();
        changes.forEach((scope, change) -> {
            ObjectNode node = array.addObject();
            node.put("namespace", scope);
            change.removed().stream().map(PolicyRuleSpec::format).forEach(node.putArray("removed")::add);
            change.added().stream().map(PolicyRuleSpec::format).forEach(node.putArray("added")::add);
        });
        return array;
    }
}
