package io.kubelpa.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubelpa.authz.AuthorizationDecision;
import io.kubelpa.authz.RbacAuthorizer;
import io.kubelpa.authz.RequestAttributes;
import io.kubelpa.authz.UserInfo;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lpa can-i}: kubectl auth can-i against RBAC manifests or a cluster snapshot, single or batch. */
@Command(
        name = "can-i",
        mixinStandardHelpOptions = true,
        versionProvider = LpaCommand.Version.class,
        header = "May this user make this request, and by which grants?",
        sortOptions = false,
        description = {
            "Answer whether a user may make a request, exactly as the Kubernetes RBAC authorizer would,",
            "and by which grants. Prints yes or no; exit 0 for yes, 1 for no.",
            "",
            "  lpa can-i get pods -n team-a --as alice --rbac manifests/",
            "  lpa can-i --rbac rbac.yaml --requests requests.jsonl",
            "  lpa can-i --list --as system:serviceaccount:ci:deployer -n ci --rbac rbac.yaml"
        },
        footer = ExitCodes.HELP_FOOTER)
final class CanICommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @ArgGroup(exclusive = false, heading = "%nRBAC input:%n")
    RbacInputOptions input = new RbacInputOptions();

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "VERB",
            description = "Verb, e.g. get, list, create, impersonate.")
    String verb;

    @Parameters(
            index = "1",
            arity = "0..1",
            paramLabel = "TYPE[/NAME]|URL",
            description =
                    "resource or resource.group (e.g. deployments.apps), optionally /NAME; or a non-resource URL such as /healthz.")
    String target;

    @Option(names = "--subresource", paramLabel = "S", description = "Subresource, e.g. log, exec, status, scale.")
    String subresource = "";

    @Option(
            names = {"-n", "--namespace"},
            paramLabel = "NS",
            description = "Namespace of the request.")
    String namespace = "";

    @Option(
            names = {"-A", "--all-namespaces"},
            description = "Ask for all namespaces at once (only cluster-wide grants count).")
    boolean allNamespaces;

    @Option(
            names = "--as",
            paramLabel = "USER",
            description = "User to check, e.g. alice or system:serviceaccount:ns:name.")
    String as;

    @Option(
            names = "--as-group",
            paramLabel = "GROUP",
            description =
                    "Group of the user, repeatable. As with kubectl impersonation, system:authenticated is added; service-account groups only when none is given.")
    List<String> asGroups = new ArrayList<>();

    @Option(
            names = "--list",
            description =
                    "List every rule the user holds in the namespace (-n, default 'default'), as kubectl auth can-i --list does, with the binding and role of each.")
    boolean list;

    @Option(
            names = "--requests",
            paramLabel = "FILE",
            description =
                    "Batch: JSON lines {\"user\",\"groups\"?,\"verb\",\"apiGroup\",\"resource\",\"subresource\",\"name\",\"namespace\",\"nonResourceURL\"} ('-' = stdin); one JSON line out per request, in order.")
    String requests;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "text (yes/no) or json. Batch output is always JSON lines.")
    String output;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (requests != null) {
            if (verb != null || as != null) {
                throw new CliException(
                        ExitCodes.USAGE, "--requests reads the requests from a file; give no VERB, TYPE or --as");
            }
            if ("-".equals(requests) && input.rbacPaths.contains("-")) {
                throw new CliException(ExitCodes.USAGE, "only one of --rbac and --requests can read stdin");
            }
            RbacAuthorizer authorizer = new RbacAuthorizer(input.load(System.in, err, common.verbose));
            return batch(authorizer, out);
        }
        if (list) {
            return list(out, err);
        }
        if (verb == null || target == null) {
            throw new CliException(ExitCodes.USAGE, "VERB and TYPE[/NAME] (or a URL) are required");
        }
        checkUserAndOutput();
        UserInfo user = UserInfo.impersonated(as, asGroups);
        RequestAttributes request =
                RequestTarget.of(user, verb, target, null, subresource, allNamespaces ? "" : namespace, err);
        RbacAuthorizer authorizer = new RbacAuthorizer(input.load(System.in, err, common.verbose));
        AuthorizationDecision decision = authorizer.authorize(request);
        if ("json".equals(output)) {
            out.println(JsonViews.decision(decision).toString());
        } else {
            out.println(decision.allowed() ? "yes" : "no");
            if (common.verbose) {
                err.println("lpa: " + (decision.reason().isEmpty() ? "no RBAC rule allows this" : decision.reason()));
            }
        }
        out.flush();
        return decision.allowed() ? ExitCodes.OK : ExitCodes.NO;
    }

    private void checkUserAndOutput() {
        if (as == null || as.isBlank()) {
            throw new CliException(ExitCodes.USAGE, "--as USER is required (offline checks have no current user)");
        }
        if (!"text".equals(output) && !"json".equals(output)) {
            throw new CliException(ExitCodes.USAGE, "-o must be text or json, not '" + output + "'");
        }
    }

    private int list(PrintWriter out, PrintWriter err) {
        if (verb != null) {
            throw new CliException(ExitCodes.USAGE, "--list takes no VERB or TYPE");
        }
        checkUserAndOutput();
        String listed = allNamespaces ? "" : namespace.isEmpty() ? "default" : namespace;
        RbacAuthorizer authorizer = new RbacAuthorizer(input.load(System.in, err, common.verbose));
        List<HeldRulesView.Row> rows =
                HeldRulesView.rows(authorizer.rulesFor(UserInfo.impersonated(as, asGroups), listed));
        if ("json".equals(output)) {
            ObjectNode root = JsonViews.MAPPER.createObjectNode();
            root.put("user", as);
            root.put("namespace", listed);
            root.set("rules", HeldRulesView.json(rows));
            out.println(root.toString());
        } else {
            HeldRulesView.printTable(out, rows, common.tableWidth());
        }
        out.flush();
        return ExitCodes.OK;
    }

    private int batch(RbacAuthorizer authorizer, PrintWriter out) {
        int failures = 0;
        try (InputStream in = "-".equals(requests) ? System.in : new FileInputStream(requests);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                JsonGenerator json = JsonViews.MAPPER.getFactory().createGenerator(out)) {
            json.setPrettyPrinter(null);
            json.setRootValueSeparator(null);
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                ObjectNode result;
                try {
                    JsonNode request = JsonViews.MAPPER.readTree(line);
                    result = JsonViews.decision(authorizer.authorize(BatchRequest.parse(request)));
                    result.set("request", request);
                } catch (IOException | IllegalArgumentException e) {
                    failures++;
                    result = JsonViews.MAPPER.createObjectNode();
                    result.put("line", lineNumber);
                    result.put("error", BatchRequest.describe(e));
                }
                json.writeTree(result);
                json.writeRaw('\n');
            }
        } catch (IOException e) {
            throw new CliException(ExitCodes.ERROR, "cannot read requests from " + requests + ": " + e.getMessage());
        }
        out.flush();
        return failures == 0 ? ExitCodes.OK : ExitCodes.ERROR;
    }
}
