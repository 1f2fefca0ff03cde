package dev.mailblocks.report;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/**
 * The jte templates of {@code src/main/jte}, compiled to classes at build time (jte-maven-plugin),
 * in HTML mode: every {@code ${...}} is escaped for where it stands (element text or attribute).
 */
final class Templates {

    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

    private Templates() {
    }

    /** Renders a template with one parameter. */
    static String render(String name, Object model) {
        StringOutput out = new StringOutput(64 * 1024);
        ENGINE.render(name, model, out);
        return out.toString();
    }
}
