package io.kubelpa.report;

import java.util.ArrayList;
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
        String windowCoverage,
        Map<String, Long> counters,
        List<SubjectRow> subjects,
        long subjectsTotal,
        List<FindingRow> findings,
        List<ProposalRow> proposals,
        Trend trend,
        Policy policy) {

    /** What a policy did: the file, how many findings it excluded, and its notes (expired suppressions, bad annotations). */
    public record Policy(String source, long excluded, List<String> notes) {
        public static final Policy NONE = new Policy(null, 0, List.of());
    }

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
            List<String> bindingsHeld,
            Map<String, Long> outsideRbac) {

        /** The bindings used, then what another authorizer allowed outside the RBAC given, by authorizer. */
        public List<String> usedThrough() {
            List<String> through = new ArrayList<>(bindingsUsed);
            outsideRbac.forEach((by, count) -> through.add("outside RBAC (" + by + "): " + count));
            return through;
        }

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
            int line,
            String absoluteFile,
            String owner,
            String ownerRule,
            String changeAt,
            Suppressed suppressed,
            About about) {

        public boolean platform() {
            return "platform".equals(owner);
        }

        public boolean isSuppressed() {
            return suppressed != null;
        }

        /** Whether it is for the user to act on: neither suppressed nor the platform's. */
        public boolean actionable() {
            return !isSuppressed() && !platform();
        }

        /** Whether a --fail-on gate counts it. */
        public boolean counts(boolean includePlatform) {
            return !isSuppressed() && (includePlatform || !platform());
        }

        /** Whether the grant it is about was used in the window; null when that does not apply. */
        public Boolean used() {
            return about.used();
        }

        public String ruleId() {
            return catalogId == null || catalogId.isEmpty() ? "LPA-" + type : catalogId;
        }
    }

    /**
     * What a finding is about, as references ({@code Kind/namespace/name}, null when absent): its
     * binding, its role, the role's rule in rule notation when it is about one, whether that grant
     * was used (null when the finding does not say), and the bindings through which it is held.
     */
    public record About(String binding, String role, String rule, Boolean used, List<String> heldVia) {
        public About {
            heldVia = List.copyOf(heldVia);
        }
    }

    /** Why a finding is accepted, until when (empty: no end) and who said so. */
    public record Suppressed(String reason, String expires, String source) {}

    /** One proposal, its status and proof, and the YAML it writes. */
    public record ProposalRow(
            String id,
            String kind,
            String target,
            List<io.kubelpa.rbac.ObjectRef> deletions,
            String summary,
            String status,
            List<String> withheldBecause,
            List<String> removed,
            long replayChecked,
            long replayRequests,
            long replayFailed,
            boolean noWidening,
            Map<String, String> files,
            List<String> managedBy) {

        public boolean accepted() {
            return "proposed".equals(status);
        }

        /** How directly it changes what a finding is about: {@link #UNRELATED} when it does not. */
        public int distanceTo(FindingRow finding) {
            List<String> objects = new ArrayList<>();
            deletions.forEach(d -> objects.add(d.toString()));
            objects.add(target);
            About about = finding.about();
            if (objects.contains(about.binding())) {
                return 0;
            }
            if (objects.contains(about.role())) {
                return 1;
            }
            return about.heldVia().stream().anyMatch(objects::contains) ? 2 : UNRELATED;
        }

        /** The distance of a proposal that changes neither the finding's binding, its role nor a binding holding it. */
        public static final int UNRELATED = Integer.MAX_VALUE;
    }

    /** Counts by severity now and in the earlier analysis, and which findings are new or gone. */
    public record Trend(
            boolean hasPrevious,
            Map<String, Integer> previousBySeverity,
            List<String> newFindings,
            List<String> clearedFindings) {
        public static final Trend NONE = new Trend(false, Map.of(), List.of(), List.of());
    }

    /** Degraded evidence in the log, one line each with its count and what it means; empty when none. */
    public List<String> evidenceWarnings() {
        return io.kubelpa.findings.EvidenceQuality.of(name -> counters.getOrDefault(name, 0L))
                .describe();
    }

    /** The few changes that remove the most risk, see {@link FirstSteps}. */
    public List<FirstSteps.Step> firstSteps() {
        return FirstSteps.of(this);
    }

    /** Whether the subjects table shows only some of the subjects. */
    public boolean subjectsCut() {
        return subjectsTotal > subjects.size();
    }

    /**
     * Findings, groups and proposals a report shows at most, so a large review stays quick to open;
     * each cut says so, and findings.json and verification.json hold them all.
     */
    public static final int MAX_ROWS = 2000;

    /** The findings to act on a report lists: the worst {@link #MAX_ROWS}. */
    public List<FindingRow> shownFindings() {
        List<FindingRow> actionable = actionable();
        return actionable.size() > MAX_ROWS ? actionable.subList(0, MAX_ROWS) : actionable;
    }

    public boolean findingsCut() {
        return actionable().size() > MAX_ROWS;
    }

    public static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low");

    /** The findings to act on by severity (neither suppressed nor the platform's). */
    public Map<String, Integer> bySeverity() {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        SEVERITIES.forEach(s -> counts.put(s, 0));
        actionable().forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
        return counts;
    }

    /** Findings to act on: neither suppressed nor on what the platform owns. */
    public List<FindingRow> actionable() {
        return findings.stream().filter(FindingRow::actionable).toList();
    }

    /** Findings on the platform's objects, not suppressed: for information, not counted by --fail-on unless asked. */
    public List<FindingRow> platformFindings() {
        return findings.stream().filter(f -> !f.isSuppressed() && f.platform()).toList();
    }

    public List<FindingRow> suppressedFindings() {
        return findings.stream().filter(FindingRow::isSuppressed).toList();
    }

    /** The findings to act on grouped by what they are on (subject, binding, role; a role's rules together), worst first in each group. */
    public Map<String, List<FindingRow>> byObject() {
        Map<String, List<FindingRow>> groups = new java.util.TreeMap<>();
        actionable().forEach(f -> groups.computeIfAbsent(
                        f.on().replaceFirst(" rule \\d+$", ""), on -> new java.util.ArrayList<>())
                .add(f));
        groups.values()
                .forEach(group -> group.sort(java.util.Comparator.comparingInt(f -> SEVERITIES.indexOf(f.severity()))));
        return groups;
    }

    public long accepted() {
        return proposals.stream().filter(ProposalRow::accepted).count();
    }

    /** Findings a --fail-on gate counts at or above a severity (critical, high, medium, low). */
    public long atOrAbove(String severity, boolean includePlatform) {
        return gated(severity, includePlatform).size();
    }

    /** The findings a --fail-on gate counts at or above a severity: not suppressed, the platform's only when asked. */
    public List<FindingRow> gated(String severity, boolean includePlatform) {
        int threshold = SEVERITIES.indexOf(severity);
        return findings.stream()
                .filter(f -> f.counts(includePlatform) && SEVERITIES.indexOf(f.severity()) <= threshold)
                .toList();
    }
}
