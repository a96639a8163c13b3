package dev.assay.infrastructure;

import org.thymeleaf.TemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * A Thymeleaf engine over HTML templates on the class path, UTF-8, cached: the portal's pages and the report's
 * publishable pages are made the same way. Thymeleaf escapes every {@code th:text} value.
 */
public final class HtmlTemplates {

    private HtmlTemplates() {
    }

    /** @param prefix the class-path folder of the templates, ending with {@code /} (a template is {@code <prefix><name>.html}) */
    public static TemplateEngine engine(String prefix) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(HtmlTemplates.class.getClassLoader());
        resolver.setPrefix(prefix);
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        TemplateEngine engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }
}
