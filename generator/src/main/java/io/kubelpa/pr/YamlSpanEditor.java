package io.kubelpa.pr;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Edits to one manifest file as replacements of text spans found from the parser's node positions,
 * so everything not changed (comments, key order, quoting, other documents) stays byte-identical.
 * Edits are collected, then applied from the end of the file backwards.
 */
final class YamlSpanEditor {
    private record Span(int start, int end, String replacement) {}

    private final String text;
    private final List<Span> spans = new ArrayList<>();
    private final StringBuilder appended = new StringBuilder();

    YamlSpanEditor(String text) {
        this.text = text;
    }

    /** Replaces the {@code rules:} entry of a role's document with these rules, at the same indentation. */
    void replaceRules(ManifestDocument document, List<PolicyRule> rules) {
        NodeTuple tuple = ManifestIndex.tuple(document.node(), "rules")
                .orElseThrow(() -> new IllegalStateException(document.ref() + " has no rules: in " + document.file()));
        int keyStart = YamlText.offset(text, tuple.getKeyNode().getStartMark());
        int lineStart = YamlText.lineStart(text, keyStart);
        String keyIndent = text.substring(lineStart, keyStart);
        Node value = tuple.getValueNode();
        int valueStart = YamlText.offset(text, value.getStartMark());
        int valueEnd = YamlText.offset(text, value.getEndMark());
        boolean block = value instanceof SequenceNode sequence
                && !sequence.getFlowStyle().equals(org.yaml.snakeyaml.DumperOptions.FlowStyle.FLOW)
                && !((SequenceNode) value).getValue().isEmpty();
        if (block) {
            int itemIndent = valueStart - YamlText.lineStart(text, valueStart);
            int end = contentEnd(valueEnd);
            spans.add(new Span(keyStart, end, "rules:\n" + YamlText.rules(rules, itemIndent)));
        } else {
            // A flow list (or an empty one): the new rules go in block style under the key, to the line's end.
            spans.add(new Span(
                    keyStart,
                    YamlText.lineEnd(text, valueEnd),
                    "rules:\n" + YamlText.rules(rules, keyIndent.length() + 2)));
        }
    }

    /** Points a binding's roleRef at another role (kind and name scalars replaced in place). */
    void replaceRoleRef(ManifestDocument document, String kind, String name) {
        MappingNode roleRef = ManifestIndex.value(document.node(), "roleRef")
                .filter(MappingNode.class::isInstance)
                .map(MappingNode.class::cast)
                .orElseThrow(() ->
                        new IllegalStateException(document.ref() + " has no roleRef mapping in " + document.file()));
        replaceScalar(roleRef, "kind", kind);
        replaceScalar(roleRef, "name", name);
    }

    private void replaceScalar(MappingNode mapping, String key, String value) {
        Node node = ManifestIndex.value(mapping, key)
                .orElseThrow(() -> new IllegalStateException("no " + key + ": to replace"));
        if (!(node instanceof ScalarNode scalar)) {
            throw new IllegalStateException(key + " is not a scalar");
        }
        if (scalar.getValue().equals(value)) {
            return;
        }
        spans.add(new Span(
                YamlText.offset(text, node.getStartMark()),
                YamlText.offset(text, node.getEndMark()),
                YamlText.scalar(value)));
    }

    /**
     * Removes a document: its lines, the comment lines right above it, and one {@code ---} separator
     * (the one before it, or the one after it when it is the first document).
     */
    void deleteDocument(ManifestDocument document) {
        if (document.listItem()) {
            // An item of a List: its lines, from the one with its dash.
            int start = YamlText.lineStart(
                    text, YamlText.offset(text, document.node().getStartMark()));
            spans.add(new Span(
                    start, contentEnd(YamlText.offset(text, document.node().getEndMark())), ""));
            return;
        }
        int start =
                YamlText.lineStart(text, YamlText.offset(text, document.node().getStartMark()));
        while (start > 0) {
            int previous = YamlText.lineStart(text, start - 1);
            String line = text.substring(previous, start);
            if (line.strip().startsWith("#")) {
                start = previous;
            } else {
                break;
            }
        }
        int end = contentEnd(YamlText.offset(text, document.node().getEndMark()));
        if (start > 0) {
            int previous = YamlText.lineStart(text, start - 1);
            if (text.substring(previous, start).strip().equals("---")) {
                start = previous;
            }
        } else {
            int next = end;
            while (next < text.length()
                    && text.substring(next, YamlText.lineEnd(text, next))
                            .strip()
                            .isEmpty()) {
                next = YamlText.lineEnd(text, next);
            }
            if (next < text.length()
                    && text.substring(next, YamlText.lineEnd(text, next))
                            .strip()
                            .equals("---")) {
                end = YamlText.lineEnd(text, next);
            }
        }
        spans.add(new Span(start, end, ""));
    }

    /** Adds documents at the end of the file. */
    void append(String yamlDocuments) {
        appended.append("---\n").append(yamlDocuments.endsWith("\n") ? yamlDocuments : yamlDocuments + "\n");
    }

    String apply() {
        List<Span> ordered = new ArrayList<>(spans);
        ordered.sort(Comparator.comparingInt(Span::start).reversed());
        StringBuilder out = new StringBuilder(text);
        int limit = Integer.MAX_VALUE;
        for (Span span : ordered) {
            if (span.end() > limit) {
                throw new IllegalStateException("overlapping edits in one document");
            }
            out.replace(span.start(), span.end(), span.replacement());
            limit = span.start();
        }
        if (appended.length() > 0) {
            if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                out.append('\n');
            }
            out.append(appended);
        }
        return out.toString();
    }

    /**
     * The end of a block node's content: the parser ends it where the next token starts, so back up to
     * that line's start (or take the rest of a line it ends in), then over trailing blank and comment
     * lines, which belong to what follows.
     */
    private int contentEnd(int endMark) {
        int lineStart = YamlText.lineStart(text, endMark);
        int end = text.substring(lineStart, endMark).isBlank() ? lineStart : YamlText.lineEnd(text, endMark);
        while (end > 0) {
            int previous = YamlText.lineStart(text, end - 1);
            if (previous > 0 && YamlText.blankOrComment(text.substring(previous, end))) {
                end = previous;
            } else {
                break;
            }
        }
        return end;
    }
}
