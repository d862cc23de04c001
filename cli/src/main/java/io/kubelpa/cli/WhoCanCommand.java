package io.kubelpa.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubelpa.authz.Grant;
import io.kubelpa.authz.RbacAuthorizer;
import io.kubelpa.authz.RequestAttributes;
import io.kubelpa.authz.UserInfo;
import io.kubelpa.rbac.RbacSnapshot;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lpa who-can}: every subject that may make a request, with the binding and role that let it. */
@Command(
        name = "who-can",
        mixinStandardHelpOptions = true,
        versionProvider = LpaCommand.Version.class,
        header = "Which subjects may make this request, and through which bindings?",
        sortOptions = false,
        description = {
            "List the subjects (users, groups, service accounts) that may make a request, with the binding and role",
            "that allow it. Only subjects named in bindings can be listed: a group stands for all its members.",
            "",
            "  lpa who-can get secrets -n payments --rbac manifests/",
            "  lpa who-can create pods --subresource exec -A --rbac manifests/ -o json"
        },
        footer = ExitCodes.HELP_FOOTER)
final class WhoCanCommand implements Callable<Integer> {
    private static final UserInfo NOBODY = new UserInfo("", List.of());

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @ArgGroup(exclusive = false, heading = "%nRBAC input:%n")
    RbacInputOptions input = new RbacInputOptions();

    @Parameters(index = "0", paramLabel = "VERB", description = "Verb, e.g. get, create, impersonate.")
    String verb;

    @Parameters(
            index = "1",
            paramLabel = "TYPE|URL",
            description = "resource or resource.group, or a non-resource URL.")
    String target;

    @Parameters(index = "2", arity = "0..1", paramLabel = "NAME", description = "Object name.")
    String name;

    @Option(names = "--subresource", paramLabel = "S", description = "Subresource, e.g. exec, log, status.")
    String subresource = "";

    @Option(
            names = {"-n", "--namespace"},
            paramLabel = "NS",
            description = "Namespace of the request.")
    String namespace = "";

    @Option(
            names = {"-A", "--all-namespaces"},
            description = "Subjects allowed in any namespace (RoleBindings of every namespace).")
    boolean allNamespaces;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            defaultValue = "table",
            description = "table, wide (every cell in full) or json.")
    String output;

    @Override
    public Integer call() {
        if ("wide".equals(output)) {
            common.wide = true;
            output = "table";
        }
        if (!"table".equals(output) && !"json".equals(output)) {
            throw new CliException(ExitCodes.USAGE, "-o must be table or json, not '" + output + "'");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RequestAttributes request = RequestTarget.of(NOBODY, verb, target, name, subresource, namespace, err);
        RbacSnapshot snapshot = input.load(System.in, err, common.verbose);
        RbacAuthorizer authorizer = new RbacAuthorizer(snapshot);
        Set<Grant> grants = new LinkedHashSet<>(authorizer.whoCan(request));
        if (allNamespaces && request.resourceRequest()) {
            for (String ns : snapshot.roleBindingNamespaces()) {
                grants.addAll(authorizer.whoCan(request.withNamespace(ns)));
            }
        }
        if ("json".equals(output)) {
            ObjectNode root = JsonViews.MAPPER.createObjectNode();
            ArrayNode subjects = root.putArray("subjects");
            for (Grant grant : grants) {
                ObjectNode entry = JsonViews.subject(grant.subject());
                entry.set("binding", JsonViews.ref(grant.binding()));
                entry.set("role", JsonViews.ref(grant.role()));
                entry.put("ruleIndex", grant.ruleIndex());
                subjects.add(entry);
            }
            out.println(root.toString());
        } else {
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("KIND", "SUBJECT", "NAMESPACE", "BINDING", "ROLE"));
            for (Grant grant : grants) {
                rows.add(List.of(
                        grant.subject().kind(),
                        grant.subject().name(),
                        grant.subject().namespace(),
                        grant.binding().toString(),
                        grant.role().toString()));
            }
            if (grants.isEmpty()) {
                out.println("No subject may " + verb + " " + target + ".");
            } else {
                Table.print(out, rows, common.tableWidth());
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
