package io.kubelpa.report;

import io.kubelpa.output.HiddenCharacters;
import java.util.Locale;

/** The report formats of {@code lpa report -o}. */
public enum ReportFormat {
    HTML,
    MD,
    JSON,
    SARIF,
    JUNIT;

    /** A format by name; {@code markdown} names md, as other tools call it. */
    public static ReportFormat parse(String text) {
        String name = text.trim().toUpperCase(Locale.ROOT);
        try {
            return valueOf(name.equals("MARKDOWN") ? "MD" : name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "report format must be html, md, json, sarif or junit (md may be written markdown), not '" + text
                            + "'");
        }
    }

    public String render(ReportModel model, String version, String failOn) {
        return render(model, version, failOn, false);
    }

    /** {@code failOn} and {@code includePlatform}: the --fail-on gate a JUnit report fails by. */
    public String render(ReportModel model, String version, String failOn, boolean includePlatform) {
        return switch (this) {
            // Read by people: hidden characters in names are shown as codes (the HTML escape of '<' still applies).
            case HTML ->
                HiddenCharacters.visible(new HtmlReport().render(model, version))
                        .replace("<U+", "&lt;U+");
            case MD -> HiddenCharacters.visible(new MarkdownReport().render(model));
            case JSON -> new JsonReport().render(model);
            case SARIF -> new SarifReport().render(model, version);
            case JUNIT -> new JunitReport().render(model, failOn, includePlatform);
        };
    }
}
