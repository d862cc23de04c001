package io.kubelpa.report;

import io.kubelpa.output.ShellWords;
import io.kubelpa.rbac.ObjectRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a review says to do first: the few changes that remove the most risk. Findings to act on are
 * taken escalation-prone first, unused before used, critical before high; each becomes the change
 * that answers it (a proposal that changes its binding or role, else its object's remediation), and
 * findings answered by the same change share one step, listed worst (most severe) first.
 */
public final class FirstSteps {
    /** Steps a report leads with; the findings table holds the rest. */
    public static final int MAX_STEPS = 5;

    private static final Comparator<ReportModel.FindingRow> MOST_RISK_REMOVED = Comparator.comparing(
                    (ReportModel.FindingRow f) -> !f.type().equals("ESCALATION_PRONE"))
            .thenComparing(f -> Boolean.TRUE.equals(f.used()))
            .thenComparingInt(f -> ReportModel.SEVERITIES.indexOf(f.severity()));

    /** Within one step: critical before high, then as steps are ranked. */
    private static final Comparator<ReportModel.FindingRow> WORST_FIRST = Comparator.comparingInt(
                    (ReportModel.FindingRow f) -> ReportModel.SEVERITIES.indexOf(f.severity()))
            .thenComparing(MOST_RISK_REMOVED);

    private FirstSteps() {}

    /**
     * One change: the findings it answers (worst first), the proposal that makes it (null when none
     * does: then {@link #remediation()} says what to change), and the commands that apply it.
     */
    public record Step(
            String object,
            List<ReportModel.FindingRow> answers,
            ReportModel.ProposalRow proposal,
            List<String> commands) {

        /** What to change when no proposal does: the remediation of the finding listed first. */
        public String remediation() {
            return answers.get(0).remediation();
        }

        public String title() {
            return proposal != null ? proposal.summary() : "Change " + object;
        }

        /** "1 critical, 2 high; 2 never used": the findings it answers by severity, and how many are about unused grants. */
        public String answersSummary() {
            List<String> parts = new ArrayList<>();
            for (String severity : ReportModel.SEVERITIES) {
                long count = answers.stream()
                        .filter(f -> f.severity().equals(severity))
                        .count();
                if (count > 0) {
                    parts.add(count + " " + severity);
                }
            }
            long unused =
                    answers.stream().filter(f -> Boolean.FALSE.equals(f.used())).count();
            return String.join(", ", parts) + (unused > 0 ? "; " + unused + " never used" : "");
        }
    }

    static List<Step> of(ReportModel model) {
        // Denied requests are access a subject lacks, not risk a change removes.
        List<ReportModel.FindingRow> ranked = new ArrayList<>(model.actionable().stream()
                .filter(f -> !f.type().equals("DENIED_REQUESTS"))
                .toList());
        ranked.sort(MOST_RISK_REMOVED);
        Map<String, List<ReportModel.ProposalRow>> byObject = new java.util.HashMap<>();
        for (ReportModel.ProposalRow proposal : model.proposals()) {
            byObject.computeIfAbsent(proposal.target(), k -> new ArrayList<>()).add(proposal);
            proposal.deletions().forEach(d -> byObject.computeIfAbsent(d.toString(), k -> new ArrayList<>())
                    .add(proposal));
        }
        Map<String, Step> steps = new LinkedHashMap<>();
        for (ReportModel.FindingRow finding : ranked) {
            ReportModel.ProposalRow proposal = answering(byObject, finding);
            String object = object(finding);
            String key = proposal != null ? "proposal:" + proposal.id() : "object:" + object;
            Step step = steps.get(key);
            if (step == null) {
                if (steps.size() == MAX_STEPS) {
                    continue;
                }
                step = new Step(
                        proposal != null ? proposal.target() : object,
                        new ArrayList<>(),
                        proposal,
                        proposal != null && proposal.accepted() ? commands(proposal) : List.of());
                steps.put(key, step);
            }
            step.answers().add(finding);
        }
        return steps.values().stream()
                .map(s -> new Step(
                        s.object(), s.answers().stream().sorted(WORST_FIRST).toList(), s.proposal(), s.commands()))
                .toList();
    }

    /**
     * The proposal that changes what the finding is about most directly (its binding, then its role,
     * then a binding holding it), a verified one before a withheld one.
     */
    private static ReportModel.ProposalRow answering(
            Map<String, List<ReportModel.ProposalRow>> byObject, ReportModel.FindingRow f) {
        List<String> objects = new ArrayList<>(f.about().heldVia());
        objects.add(f.about().binding());
        objects.add(f.about().role());
        return objects.stream()
                .filter(java.util.Objects::nonNull)
                .flatMap(object -> byObject.getOrDefault(object, List.of()).stream())
                .min(Comparator.comparingInt((ReportModel.ProposalRow p) -> p.distanceTo(f))
                        .thenComparing(p -> !p.accepted()))
                .orElse(null);
    }

    /** The object a finding is about: its binding, else its role, else what it is on. */
    private static String object(ReportModel.FindingRow f) {
        if (f.about().binding() != null) {
            return f.about().binding();
        }
        return f.about().role() != null ? f.about().role() : f.on();
    }

    /**
     * The pull request that carries it, or kubectl for a cluster not managed from a repository; run from
     * the review's own folder (no absolute path: a streaming review is written elsewhere and moved).
     * {@code kubectl auth reconcile} replaces rules and subjects where {@code apply} would merge them, and
     * recreates a binding whose roleRef changed (immutable). A deletion names its object as KIND/NAME and
     * its namespace glued to the flag, so no name (RBAC names may start with '-') can read as a flag.
     */
    private static List<String> commands(ReportModel.ProposalRow proposal) {
        List<String> commands = new ArrayList<>();
        commands.add("lpa pr --from . --repo YOUR-MANIFESTS-REPO --dry-run");
        proposal.files().keySet().stream()
                .filter(file -> !file.endsWith("deletions.yaml"))
                .forEach(file ->
                        commands.add("kubectl auth reconcile --remove-extra-permissions --remove-extra-subjects -f "
                                + ShellWords.quote(file)));
        proposal.deletions().forEach(ref -> commands.add(kubectlDelete(ref)));
        return commands;
    }

    private static String kubectlDelete(ObjectRef ref) {
        String delete = "kubectl delete " + ShellWords.quote(ref.kind().toLowerCase(Locale.ROOT) + "/" + ref.name());
        return ref.namespaced() ? delete + " " + ShellWords.quote("--namespace=" + ref.namespace()) : delete;
    }
}
