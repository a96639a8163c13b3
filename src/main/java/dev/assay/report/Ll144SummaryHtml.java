package dev.assay.report;

import dev.assay.infrastructure.HtmlTemplates;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@link Ll144Summary} as a standalone HTML page, ready to publish on an employment section of a website
 * (6 RCNY § 5-303): no portal chrome, no script, styles inline, tables with captions and header cells. Thymeleaf
 * escapes every value (a category name is data).
 */
public final class Ll144SummaryHtml {

    private static final TemplateEngine ENGINE = HtmlTemplates.engine("report/templates/");

    private Ll144SummaryHtml() {
    }

    public static String render(Ll144Summary summary) {
        Map<String, String> headings = new LinkedHashMap<>();
        summary.tables().forEach(t -> headings.put(t.rule() + "|" + t.scope(), Ll144Summary.heading(t)));
        return ENGINE.process("ll144-summary", new Context(Locale.ENGLISH, Map.of("s", summary, "headings", headings)));
    }
}
