package io.kubelpa.report;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/**
 * The report as one self-contained HTML file (inline CSS, script and chart; no network), from a
 * template compiled at build time whose HTML content type escapes every value it writes.
 */
public final class HtmlReport {
    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);

    public String render(ReportModel model, String version) {
        int maxBar = model.bySeverity().values().stream()
                .mapToInt(Integer::intValue)
                .max()
                .orElse(0);
        StringOutput out = new StringOutput();
        TEMPLATES.render("report.jte", Map.of("model", model, "version", version, "maxBar", maxBar), out);
        return out.toString();
    }
}
