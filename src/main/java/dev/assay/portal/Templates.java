package dev.assay.portal;

import dev.assay.infrastructure.HtmlTemplates;
import jakarta.enterprise.context.ApplicationScoped;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

import java.util.Locale;
import java.util.Map;

/**
 * Thymeleaf templates under {@code portal/templates/} on the class path. Thymeleaf escapes every
 * {@code th:text} value; the only unescaped output ({@code th:utext}) is SVG that {@link Svg} built
 * from escaped parts.
 */
@ApplicationScoped
public class Templates {

    private final TemplateEngine engine = HtmlTemplates.engine("portal/templates/");

    /** Every template has {@code ${fmt}}: numbers and instants written as the PDF writes them ({@link PageFigures}). */
    public String render(String template, Map<String, Object> variables) {
        Context context = new Context(Locale.ENGLISH, variables);
        if (!context.containsVariable("fmt")) {
            context.setVariable("fmt", PageFigures.INSTANCE);
        }
        return engine.process(template, context);
    }
}
