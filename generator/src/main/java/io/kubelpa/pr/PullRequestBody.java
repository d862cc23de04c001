package io.kubelpa.pr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubelpa.manifest.ManifestYamlWriter;
import io.kubelpa.output.HiddenCharacters;
import io.kubelpa.output.ShellWords;
import io.kubelpa.report.MarkdownReport;
import io.kubelpa.report.UsageJsonReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The pull request's description: what each change removes and the evidence, the proof, the window
 * and its caveats, escalation-prone removals called out, how to check by hand, and a hidden marker
 * by which the next run finds and updates the same pull request. Every name is escaped.
 */
public final class PullRequestBody {
    public static final String MARKER = "<!-- kube-lpa:pull-request -->";
    /** GitHub refuses longer descriptions (65,536 characters); GitLab's limit is higher. */
    public static final int MAX_LENGTH = 65_536;
    /** Where a description too long for the host goes, in the pull request's own branch. */
    public static final String FULL_BODY_FILE = "kube-lpa-pull-request.md";

    private static final int COMMANDS = 6;

    /** A change that made it into the branch, or one that did not (with why). */
    public record Change(AcceptedProposal proposal, boolean applied, String notAppliedBecause, List<String> files) {}

    public String title(List<Change> changes) {
        long applied = changes.stream().filter(Change::applied).count();
        return "kube-lpa: reduce RBAC to what was used (" + applied + " change" + (applied == 1 ? "" : "s") + ")";
    }

    /**
     * The description to send: the full one when it fits the host's limit; otherwise a short one that
     * counts the changes and points to {@link #FULL_BODY_FILE}, committed in the branch.
     */
    public String fitting(String full, List<Change> changes) {
        if (full.length() <= MAX_LENGTH) {
            return full;
        }
        long applied = changes.stream().filter(Change::applied).count();
        return MARKER + "\n\nkube-lpa proposes " + applied + " change" + (applied == 1 ? "" : "s")
                + " to reduce RBAC to what the audit logs show was used"
                + (changes.size() > applied ? " (" + (changes.size() - applied) + " more could not be applied)" : "")
                + ". The full table of changes, their proof and the commands to check them by hand is too long"
                + " for a pull request description: it is in `" + FULL_BODY_FILE + "` in this branch.\n";
    }

    public String render(Path analysis, AnalysisProposals proposals, List<Change> changes) throws IOException {
        Map<String, Set<String>> escalations = escalationsByObject(analysis);
        StringBuilder md = new StringBuilder(MARKER).append("\n\n");
        md.append("kube-lpa compared the RBAC in this repository with the API server's audit logs from ")
                .append(esc(proposals.windowFrom()))
                .append(" to ")
                .append(esc(proposals.windowTo()))
                .append(" and proposes removing what nothing used in that window.\n\n");
        md.append("| change | removes | evidence |\n| --- | --- | --- |\n");
        for (Change change : changes) {
            AcceptedProposal p = change.proposal();
            Set<String> risky = new LinkedHashSet<>();
            touched(p).forEach(ref -> risky.addAll(escalations.getOrDefault(ref, Set.of())));
            String removes = p.removed().isEmpty()
                    ? "-"
                    : esc(String.join("; ", p.removed().stream().limit(6).toList()))
                            + (p.removed().size() > 6 ? " … (" + p.removed().size() + " in all)" : "");
            if (!risky.isEmpty()) {
                removes = "⚠️ **escalation-prone: " + esc(String.join(", ", risky)) + "** — " + removes;
            }
            String evidence = !change.applied()
                    ? "**not applied**: " + esc(change.notAppliedBecause())
                    : AnalysisProposals.NEW_ROLE.equals(p.kind())
                            ? "**new grants** (another authorizer allowed these requests; RBAC did not): replay: "
                                    + p.replayChecked() + " observed request shapes allowed by these roles alone"
                            : "replay: " + p.replayChecked() + " observed request shapes (" + p.replayRequests()
                                    + " requests) still allowed; "
                                    + (p.noWidening() ? "no widening proven" : "**widening check failed**");
            md.append("| ")
                    .append(esc(p.summary()))
                    .append(" | ")
                    .append(removes)
                    .append(" | ")
                    .append(evidence)
                    .append(" |\n");
        }
        List<Change> notApplied = changes.stream().filter(c -> !c.applied()).toList();
        if (!notApplied.isEmpty()) {
            md.append("\n### Suggested changes not applied\n\nThese objects are not plain manifests in this repository "
                    + "(generated by a template, or defined elsewhere); the change to make by hand:\n\n");
            ManifestYamlWriter yaml = new ManifestYamlWriter();
            for (Change change : notApplied) {
                md.append("<details><summary>")
                        .append(esc(change.proposal().summary()))
                        .append("</summary>\n\n");
                if (!change.proposal().upserts().isEmpty()) {
                    md.append(
                            MarkdownReport.fence(yaml.writeAll(change.proposal().upserts())));
                }
                change.proposal().deletions().forEach(d -> md.append("\nDelete ")
                        .append(esc(d.toString()))
                        .append(".\n"));
                md.append("\n</details>\n");
            }
        }
        md.append(
                "\n### Verification\n\nEvery change was checked mechanically before it was proposed: every request the audit logs "
                        + "show as allowed was authorized again against the changed RBAC and is still allowed, and no subject gains a "
                        + "permission it does not hold today (Kubernetes' `Covers`). The edited manifests were parsed back: only the "
                        + "proposed objects changed.\n\n");
        md.append(
                "### Before merging\n\n- The evidence covers only the window above. Anything used less often (monthly jobs, "
                        + "break-glass access, disaster recovery) does not appear in it: check with the owners.\n"
                        + "- A changed `roleRef` cannot be updated in place: apply those bindings with "
                        + "`kubectl auth reconcile --remove-extra-subjects -f`, or delete and re-create them.\n\n");
        List<String> commands = commands(analysis, changes);
        if (!commands.isEmpty()) {
            md.append("### How to verify after applying\n\n```sh\n");
            commands.forEach(c -> md.append(c).append('\n'));
            md.append("```\n");
        }
        // Read by people on the code host: hidden characters in names are shown as codes.
        return HiddenCharacters.visible(md.toString());
    }

    private static List<String> touched(AcceptedProposal p) {
        List<String> refs = new ArrayList<>();
        refs.add(p.target().toString());
        p.deletions().forEach(d -> refs.add(d.toString()));
        p.upserts().forEach(o -> refs.add(io.kubelpa.rbac.ObjectRef.of(o).toString()));
        return refs;
    }

    private static Map<String, Set<String>> escalationsByObject(Path analysis) throws IOException {
        Map<String, Set<String>> byObject = new TreeMap<>();
        Path file = analysis.resolve("findings.json");
        if (!Files.isRegularFile(file)) {
            return byObject;
        }
        for (JsonNode f : new ObjectMapper().readTree(file.toFile()).path("findings")) {
            if ("ESCALATION_PRONE".equals(f.path("type").asText())) {
                for (String field : List.of("role", "binding")) {
                    JsonNode ref = f.path(field);
                    if (ref.isObject()) {
                        byObject.computeIfAbsent(ref(ref), k -> new LinkedHashSet<>())
                                .add(f.path("id").asText());
                    }
                }
            }
        }
        return byObject;
    }

    /** kubectl auth can-i commands for requests the changed grants served, taken from usage.json. */
    private static List<String> commands(Path analysis, List<Change> changes) throws IOException {
        Path file = analysis.resolve("usage.json");
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        Set<String> targets = new LinkedHashSet<>();
        changes.stream().filter(Change::applied).forEach(c -> targets.addAll(touched(c.proposal())));
        Set<String> commands = new LinkedHashSet<>();
        UsageJsonReader.read(file, subject -> {
            for (JsonNode shape : subject.path("used")) {
                boolean relevant = false;
                for (JsonNode grant : shape.path("grants")) {
                    relevant |=
                            targets.contains(ref(grant.path("binding"))) || targets.contains(ref(grant.path("role")));
                }
                if (relevant && shape.path("nonResourceURL").isMissingNode() && commands.size() < COMMANDS) {
                    String resource = shape.path("resource").asText()
                            + (shape.path("apiGroup").asText().isEmpty()
                                    ? ""
                                    : "." + shape.path("apiGroup").asText());
                    commands.add("kubectl auth can-i --as="
                            + ShellWords.quote(subject.path("username").asText()) + " "
                            + ShellWords.quote(shape.path("verb").asText()) + " " + ShellWords.quote(resource)
                            + (shape.path("subresource").asText().isEmpty()
                                    ? ""
                                    : " --subresource="
                                            + ShellWords.quote(
                                                    shape.path("subresource").asText()))
                            + (shape.path("namespace").asText().isEmpty()
                                    ? ""
                                    : " -n "
                                            + ShellWords.quote(
                                                    shape.path("namespace").asText()))
                            + "   # expect: yes");
                }
            }
        });
        return new ArrayList<>(commands);
    }

    private static String ref(JsonNode ref) {
        String namespace = ref.path("namespace").asText();
        return ref.path("kind").asText() + "/" + (namespace.isEmpty() ? "" : namespace + "/")
                + ref.path("name").asText();
    }

    private static String esc(String value) {
        return MarkdownReport.text(value);
    }
}
