package io.kubelpa.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.kubelpa.authz.RbacAuthorizer.HeldRule;
import io.kubelpa.risk.SubjectAccess;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code lpa can-i --list}: the rules a user holds, laid out as {@code kubectl auth can-i --list}
 * prints them (one row per resource of a rule, {@code resource.group}, lists in brackets), with the
 * binding and role each row comes from.
 */
final class HeldRulesView {
    private HeldRulesView() {}

    record Row(
            String resource,
            List<String> nonResourceURLs,
            List<String> resourceNames,
            List<String> verbs,
            HeldRule from,
            Collection<String> risks) {}

    static List<Row> rows(List<HeldRule> held) {
        return rowsWithRisks(held.stream()
                .map(h -> new SubjectAccess.Row(h, new TreeSet<>()))
                .toList());
    }

    /** As {@link #rows(List)}, each row with the escalation catalog ids its rule carries. */
    static List<Row> rowsWithRisks(List<SubjectAccess.Row> held) {
        List<Row> rows = new ArrayList<>();
        for (SubjectAccess.Row access : held) {
            HeldRule rule = access.held();
            Collection<String> risks = access.risks();
            PolicyRule r = rule.rule();
            List<String> verbs = orEmpty(r.getVerbs());
            List<String> names = orEmpty(r.getResourceNames());
            List<String> urls = orEmpty(r.getNonResourceURLs());
            if (!urls.isEmpty()) {
                rows.add(new Row("", urls, List.of(), verbs, rule, risks));
            }
            for (String group : orEmpty(r.getApiGroups())) {
                for (String resource : orEmpty(r.getResources())) {
                    rows.add(new Row(
                            group.isEmpty() ? resource : resource + "." + group, List.of(), names, verbs, rule, risks));
                }
            }
        }
        rows.sort(Comparator.comparing(Row::resource)
                .thenComparing(row -> String.join(",", row.nonResourceURLs()))
                .thenComparing(row -> String.join(",", row.resourceNames())));
        return rows;
    }

    static void printTable(PrintWriter out, List<Row> rows, int width) {
        printTable(out, rows, false, width);
    }

    /** {@code withRisks}: a last column with the catalog ids of escalation-prone rows. */
    static void printTable(PrintWriter out, List<Row> rows, boolean withRisks, int width) {
        List<List<String>> table = new ArrayList<>();
        List<String> header =
                new ArrayList<>(List.of("Resources", "Non-Resource URLs", "Resource Names", "Verbs", "Granted by"));
        if (withRisks) {
            header.add("Escalation risk");
        }
        table.add(header);
        for (Row row : rows) {
            List<String> cells = new ArrayList<>(List.of(
                    row.resource(),
                    bracketed(row.nonResourceURLs()),
                    bracketed(row.resourceNames()),
                    bracketed(row.verbs()),
                    row.from().grant().binding() + " -> " + row.from().grant().role() + " rule "
                            + row.from().grant().ruleIndex()));
            if (withRisks) {
                cells.add(row.risks().isEmpty() ? "" : "! " + String.join(" ", row.risks()));
            }
            table.add(cells);
        }
        Table.print(out, table, width);
    }

    static ArrayNode json(List<Row> rows) {
        ArrayNode array = JsonViews.MAPPER.createArrayNode();
        for (Row row : rows) {
            ObjectNode node = array.addObject();
            node.put("resource", row.resource());
            row.nonResourceURLs().forEach(node.putArray("nonResourceURLs")::add);
            row.resourceNames().forEach(node.putArray("resourceNames")::add);
            row.verbs().forEach(node.putArray("verbs")::add);
            node.put("binding", row.from().grant().binding().toString());
            node.put("role", row.from().grant().role().toString());
            node.put("ruleIndex", row.from().grant().ruleIndex());
            node.put("subject", row.from().grant().subject().toString());
            row.risks().forEach(node.putArray("risks")::add);
        }
        return array;
    }

    /** As kubectl prints a list: {@code [a b]}, {@code []} when empty. */
    private static String bracketed(List<String> values) {
        return "[" + String.join(" ", values) + "]";
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }
}
