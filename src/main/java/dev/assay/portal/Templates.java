package dev.assay.portal;

import jakarta.enterprise.context.ApplicationScoped;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.util.Locale;
import java.util.Map;

/**
 * Thymeleaf templates under {@code portal/templates/} on the class path. Thymeleaf escapes every
 * {@code th:text} value; the only unescaped output ({@code th:utext}) is SVG that {@link Svg} built
 * from escaped parts.
 */
@ApplicationScoped
public class Templates {

    private final TemplateEngine engine = new TemplateEngine();

    public Templates() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(Templates.class.getClassLoader());
        resolver.setPrefix("portal/templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine.setTemplateResolver(resolver);
    }

    public String render(String template, Map<String, Object> variables) {
        return engine.process(template, new Context(Locale.ENGLISH, variables));
    }
}
