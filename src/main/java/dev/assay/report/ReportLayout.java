package dev.assay.report;

import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report PDF's layout as {@code reports/layout.yaml} states it: page, embedded fonts, text styles
 * with their structure tags, colours, table columns and the fixed wording. Read once and checked when
 * first used, so a broken layout fails at start-up with the key it lacks, not halfway through a report.
 */
public record ReportLayout(PDRectangle pageSize, float margin, float signatureBlockTop, Map<String, byte[]> fonts,
                           Map<String, Style> styles, Map<String, Color> colors, Map<String, List<Column>> tables,
                           Map<String, Object> text) {

    public static final String RESOURCE = "reports/layout.yaml";

    /** A text style: which of {@link #fonts} it uses, its size in points, and the structure tag of its text. */
    public record Style(String font, float size, String tag) {
    }

    /** A table column: its header and width in points; no width means the rest of the line. */
    public record Column(String header, Float width) {
    }

    private static final class Holder {
        static final ReportLayout DEFAULT = load(RESOURCE);
    }

    public static ReportLayout standard() {
        return Holder.DEFAULT;
    }

    static ReportLayout load(String resource) {
        return load(resource, ReportLayout.class.getClassLoader());
    }

    /** The layout at {@code resource}, its fonts too, found through {@code loader}. */
    static ReportLayout load(String resource, ClassLoader loader) {
        try (InputStream in = resource(loader, resource)) {
            Map<String, Object> root = map(new Load(LoadSettings.builder().setAllowDuplicateKeys(false).build()).loadFromInputStream(in), resource);
            Map<String, Object> page = map(root.get("page"), "page");
            PDRectangle size = switch (string(page, "size")) {
                case "A4" -> PDRectangle.A4;
                case "LETTER" -> PDRectangle.LETTER;
                default -> throw new IllegalStateException(resource + ": page.size must be A4 or LETTER");
            };
            Map<String, byte[]> fonts = new LinkedHashMap<>();
            map(root.get("fonts"), "fonts").forEach((name, path) -> fonts.put(name, bytes(loader, String.valueOf(path))));
            Map<String, Style> styles = new LinkedHashMap<>();
            map(root.get("styles"), "styles").forEach((name, value) -> {
                Map<String, Object> s = map(value, "styles." + name);
                String font = string(s, "font");
                if (!fonts.containsKey(font)) {
                    throw new IllegalStateException(resource + ": styles." + name + ".font names no font: " + font);
                }
                styles.put(name, new Style(font, number(s, "size"), string(s, "tag")));
            });
            Map<String, Color> colors = new LinkedHashMap<>();
            map(root.get("colors"), "colors").forEach((name, hex) -> colors.put(name, Color.decode(String.valueOf(hex))));
            Map<String, List<Column>> tables = new LinkedHashMap<>();
            map(root.get("tables"), "tables").forEach((name, columns) -> tables.put(name, ((List<?>) columns).stream()
                    .map(c -> map(c, "tables." + name))
                    .map(c -> new Column(string(c, "header"), c.containsKey("width") ? number(c, "width") : null)).toList()));
            return new ReportLayout(size, number(page, "margin"), number(page, "signatureBlockTop"), Map.copyOf(fonts),
                    Map.copyOf(styles), Map.copyOf(colors), Map.copyOf(tables), map(root.get("text"), "text"));
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }

    public Style style(String name) {
        return required(styles, name, "styles");
    }

    public Color color(String name) {
        return required(colors, name, "colors");
    }

    public List<Column> table(String name) {
        return required(tables, name, "tables");
    }

    public byte[] font(String name) {
        return required(fonts, name, "fonts");
    }

    /** A single line of wording, {@code path} dotted ("decisionMeaning.PASS"), placeholders filled. */
    public String text(String path, Map<String, String> values) {
        Object node = text;
        for (String part : path.split("\\.")) {
            node = map(node, "text." + path).get(part);
        }
        if (node == null) {
            throw new IllegalStateException(RESOURCE + ": text." + path + " is missing");
        }
        return fill(String.valueOf(node), values);
    }

    /** Lines of wording, placeholders filled. */
    public List<String> lines(String key, Map<String, String> values) {
        if (!(text.get(key) instanceof List<?> lines)) {
            throw new IllegalStateException(RESOURCE + ": text." + key + " must be a list of lines");
        }
        return lines.stream().map(l -> fill(String.valueOf(l), values)).toList();
    }

    private static String fill(String template, Map<String, String> values) {
        String out = template;
        for (Map.Entry<String, String> v : values.entrySet()) {
            out = out.replace("{" + v.getKey() + "}", v.getValue());
        }
        return out;
    }

    private static <T> T required(Map<String, T> map, String name, String section) {
        T value = map.get(name);
        if (value == null) {
            throw new IllegalStateException(RESOURCE + ": " + section + "." + name + " is missing");
        }
        return value;
    }

    private static InputStream resource(ClassLoader loader, String path) throws IOException {
        InputStream in = loader.getResourceAsStream(path);
        if (in == null) {
            throw new IOException("not on the classpath: " + path);
        }
        return in;
    }

    private static byte[] bytes(ClassLoader loader, String path) {
        try (InputStream in = resource(loader, path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String where) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new IllegalStateException(RESOURCE + ": " + where + " must be a mapping");
        }
        return (Map<String, Object>) m;
    }

    private static String string(Map<String, Object> map, String key) {
        Object v = map.get(key);
        if (v == null) {
            throw new IllegalStateException(RESOURCE + ": " + key + " is missing");
        }
        return String.valueOf(v);
    }

    private static float number(Map<String, Object> map, String key) {
        if (!(map.get(key) instanceof Number n)) {
            throw new IllegalStateException(RESOURCE + ": " + key + " must be a number");
        }
        return n.floatValue();
    }
}
