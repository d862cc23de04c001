package io.kubelpa.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The findings as JUnit XML for CI systems: one test case per RBAC object or subject checked, failing
 * when it has findings the --fail-on gate counts (not suppressed; the platform's only when asked).
 */
public final class JunitReport {
    public String render(ReportModel model, String failOn, boolean includePlatform) {
        List<ReportModel.FindingRow> gated = model.gated(failOn, includePlatform);
        Map<String, List<ReportModel.FindingRow>> byTarget = new LinkedHashMap<>();
        for (ReportModel.FindingRow f : model.findings()) {
            byTarget.computeIfAbsent(f.on(), k -> new ArrayList<>()).add(f);
        }
        int failures = 0;
        StringBuilder cases = new StringBuilder();
        for (Map.Entry<String, List<ReportModel.FindingRow>> e : byTarget.entrySet()) {
            List<ReportModel.FindingRow> failing =
                    e.getValue().stream().filter(gated::contains).toList();
            cases.append("    <testcase classname=\"kube-lpa\" name=\"")
                    .append(xml(e.getKey()))
                    .append("\"");
            if (failing.isEmpty()) {
                cases.append("/>\n");
                continue;
            }
            failures++;
            cases.append(">\n      <failure type=\"")
                    .append(xml(failing.get(0).ruleId()))
                    .append("\" message=\"")
                    .append(xml(failing.size() + " finding(s) at or above " + failOn))
                    .append("\">");
            for (ReportModel.FindingRow f : failing) {
                cases.append(xml("[" + f.severity() + "] " + f.ruleId() + ": " + f.message()))
                        .append("&#10;");
            }
            cases.append("</failure>\n    </testcase>\n");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n  <testsuite name=\"kube-lpa least privilege\" tests=\""
                + byTarget.size() + "\" failures=\"" + failures + "\" errors=\"0\">\n" + cases
                + "  </testsuite>\n</testsuites>\n";
    }

    /** Text safe in XML attributes and content; characters XML 1.0 cannot carry are dropped. */
    static String xml(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c == 0x9
                            || c == 0xA
                            || c == 0xD
                            || (c >= 0x20 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD)
                            || c >= 0x10000) {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }
}
