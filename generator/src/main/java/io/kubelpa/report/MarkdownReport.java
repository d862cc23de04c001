package io.kubelpa.report;

import java.util.Map;

/**
 * The report as Markdown, usable as an issue or pull-request body. Every value from the analysis
 * is escaped: names come from untrusted manifests and logs, and must not become markup or links.
 */
public final class MarkdownReport {
    public String render(ReportModel model) {
        StringBuilder md = new StringBuilder();
        md.append("# kube-lpa least-privilege review\n\n");
        md.append("Window: ")
                .append(text(model.windowFrom()))
                .append(" → ")
                .append(text(model.windowTo()))
                .append(model.windowCoverage().isEmpty() ? "" : "; " + text(model.windowCoverage()))
                .append("\n\n");
        if (!model.evidenceWarnings().isEmpty()) {
            md.append("## Evidence\n\n");
            model.evidenceWarnings()
                    .forEach(w -> md.append("- ").append(text(w)).append('\n'));
            md.append('\n');
        }
        firstSteps(md, model.firstSteps());
        md.append("## Summary\n\n| severity | findings to act on |");
        if (model.trend().hasPrevious()) {
            md.append(" previous |");
        }
        md.append("\n| --- | --- |")
                .append(model.trend().hasPrevious() ? " --- |" : "")
                .append('\n');
        for (Map.Entry<String, Integer> e : model.bySeverity().entrySet()) {
            md.append("| ")
                    .append(e.getKey())
                    .append(" | ")
                    .append(e.getValue())
                    .append(" |");
            if (model.trend().hasPrevious()) {
                md.append(' ')
                        .append(model.trend().previousBySeverity().getOrDefault(e.getKey(), 0))
                        .append(" |");
            }
            md.append('\n');
        }
        if (model.trend().hasPrevious()) {
            md.append("\n")
                    .append(model.trend().newFindings().size())
                    .append(" new finding(s), ")
                    .append(model.trend().clearedFindings().size())
                    .append(" cleared since the previous review.\n");
        }
        md.append("\n")
                .append(model.actionable().size())
                .append(" finding(s) to act on; ")
                .append(model.platformFindings().size())
                .append(" on platform objects (listed apart); ")
                .append(model.suppressedFindings().size())
                .append(" suppressed; ")
                .append(model.policy().excluded())
                .append(" excluded")
                .append(
                        model.policy().source() == null
                                ? ""
                                : " by the policy " + text(model.policy().source()))
                .append(".\n");
        model.policy()
                .notes()
                .forEach(note -> md.append("\n> ").append(text(note)).append('\n'));
        md.append("\n")
                .append(model.accepted())
                .append(" proposal(s) verified, ")
                .append(model.proposals().size() - model.accepted())
                .append(" withheld.\n\n");
        md.append("## Subjects\n\n");
        if (model.subjectsCut()) {
            md.append(model.subjects().size())
                    .append(" of ")
                    .append(model.subjectsTotal())
                    .append(
                            " subjects: those holding the most bindings they never used; usage.json lists them all.\n\n");
        }
        md.append(
                "| subject | allowed | denied | request shapes | bindings used / held | used |\n| --- | --- | --- | --- | --- | --- |\n");
        for (ReportModel.SubjectRow s : model.subjects()) {
            md.append("| ")
                    .append(cell(s.username()))
                    .append(" | ")
                    .append(s.allowed())
                    .append(" | ")
                    .append(s.denied())
                    .append(" | ")
                    .append(s.shapes())
                    .append(" | ")
                    .append(s.usedOfHeld())
                    .append(" | ")
                    .append(cell(String.join(", ", s.usedThrough())))
                    .append(" |\n");
        }
        md.append("\n## Findings\n\n");
        if (model.findingsCut()) {
            md.append(model.shownFindings().size())
                    .append(" of ")
                    .append(model.actionable().size())
                    .append(" findings to act on, the worst first; findings.json lists them all.\n\n");
        }
        findingsTable(md, model.shownFindings(), true);
        if (!model.platformFindings().isEmpty()) {
            md.append("\n## Findings on platform objects\n\n")
                    .append(
                            "Kubernetes', the provider's or an add-on's own objects: for information, never proposed for")
                    .append(" change, not counted by --fail-on unless --include-platform.\n\n");
            findingsTable(md, model.platformFindings(), false);
        }
        if (!model.suppressedFindings().isEmpty()) {
            md.append("\n## Suppressed findings\n\n<details><summary>")
                    .append(model.suppressedFindings().size())
                    .append(" finding(s) accepted by the policy or an annotation</summary>\n\n")
                    .append(
                            "| severity | finding | on | reason | until | source |\n| --- | --- | --- | --- | --- | --- |\n");
            for (ReportModel.FindingRow f : model.suppressedFindings()) {
                md.append("| ")
                        .append(f.severity())
                        .append(" | ")
                        .append(cell(f.ruleId()))
                        .append(" | ")
                        .append(cell(f.on()))
                        .append(" | ")
                        .append(cell(f.suppressed().reason()))
                        .append(" | ")
                        .append(cell(
                                f.suppressed().expires().isEmpty()
                                        ? "-"
                                        : f.suppressed().expires()))
                        .append(" | ")
                        .append(cell(f.suppressed().source()))
                        .append(" |\n");
            }
            md.append("\n</details>\n");
        }
        md.append("\n## Proposals\n\n");
        if (model.proposals().size() > ReportModel.MAX_ROWS) {
            md.append("The first ")
                    .append(ReportModel.MAX_ROWS)
                    .append(" of ")
                    .append(model.proposals().size())
                    .append(" proposals; verification.json lists them all.\n\n");
        }
        for (ReportModel.ProposalRow p :
                model.proposals().stream().limit(ReportModel.MAX_ROWS).toList()) {
            md.append("### ").append(text(p.summary())).append("\n\n");
            md.append(
                    p.accepted()
                            ? "**Proposed.** "
                            : "**Withheld:** " + text(String.join("; ", p.withheldBecause())) + ". ");
            md.append("Replay: ")
                    .append(p.replayChecked() - p.replayFailed())
                    .append(" of ")
                    .append(p.replayChecked())
                    .append(" observed request shapes (")
                    .append(p.replayRequests())
                    .append(" requests) still allowed; no widening: ")
                    .append(p.noWidening() ? "proven" : "**failed**")
                    .append(".\n\n");
            p.managedBy()
                    .forEach(m ->
                            md.append("**Managed:** ").append(text(m)).append(". lpa pr leaves it to its owner.\n\n"));
            if (!p.removed().isEmpty()) {
                md.append("Removes:\n\n");
                p.removed().stream()
                        .limit(20)
                        .forEach(r -> md.append("- ").append(text(r)).append('\n'));
                if (p.removed().size() > 20) {
                    md.append("- … and ").append(p.removed().size() - 20).append(" more\n");
                }
                md.append('\n');
            }
            p.files().forEach((file, yaml) -> md.append("`")
                    .append(text(file).replace("`", ""))
                    .append("`\n\n")
                    .append(fence(yaml))
                    .append('\n'));
        }
        return md.toString();
    }

    private static void firstSteps(StringBuilder md, java.util.List<FirstSteps.Step> steps) {
        md.append("## What to do first\n\n");
        if (steps.isEmpty()) {
            md.append(
                    "No grant you own to remove or narrow in the window (the platform's objects are listed apart).\n\n");
            return;
        }
        md.append(
                "The changes that remove the most risk: escalation-prone grants never used first, critical before high.\n\n");
        int number = 1;
        for (FirstSteps.Step step : steps) {
            md.append(number++)
                    .append(". **")
                    .append(text(step.title()))
                    .append("** (answers ")
                    .append(text(step.answersSummary()))
                    .append(")\n");
            step.answers().stream().limit(4).forEach(f -> md.append("   - ")
                    .append(f.severity())
                    .append(' ')
                    .append(text(f.ruleId()))
                    .append(" on ")
                    .append(text(on(f)))
                    .append(f.used() == null ? "" : f.used() ? ", used" : ", never used")
                    .append('\n'));
            if (step.answers().size() > 4) {
                md.append("   - and ").append(step.answers().size() - 4).append(" more\n");
            }
            if (step.proposal() == null) {
                md.append("\n   No proposal changes it: ")
                        .append(text(step.remediation()))
                        .append("\n\n");
            } else if (step.proposal().accepted()) {
                md.append("\n   Proven: replay ")
                        .append(step.proposal().replayChecked()
                                - step.proposal().replayFailed())
                        .append(" of ")
                        .append(step.proposal().replayChecked())
                        .append(" observed request shapes still allowed; no widening: ")
                        .append(step.proposal().noWidening() ? "proven" : "**failed**")
                        .append(". From this review's folder:\n\n")
                        .append(fence(String.join("\n", step.commands()), "sh").indent(3))
                        .append('\n');
            } else {
                md.append("\n   Not proposed yet: ")
                        .append(text(String.join("; ", step.proposal().withheldBecause())))
                        .append(".\n\n");
            }
        }
    }

    /** What a finding is on, with the rule itself when it is about one. */
    private static String on(ReportModel.FindingRow f) {
        return f.about().rule() == null ? f.on() : f.on() + " (" + f.about().rule() + ")";
    }

    private static void findingsTable(StringBuilder md, java.util.List<ReportModel.FindingRow> rows, boolean owner) {
        if (rows.isEmpty()) {
            md.append("None.\n");
            return;
        }
        md.append("| severity | finding | on | confidence | message | evidence |")
                .append(owner ? " owner |" : " platform rule |")
                .append("\n| --- | --- | --- | --- | --- | --- | --- |\n");
        for (ReportModel.FindingRow f : rows) {
            md.append("| ")
                    .append(f.severity())
                    .append(" | ")
                    .append(cell(f.ruleId()))
                    .append(" | ")
                    .append(cell(on(f)))
                    .append(" | ")
                    .append(f.confidence())
                    .append(" | ")
                    .append(cell(f.message()))
                    .append(" | ")
                    .append(cell(f.evidence()))
                    .append(" | ")
                    .append(cell(owner ? ownerText(f) : f.ownerRule()))
                    .append(" |\n");
        }
    }

    /** yours, or managed with where the change belongs. */
    static String ownerText(ReportModel.FindingRow f) {
        return f.changeAt() == null ? f.owner() : f.owner() + ": change it in " + f.changeAt();
    }

    /** A fenced block that no backtick run inside the content can close. */
    public static String fence(String content) {
        return fence(content, "yaml");
    }

    /** A fenced block of the given language that no backtick run inside the content can close. */
    static String fence(String content, String language) {
        int longest = 0;
        int run = 0;
        for (char c : content.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        return fence + language + "\n" + content + (content.endsWith("\n") ? "" : "\n") + fence + "\n";
    }

    /** Text with Markdown and HTML meaning removed, on one line. */
    public static String text(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\\', '`', '*', '_', '[', ']', '(', ')', '#', '!', '|', '~' ->
                    out.append('\\').append(c);
                default -> out.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c);
            }
        }
        return out.toString();
    }

    private static String cell(String value) {
        return text(value);
    }
}
