package io.kubelpa.pr;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;

/** Small pieces of YAML text: safe scalars, rules in the compact block style people write by hand, positions. */
final class YamlText {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9.:_/-]*");
    private static final List<String> RESERVED =
            List.of("y", "n", "yes", "no", "on", "off", "true", "false", "null", "~");

    private YamlText() {}

    /** A scalar as YAML: plain when that cannot be misread, double-quoted (JSON escapes) otherwise. */
    static String scalar(String value) {
        if (PLAIN.matcher(value).matches()
                && !RESERVED.contains(value.toLowerCase(java.util.Locale.ROOT))
                && !value.endsWith(":")) {
            return value;
        }
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + "\"";
    }

    static String flowList(List<String> values) {
        return "["
                + String.join(
                        ", ",
                        values.stream()
                                .map(v -> "\""
                                        + new String(
                                                JsonStringEncoder.getInstance().quoteAsString(v)) + "\"")
                                .toList())
                + "]";
    }

    /** Rules as a block sequence whose dashes sit at {@code itemIndent}, each field a flow list. */
    static String rules(List<PolicyRule> rules, int itemIndent) {
        StringBuilder out = new StringBuilder();
        String dash = " ".repeat(itemIndent) + "- ";
        String field = " ".repeat(itemIndent + 2);
        for (PolicyRule rule : rules) {
            List<String> lines = new java.util.ArrayList<>();
            line(lines, "apiGroups", rule.getApiGroups());
            line(lines, "resources", rule.getResources());
            line(lines, "resourceNames", rule.getResourceNames());
            line(lines, "nonResourceURLs", rule.getNonResourceURLs());
            line(lines, "verbs", rule.getVerbs());
            for (int i = 0; i < lines.size(); i++) {
                out.append(i == 0 ? dash : field).append(lines.get(i)).append('\n');
            }
        }
        return out.toString();
    }

    private static void line(List<String> lines, String key, List<String> values) {
        if (values != null && !values.isEmpty()) {
            lines.add(key + ": " + flowList(values));
        }
    }

    /** The string offset of a parser mark (marks count code points). */
    static int offset(String text, Mark mark) {
        return text.offsetByCodePoints(0, Math.min(mark.getIndex(), text.codePointCount(0, text.length())));
    }

    static int lineStart(String text, int offset) {
        int start = offset;
        while (start > 0 && text.charAt(start - 1) != '\n') {
            start--;
        }
        return start;
    }

    static int lineEnd(String text, int offset) {
        int end = text.indexOf('\n', offset);
        return end < 0 ? text.length() : end + 1;
    }

    static boolean blankOrComment(String line) {
        String trimmed = line.strip();
        return trimmed.isEmpty() || trimmed.startsWith("#");
    }
}
