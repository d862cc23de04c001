package io.kubelpa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {
    private static final List<List<String>> ROWS = List.of(
            List.of("STATUS", "PROPOSAL", "WHY WITHHELD"),
            List.of("withheld", "Tighten ClusterRole/ci-deployer ".repeat(8), "low confidence: ".repeat(10)),
            List.of("proposed", "Delete RoleBinding/payments/legacy-reporter", ""));

    private static List<String> print(int width) {
        StringWriter out = new StringWriter();
        Table.print(new PrintWriter(out), ROWS, width);
        return out.toString().lines().toList();
    }

    @Test
    void wideCellsAreCutToTheWidthWithAnEllipsisAndTheWidestColumnGivesWayFirst() {
        List<String> lines = print(120);
        assertThat(lines).hasSize(3).allSatisfy(line -> assertThat(line.length())
                .isLessThanOrEqualTo(120));
        assertThat(lines.get(1))
                .startsWith("withheld   Tighten ClusterRole/ci-deployer")
                .contains("…");
        assertThat(lines.get(2))
                .startsWith("proposed   Delete RoleBinding/payments/legacy-reporter")
                .endsWith("-");
        assertThat(lines.get(0).indexOf("WHY WITHHELD")).isEqualTo(lines.get(1).indexOf("low confidence"));
    }

    @Test
    void aPathCutShortKeepsItsEndTheFileName() {
        StringWriter out = new StringWriter();
        Table.print(
                new PrintWriter(out),
                List.of(List.of("FILE", "EVENTS"), List.of("/tmp/" + "deep/".repeat(40) + "gke.json", "1")),
                60);
        String line = out.toString().lines().toList().get(1);
        assertThat(line).startsWith("/tmp/").contains("…").contains("gke.json   1");
        assertThat(line.length()).isLessThanOrEqualTo(60);
    }

    @Test
    void unlimitedWidthPrintsEveryCellInFull() {
        List<String> lines = print(Integer.MAX_VALUE);
        assertThat(lines.get(1))
                .doesNotContain("…")
                .contains("low confidence: ".repeat(10).strip());
    }
}
