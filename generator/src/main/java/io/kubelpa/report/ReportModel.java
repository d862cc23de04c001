package io.kubelpa.report;

import java.util.List;
import java.util.Map;

/**
 * What every report format shows, read from an analysis directory: the window, per-subject usage
 * (at most {@link ReportReader#MAX_SUBJECT_ROWS} rows of {@code subjectsTotal}; usage.json has them
 * all), the findings, the proposals with their proof, and the trend against an earlier analysis.
 */
public record ReportModel(
        String windowFrom,
        String windowTo,
        Map<String, Long> counters,
        List<SubjectRow> subjects,
        long subjectsTotal,
        List<FindingRow> findings,
        List<ProposalRow> proposals,
        Trend trend) {

    /** One subject: requests allowed and denied, request shapes, the bindings it used and the ones it holds. */
    public record SubjectRow(
            String kind,
            String name,
            String namespace,
            String username,
            long allowed,
            long denied,
            int shapes,
            List<String> bindingsUsed,
            List<String> bindingsHeld) {

        /** Bindings held and never used. */
        public List<String> heldNeverUsed() {
            return bindingsHeld.stream().filter(b -> !bindingsUsed.contains(b)).toList();
        }

        public int unusedHeld() {
            return heldNeverUsed().size();
        }

        /** "used / held" bindings, e.g. {@code 1 / 3}. */
        public String usedOfHeld() {
            return bindingsUsed.size() + " / " + Math.max(bindingsUsed.size(), bindingsHeld.size());
        }
    }

    /**
     * One finding, with what it is attached to written as {@code on}, its evidence as readable text (counts,
     * last use, holders), and the manifest file and line of the object it is about when the RBAC came from
     * files ({@code file} null otherwise).
     */
    public record FindingRow(
            String key,
            String type,
            String severity,
            String catalogId,
            String on,
            String message,
            String remediation,
            String confidence,
            String evidence,
            String file,
            int line) {

        public String ruleId() {
            return catalogId == null || catalogId.isEmpty() ? "LPA-" + type : catalogId;
        }
    }

    /** One proposal, its status and proof, and the YAML it writes. */
    public record ProposalRow(
            String id,
            String kind,
            String summary,
            String status,
            List<String> withheldBecause,
            List<String> removed,
            long replayChecked,
            long replayRequests,
            long replayFailed,
            boolean noWidening,
            Map<String, String> files) {

        public boolean accepted() {
            return "proposed".equals(status);
        }
    }

    /** Counts by severity now and in the earlier analysis, and which findings are new or gone. */
    public record Trend(
            boolean hasPrevious,
            Map<String, Integer> previousBySeverity,
            List<String> newFindings,
            List<String> clearedFindings) {
        public static final Trend NONE = new Trend(false, Map.of(), List.of(), List.of());
    }

    /** Whether the subjects table shows only some of the subjects. */
    public boolean subjectsCut() {
        return subjectsTotal > subjects.size();
    }

    public static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low");

    public Map<String, Integer> bySeverity() {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        SEVERITIES.forEach(s -> counts.put(s, 0));
        findings.forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
        return counts;
    }

    /** The findings grouped by what they are on (subject, binding, role; a role's rules together), worst first in each group. */
    public Map<String, List<FindingRow>> byObject() {
        Map<String, List<FindingRow>> groups = new java.util.TreeMap<>();
        findings.forEach(
                f -> groups.computeIfAbsent(f.on().replaceFirst(" rule \\d+$", ""), on -> new java.util.ArrayList<>())
                        .add(f));
        groups.values()
                .forEach(group -> group.sort(java.util.Comparator.comparingInt(f -> SEVERITIES.indexOf(f.severity()))));
        return groups;
    }

    public long accepted() {
        return proposals.stream().filter(ProposalRow::accepted).count();
    }

    /** Findings at or above a severity (critical, high, medium, low). */
    public long atOrAbove(String severity) {
        int threshold = SEVERITIES.indexOf(severity);
        return findings.stream()
                .filter(f -> SEVERITIES.indexOf(f.severity()) <= threshold)
                .count();
    }
}
