package com.telemed.notification.compose;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * Fills the templates in {@code templates/<id>.<lang>.tmpl}: a {@code subject:} line, then a {@code === text} and
 * a {@code === html} section, with {@code {{name}}} placeholders. Values are HTML-escaped in the HTML part (and
 * in the subject shown in the page title); the HTML part is wrapped in {@code templates/layout.html}. Every
 * template is read once, at start-up, so rendering never touches the disk.
 */
@Component
public class TemplateRenderer {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\{?)([a-z_]+)\\}?\\}\\}");

    private final Map<Template, Map<Lang, Parts>> templates = new EnumMap<>(Template.class);
    private final String layout;

    public TemplateRenderer() {
        layout = read("templates/layout.html");
        for (Template template : Template.values()) {
            Map<Lang, Parts> byLang = new EnumMap<>(Lang.class);
            for (Lang lang : Lang.values()) {
                byLang.put(lang, Parts.parse(template.id() + "." + lang.code(),
                        read("templates/" + template.id() + "." + lang.code() + ".tmpl")));
            }
            templates.put(template, byLang);
        }
    }

    public Rendered render(Template template, Lang lang, Map<String, String> values) {
        Parts parts = templates.get(template).get(lang);
        String subject = fill(parts.subject(), values, UnaryOperator.identity());
        String text = fill(parts.text(), values, UnaryOperator.identity());
        String content = fill(parts.html(), values, Html::escape);
        String footer = lang == Lang.EN
                ? "This message was sent by Telemed. Please do not reply to this address."
                : "Este mensaje lo envía Telemed. Por favor, no respondas a esta dirección.";
        String html = fill(layout, Map.of("lang", lang.code(), "subject", subject, "content", content,
                "footer", footer), Html::escape);
        return new Rendered(subject, text, html);
    }

    /** {@code {{name}}} is replaced with the escaped value, {@code {{{name}}}} with the raw one. */
    static String fill(String template, Map<String, String> values, UnaryOperator<String> escape) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(2);
            String value = values.get(name);
            if (value == null) {
                throw new IllegalStateException("No value for placeholder " + name);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1).isEmpty() ? escape.apply(value) : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String read(String resource) {
        try (InputStream in = TemplateRenderer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing template " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Parts(String subject, String text, String html) {
        static Parts parse(String name, String source) {
            String normalised = source.replace("\r\n", "\n");
            int text = normalised.indexOf("\n=== text\n");
            int html = normalised.indexOf("\n=== html\n");
            if (!normalised.startsWith("subject: ") || text < 0 || html < text) {
                throw new IllegalStateException("Template " + name + " is not subject / === text / === html");
            }
            return new Parts(normalised.substring("subject: ".length(), text).trim(),
                    normalised.substring(text + "\n=== text\n".length(), html).strip() + "\n",
                    normalised.substring(html + "\n=== html\n".length()).strip());
        }
    }
}
