package dev.assay.report;

import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@link Ll144Summary} as a standalone HTML page, ready to publish on an employment section of a website
 * (6 RCNY § 5-303): no portal chrome, no script, styles inline, tables with captions and header cells. Thymeleaf
 * escapes every value (a category name is data).
 */
public final class Ll144SummaryHtml {

    private static final TemplateEngine ENGINE = engine();

    private Ll144SummaryHtml() {
    }

    private static TemplateEngine engine() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(Ll144SummaryHtml.class.getClassLoader());
        resolver.setPrefix("report/templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        TemplateEngine engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }

    public static String render(Ll144Summary summary) {
        Map<String, String> headings = new LinkedHashMap<>();
        summary.tables().forEach(t -> headings.put(t.rule() + "|" + t.scope(), Ll144Summary.heading(t)));
        return ENGINE.process("ll144-summary", new Context(Locale.ENGLISH, Map.of("s", summary, "headings", headings)));
    }
}
