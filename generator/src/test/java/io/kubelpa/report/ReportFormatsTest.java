package io.kubelpa.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * Every report format rendered from a real analysis directory whose RBAC carries hostile names:
 * nothing from the input becomes markup, the formats are well-formed, counts agree.
 */
class ReportFormatsTest {
    private static final String HOSTILE = AnalysisFixture.HOSTILE;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static ReportModel model;

    @BeforeAll
    static void analyse() throws Exception {
        model = AnalysisFixture.write(dir);
    }

    @Test
    void theAnalysisWritesTheDefaultReports() {
        assertThat(dir.resolve("report.html")).exists();
        assertThat(dir.resolve("report.md")).exists();
        assertThat(dir.resolve("report.sarif")).exists();
        assertThat(model.findings()).isNotEmpty();
        assertThat(model.proposals()).isNotEmpty();
    }

    @Test
    void htmlEscapesEveryNameAndNeedsNoNetwork() throws Exception {
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).doesNotContain("<script>alert").contains("evil&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(Pattern.compile("<script").matcher(html).results().count()).isEqualTo(1);
        assertThat(html).doesNotContainPattern("(src|href)\\s*=\\s*[\"']?(https?:)?//");
        assertThat(html).contains("id=\"filter\"", "class=\"sortable\"", "data-severity-count=\"high\"");
        // the idle binding names bob, so alice holds only the binding she used
        assertThat(model.subjects()).singleElement().satisfies(s -> {
            assertThat(s.bindingsUsed()).hasSize(1);
            assertThat(s.bindingsHeld()).containsExactlyElementsOf(s.bindingsUsed());
            assertThat(s.usedOfHeld()).isEqualTo("1 / 1");
        });
        assertThat(html).contains("<td class=\"used-of-held\">1 / 1</td>");
        for (var entry : model.bySeverity().entrySet()) {
            assertThat(html)
                    .containsPattern("data-severity-count=\"" + entry.getKey() + "\"><b>" + entry.getValue() + "</b>");
        }
    }

    @Test
    void aRightToLeftOverrideInANameIsShownAsItsCodeWherePeopleReadIt() throws Exception {
        assertThat(HOSTILE).contains("\u202e");
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).doesNotContain("\u202e").contains("&lt;U+202E>gnp.exe");
        String md = Files.readString(dir.resolve("report.md"));
        assertThat(md).doesNotContain("\u202e").contains("<U+202E>gnp.exe");
        assertThat(Files.readString(dir.resolve("findings.json")))
                .as("machine-read names stay exact")
                .contains("\u202e");
    }

    @Test
    void findingsCarryReadableEvidenceInHtmlAndMarkdown() throws Exception {
        assertThat(
                        ReportReader.evidence(
                                JSON.readTree(
                                        "{\"requests\":6,\"top\":[\"list secrets x6\",\"get pods x1\"],\"window\":\"a .. b\",\"observed\":{\"verbs\":[\"patch\"]}}")))
                .isEqualTo("requests: 6; top: list secrets x6, get pods x1; observed: {\"verbs\":[\"patch\"]}");
        long withEvidence =
                model.findings().stream().filter(f -> !f.evidence().isEmpty()).count();
        assertThat(withEvidence).isPositive();
        String html = Files.readString(dir.resolve("report.html"));
        // once in the findings table, once in the section of what the finding is on
        assertThat(Pattern.compile("Evidence: ").matcher(html).results().count())
                .isEqualTo(2 * withEvidence);
        assertThat(new MarkdownReport().render(model))
                .contains("| message | evidence |")
                .contains(model.findings().stream()
                        .filter(f -> !f.evidence().isEmpty())
                        .findFirst()
                        .orElseThrow()
                        .evidence()
                        .split(":")[0]);
    }

    @Test
    void htmlHasOneSectionPerSubjectBindingAndRoleWithTheRulesOfARoleTogether() throws Exception {
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(model.byObject().keySet()).isNotEmpty().noneMatch(on -> on.matches(".* rule \\d+"));
        assertThat(model.byObject().values().stream()
                        .mapToInt(java.util.List::size)
                        .sum())
                .isEqualTo(model.findings().size());
        assertThat(model.findings()).anyMatch(f -> f.on().matches(".* rule \\d+"));
        assertThat(Pattern.compile("<details class=\"object\">")
                        .matcher(html)
                        .results()
                        .count())
                .isEqualTo(model.byObject().size());
    }

    @Test
    void markdownEscapesNamesAndFencesYaml() {
        String md = new MarkdownReport().render(model);
        String outsideCode = md.replaceAll("(?s) *```+(yaml|sh)\n.*?\n *```+\n", "");
        assertThat(md).contains("# kube-lpa proposal tighten-clusterrole-evil<script>", "```yaml");
        assertThat(outsideCode)
                .doesNotContain("<script>")
                .contains("evil&lt;script&gt;alert\\(1\\)&lt;/script&gt;\\|\\`x\\`");
        assertThat(md).contains("## Findings", "## Proposals", "```yaml");
        assertThat(MarkdownReport.fence("a ```` b")).startsWith("`````yaml");
    }

    @Test
    void sarifHasOneRulePerIdAndAResultPerFinding() throws Exception {
        JsonNode sarif = JSON.readTree(new SarifReport().render(model, "test"));
        assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
        JsonNode run = sarif.get("runs").get(0);
        JsonNode rules = run.get("tool").get("driver").get("rules");
        assertThat(run.get("results")).hasSize(model.findings().size());
        java.util.Set<String> ids = new java.util.HashSet<>();
        rules.forEach(r -> {
            assertThat(ids.add(r.get("id").asText())).isTrue();
            assertThat(r.get("properties").get("security-severity").asDouble()).isBetween(0.1, 10.0);
        });
        for (JsonNode result : run.get("results")) {
            assertThat(rules.get(result.get("ruleIndex").asInt()).get("id").asText())
                    .isEqualTo(result.get("ruleId").asText());
            assertThat(result.get("level").asText()).isIn("error", "warning", "note");
            assertThat(result.get("locations")
                            .get(0)
                            .get("logicalLocations")
                            .get(0)
                            .get("fullyQualifiedName")
                            .asText())
                    .isNotEmpty();
        }
    }

    @Test
    void junitIsWellFormedAndFailsAtTheThreshold() throws Exception {
        String xml = new JunitReport().render(model, "medium", false);
        Document document = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        int failures = Integer.parseInt(document.getElementsByTagName("testsuite")
                .item(0)
                .getAttributes()
                .getNamedItem("failures")
                .getNodeValue());
        assertThat(failures)
                .isEqualTo(document.getElementsByTagName("failure").getLength())
                .isPositive();
        long criticalTargets = model.findings().stream()
                .filter(f -> f.severity().equals("critical"))
                .map(ReportModel.FindingRow::on)
                .distinct()
                .count();
        assertThat(new JunitReport().render(model, "critical", false)).contains("failures=\"" + criticalTargets + "\"");
    }

    @Test
    void jsonAndTrendAgainstAPreviousAnalysis(@TempDir Path previous) throws Exception {
        Files.writeString(
                previous.resolve("findings.json"),
                "{\"findings\":[{\"type\":\"UNUSED_BINDING\",\"severity\":\"medium\","
                        + "\"binding\":{\"kind\":\"RoleBinding\",\"name\":\"gone\",\"namespace\":\"x\"}}]}");
        Files.copy(dir.resolve("usage.json"), previous.resolve("usage.json"));
        Files.copy(dir.resolve("verification.json"), previous.resolve("verification.json"));
        ReportModel withTrend = new ReportReader().read(dir, previous);
        assertThat(withTrend.trend().clearedFindings()).singleElement().satisfies(k -> assertThat(k)
                .contains("RoleBinding/x/gone"));
        assertThat(withTrend.trend().newFindings()).hasSize(model.findings().size());
        JsonNode json = JSON.readTree(new JsonReport().render(withTrend));
        assertThat(json.get("summary").get("proposalsVerified").asLong()).isEqualTo(model.accepted());
        assertThat(json.get("findings")).hasSize(model.findings().size());
        assertThat(new MarkdownReport().render(withTrend)).contains("1 cleared since the previous review");
    }

    @Test
    void aReportListsTheSubjectsHoldingTheMostUnusedBindingsWhenThereAreTooManyToList(@TempDir Path many)
            throws Exception {
        StringBuilder subjects = new StringBuilder();
        // sa-i holds i + 1 bindings and used one of them; sa-0 and sa-1 tie on unused bindings but sa-1 was denied.
        for (int i = 0; i < 6; i++) {
            StringBuilder held = new StringBuilder();
            for (int b = 0; b <= i; b++) {
                held.append(b == 0 ? "" : ",")
                        .append("{\"kind\":\"RoleBinding\",\"namespace\":\"ns\",\"name\":\"b")
                        .append(b)
                        .append("\"}");
            }
            subjects.append(i == 0 ? "" : ",")
                    .append("{\"kind\":\"ServiceAccount\",\"name\":\"sa-")
                    .append(i)
                    .append("\",\"namespace\":\"ns\",\"username\":\"system:serviceaccount:ns:sa-")
                    .append(i)
                    .append(
                            "\",\"used\":[{\"count\":2,\"grants\":[{\"binding\":{\"kind\":\"RoleBinding\",\"namespace\":\"ns\",\"name\":\"b0\"}}]}],")
                    .append("\"denied\":[")
                    .append(i == 1 ? "{\"count\":1}" : "")
                    .append("],\"bindingsHeld\":[")
                    .append(held)
                    .append("]}");
        }
        Files.writeString(
                many.resolve("usage.json"),
                "{\"window\":{\"from\":\"a\",\"to\":\"b\"},\"counters\":{},\"subjects\":[" + subjects + "]}");
        Files.copy(dir.resolve("findings.json"), many.resolve("findings.json"));
        Files.copy(dir.resolve("verification.json"), many.resolve("verification.json"));

        ReportModel cut = new ReportReader(3).read(many, null);

        assertThat(cut.subjectsTotal()).isEqualTo(6);
        assertThat(cut.subjects()).extracting(ReportModel.SubjectRow::name).containsExactly("sa-3", "sa-4", "sa-5");
        assertThat(new ReportReader(5).read(many, null).subjects())
                .extracting(ReportModel.SubjectRow::name)
                .containsExactly("sa-1", "sa-2", "sa-3", "sa-4", "sa-5");
        assertThat(new ReportReader(6).read(many, null).subjectsCut()).isFalse();
        assertThat(new MarkdownReport().render(cut)).contains("3 of 6 subjects");
        assertThat(JSON.readTree(new JsonReport().render(cut))
                        .get("summary")
                        .get("subjects")
                        .asLong())
                .isEqualTo(6);
        assertThat(ReportFormat.HTML.render(cut, "test", "high")).contains("3 of 6 subjects");
    }
}
