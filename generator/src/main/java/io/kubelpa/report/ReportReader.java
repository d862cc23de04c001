package io.kubelpa.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Reads an analysis directory (usage.json, findings.json, verification.json, proposals/) into a {@link ReportModel}. */
public final class ReportReader {
    /**
     * Subjects a report lists at most: past this, the ones holding the most bindings they never used
     * (then the most denied, then the most allowed requests), so a review of a million subjects keeps
     * its report readable and its memory bounded; usage.json lists every subject.
     */
    public static final int MAX_SUBJECT_ROWS = 1000;

    private static final Comparator<ReportModel.SubjectRow> LEAST_TELLING_FIRST = Comparator.comparingInt(
                    ReportModel.SubjectRow::unusedHeld)
            .thenComparingLong(ReportModel.SubjectRow::denied)
            .thenComparingLong(ReportModel.SubjectRow::allowed)
            .thenComparing(ReportModel.SubjectRow::username, Comparator.reverseOrder());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int maxSubjectRows;

    public ReportReader() {
        this(MAX_SUBJECT_ROWS);
    }

    ReportReader(int maxSubjectRows) {
        this.maxSubjectRows = maxSubjectRows;
    }

    public ReportModel read(Path dir, Path previous) throws IOException {
        Usage usage = readUsage(analysisFile(dir, "usage.json"));
        JsonNode findings = JSON.readTree(analysisFile(dir, "findings.json").toFile());
        JsonNode verification =
                JSON.readTree(analysisFile(dir, "verification.json").toFile());
        List<ReportModel.FindingRow> findingRows = findings(findings);
        return new ReportModel(
                usage.from(),
                usage.to(),
                usage.coverage(),
                usage.counters(),
                usage.subjects(),
                usage.subjectsTotal(),
                findingRows,
                proposals(verification, dir),
                trend(findingRows, previous),
                policy(findings));
    }

    private static Path analysisFile(Path dir, String name) throws IOException {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IOException(dir + " is not an analysis directory: " + name + " is missing");
        }
        return file;
    }

    /** What the report takes from usage.json: the subjects shown, in usage.json's order, and how many there are. */
    private record Usage(
            String from,
            String to,
            String coverage,
            Map<String, Long> counters,
            List<ReportModel.SubjectRow> subjects,
            long subjectsTotal) {}

    private Usage readUsage(Path file) throws IOException {
        String[] window = {"", "", ""};
        Map<String, Long> counters = new TreeMap<>();
        PriorityQueue<ReportModel.SubjectRow> shown = new PriorityQueue<>(LEAST_TELLING_FIRST);
        long[] total = {0};
        UsageJsonReader.read(file, new UsageJsonReader.Visitor() {
            @Override
            public void field(String name, JsonNode value) {
                if (name.equals("window")) {
                    window[0] = value.path("from").asText("");
                    window[1] = value.path("to").asText("");
                    window[2] = coverage(value);
                } else if (name.equals("counters")) {
                    value.properties()
                            .forEach(e -> counters.put(e.getKey(), e.getValue().asLong()));
                }
            }

            @Override
            public void subject(JsonNode subject) {
                total[0]++;
                shown.add(ReportReader.subject(subject));
                if (shown.size() > maxSubjectRows) {
                    shown.poll();
                }
            }
        });
        List<ReportModel.SubjectRow> subjects = new ArrayList<>(shown);
        subjects.sort(Comparator.comparing(ReportModel.SubjectRow::username));
        return new Usage(window[0], window[1], window[2], counters, subjects, total[0]);
    }

    /** "the logs cover … of …; gaps: …" from usage.json's window; empty when not known. */
    static String coverage(JsonNode window) {
        if (!window.path("coveredSeconds").isNumber()) {
            return "";
        }
        List<JsonNode> whole = new ArrayList<>();
        window.path("gaps").forEach(gap -> {
            if (gap.path("source").asText().equals("all sources")) {
                whole.add(gap);
            }
        });
        whole.sort(
                Comparator.comparingLong((JsonNode gap) -> -gap.path("seconds").asLong()));
        List<String> gaps = new ArrayList<>();
        whole.stream()
                .limit(3)
                .forEach(gap -> gaps.add(
                        gap.path("from").asText() + " .. " + gap.path("to").asText()));
        if (whole.size() > 3) {
            gaps.add("and " + (whole.size() - 3) + " shorter gap(s) (usage.json lists them)");
        }
        String covered = io.kubelpa.findings.Durations.format(
                java.time.Duration.ofSeconds(window.path("coveredSeconds").asLong()));
        return gaps.isEmpty()
                ? "the logs cover all of it"
                : "the logs cover " + covered + " of it; no log holds " + String.join(", ", gaps);
    }

    private static ReportModel.SubjectRow subject(JsonNode subject) {
        long allowed = 0;
        Set<String> bindings = new TreeSet<>();
        Map<String, Long> outsideRbac = new TreeMap<>();
        for (JsonNode shape : subject.path("used")) {
            allowed += shape.path("count").asLong();
            shape.path("grants").forEach(g -> bindings.add(ref(g.path("binding"))));
            if (shape.path("grants").isEmpty() && shape.has("authorizedBy")) {
                outsideRbac.merge(
                        shape.path("authorizedBy").asText(), shape.path("count").asLong(), Long::sum);
            }
        }
        long denied = 0;
        for (JsonNode shape : subject.path("denied")) {
            denied += shape.path("count").asLong();
        }
        Set<String> held = new TreeSet<>();
        subject.path("bindingsHeld").forEach(b -> held.add(ref(b)));
        return new ReportModel.SubjectRow(
                subject.path("kind").asText(),
                subject.path("name").asText(),
                subject.path("namespace").asText(),
                subject.path("username").asText(),
                allowed,
                denied,
                subject.path("used").size(),
                List.copyOf(bindings),
                List.copyOf(held),
                outsideRbac);
    }

    private static List<ReportModel.FindingRow> findings(JsonNode findings) {
        List<ReportModel.FindingRow> rows = new ArrayList<>();
        JsonNode locations = findings.path("locations");
        for (JsonNode f : findings.path("findings")) {
            String on = on(f);
            String key = String.join("|", f.path("type").asText(), f.path("id").asText(""), on);
            // A rule finding points at its role; a binding finding at its binding.
            JsonNode location =
                    f.path("ruleIndex").isNumber() || !f.path("binding").isObject()
                            ? locations.path(ref(f.path("role")))
                            : locations.path(ref(f.path("binding")));
            rows.add(new ReportModel.FindingRow(
                    key,
                    f.path("type").asText(),
                    f.path("severity").asText(),
                    f.path("id").isNull() ? "" : f.path("id").asText(""),
                    on,
                    f.path("message").asText(),
                    f.path("remediation").asText(),
                    f.path("confidence").asText(),
                    evidence(f.path("evidence")),
                    location.isObject() ? location.path("file").asText() : null,
                    location.path("line").asInt(0),
                    location.path("path").isTextual() ? location.path("path").asText() : null,
                    f.path("owner").path("owner").asText("yours"),
                    f.path("owner").path("rule").asText(""),
                    f.path("owner").path("changeAt").isTextual()
                            ? f.path("owner").path("changeAt").asText()
                            : null,
                    suppressed(f.path("suppressed")),
                    about(f)));
        }
        return rows;
    }

    private static ReportModel.About about(JsonNode f) {
        JsonNode evidence = f.path("evidence");
        List<String> via = new ArrayList<>();
        evidence.path("holders").forEach(holder -> {
            int at = holder.asText().lastIndexOf(" via ");
            if (at >= 0) {
                via.add(holder.asText().substring(at + 5));
            }
        });
        return new ReportModel.About(
                f.path("binding").isObject() ? ref(f.path("binding")) : null,
                f.path("role").isObject() ? ref(f.path("role")) : null,
                evidence.path("rule").isTextual() ? evidence.path("rule").asText() : null,
                evidence.path("used").isBoolean() ? evidence.path("used").asBoolean() : null,
                via);
    }

    private static ReportModel.Suppressed suppressed(JsonNode node) {
        return node.isObject()
                ? new ReportModel.Suppressed(
                        node.path("reason").asText(),
                        node.path("expires").asText(""),
                        node.path("source").asText())
                : null;
    }

    private static ReportModel.Policy policy(JsonNode findings) {
        JsonNode policy = findings.path("policy");
        if (!policy.isObject()) {
            return ReportModel.Policy.NONE;
        }
        return new ReportModel.Policy(
                policy.path("source").isTextual() ? policy.path("source").asText() : null,
                policy.path("excluded").size(),
                strings(policy.path("notes")));
    }

    /**
     * The evidence as "key: value; ..." (lists joined with ", "), leaving out the window every report
     * heads with and the rule, which reports show beside what the finding is on.
     */
    static String evidence(JsonNode evidence) {
        List<String> parts = new ArrayList<>();
        evidence.fields().forEachRemaining(field -> {
            if (!field.getKey().equals("window") && !field.getKey().equals("rule")) {
                parts.add(field.getKey() + ": " + evidenceValue(field.getValue()));
            }
        });
        return String.join("; ", parts);
    }

    private static String evidenceValue(JsonNode value) {
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(evidenceValue(item)));
            return String.join(", ", items);
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private static String on(JsonNode f) {
        List<String> parts = new ArrayList<>();
        if (f.path("subject").isObject()) {
            JsonNode s = f.path("subject");
            parts.add(s.path("kind").asText() + " "
                    + (s.path("namespace").asText().isEmpty()
                            ? ""
                            : s.path("namespace").asText() + "/")
                    + s.path("name").asText());
        }
        if (f.path("binding").isObject()) {
            parts.add(ref(f.path("binding")));
        }
        if (f.path("role").isObject()) {
            parts.add(ref(f.path("role"))
                    + (f.path("ruleIndex").isNumber()
                            ? " rule " + f.path("ruleIndex").asInt()
                            : ""));
        }
        return String.join(" · ", parts);
    }

    private static String ref(JsonNode ref) {
        String namespace = ref.path("namespace").asText();
        return ref.path("kind").asText() + "/" + (namespace.isEmpty() ? "" : namespace + "/")
                + ref.path("name").asText();
    }

    private static List<ReportModel.ProposalRow> proposals(JsonNode verification, Path dir) throws IOException {
        List<ReportModel.ProposalRow> rows = new ArrayList<>();
        for (JsonNode p : verification.path("proposals")) {
            Map<String, String> files = new LinkedHashMap<>();
            for (JsonNode file : p.path("files")) {
                Path path = dir.resolve(file.asText()).normalize();
                if (path.startsWith(dir.normalize()) && Files.isRegularFile(path)) {
                    files.put(file.asText(), Files.readString(path));
                }
            }
            List<io.kubelpa.rbac.ObjectRef> deletions = new ArrayList<>();
            p.path("deletions")
                    .forEach(d -> deletions.add(new io.kubelpa.rbac.ObjectRef(
                            d.path("kind").asText(),
                            d.path("name").asText(),
                            d.path("namespace").asText())));
            rows.add(new ReportModel.ProposalRow(
                    p.path("id").asText(),
                    p.path("kind").asText(),
                    ref(p.path("target")),
                    deletions,
                    p.path("summary").asText(),
                    p.path("status").asText(),
                    strings(p.path("withheldBecause")),
                    strings(p.path("removed")),
                    p.path("replay").path("checkedShapes").asLong(),
                    p.path("replay").path("checkedRequests").asLong(),
                    p.path("replay").path("failed").asLong(),
                    p.path("noWidening").path("passed").asBoolean(),
                    files,
                    strings(p.path("managedBy"))));
        }
        return rows;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private ReportModel.Trend trend(List<ReportModel.FindingRow> now, Path previous) throws IOException {
        if (previous == null) {
            return ReportModel.Trend.NONE;
        }
        List<ReportModel.FindingRow> before =
                findings(JSON.readTree(analysisFile(previous, "findings.json").toFile()));
        Map<String, Integer> bySeverity = new LinkedHashMap<>();
        ReportModel.SEVERITIES.forEach(s -> bySeverity.put(s, 0));
        before.forEach(f -> bySeverity.merge(f.severity(), 1, Integer::sum));
        Set<String> beforeKeys = new TreeSet<>();
        before.forEach(f -> beforeKeys.add(f.key()));
        Set<String> nowKeys = new TreeSet<>();
        now.forEach(f -> nowKeys.add(f.key()));
        List<String> added =
                nowKeys.stream().filter(k -> !beforeKeys.contains(k)).toList();
        List<String> cleared =
                beforeKeys.stream().filter(k -> !nowKeys.contains(k)).toList();
        return new ReportModel.Trend(true, bySeverity, added, cleared);
    }
}
