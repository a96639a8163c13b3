package dev.assay.registry.formats;

import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The sections of a Markdown document, by its headings as CommonMark reads them (ATX {@code ## Uses} and setext
 * headings at the top level of the document; never a {@code #} line inside a fenced code block or a quote). Each
 * section's own text is its Markdown source from below its heading to the next heading of any level.
 */
final class MarkdownSections {

    /**
     * @param path    the titles of the enclosing sections and its own, outermost first
     * @param level   1 to 6; 0 for the text before the first heading
     * @param heading the heading's source line(s), as written
     * @param text    its own Markdown, trimmed of blank lines around it (subsections not included)
     */
    record Section(List<String> path, int level, String heading, String text) {

        Section {
            path = List.copyOf(path);
        }

        String title() {
            return path.isEmpty() ? "" : path.get(path.size() - 1);
        }

        /** {@code #Title > Subtitle}; {@code #} for the text before the first heading. */
        String pointer() {
            return "#" + String.join(" > ", path);
        }
    }

    private static final Parser PARSER = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build();

    private MarkdownSections() {
    }

    /** The sections in document order, the text before the first heading first (its level 0, its path empty). */
    static List<Section> of(String markdown) {
        String text = markdown.replace("\r\n", "\n").replace('\r', '\n');
        String[] lines = text.split("\n", -1);
        List<Heading> headings = new ArrayList<>();
        for (Node n = PARSER.parse(text).getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof Heading h && !h.getSourceSpans().isEmpty()) {
                headings.add(h);
            }
        }
        List<Section> sections = new ArrayList<>();
        int preambleEnd = headings.isEmpty() ? lines.length : first(headings.get(0));
        sections.add(new Section(List.of(), 0, "", join(lines, 0, preambleEnd)));
        Deque<Section> open = new ArrayDeque<>();
        for (int i = 0; i < headings.size(); i++) {
            Heading h = headings.get(i);
            while (!open.isEmpty() && open.peek().level() >= h.getLevel()) {
                open.pop();
            }
            List<String> path = new ArrayList<>(open.isEmpty() ? List.of() : open.peek().path());
            path.add(title(h));
            int end = i + 1 < headings.size() ? first(headings.get(i + 1)) : lines.length;
            Section s = new Section(path, h.getLevel(), join(lines, first(h), last(h) + 1).strip(), join(lines, last(h) + 1, end));
            sections.add(s);
            open.push(s);
        }
        return sections;
    }

    private static int first(Heading h) {
        return h.getSourceSpans().get(0).getLineIndex();
    }

    private static int last(Heading h) {
        List<SourceSpan> spans = h.getSourceSpans();
        return spans.get(spans.size() - 1).getLineIndex();
    }

    /** Lines {@code from} (inclusive) to {@code to} (exclusive), without the blank lines at either end. */
    private static String join(String[] lines, int from, int to) {
        while (from < to && lines[from].isBlank()) {
            from++;
        }
        while (to > from && lines[to - 1].isBlank()) {
            to--;
        }
        return String.join("\n", java.util.Arrays.asList(lines).subList(from, to));
    }

    /** The heading's words, without its Markdown ({@code ## *Uses*} is "Uses"). */
    private static String title(Heading h) {
        StringBuilder b = new StringBuilder();
        collect(h, b);
        return b.toString().strip();
    }

    private static void collect(Node node, StringBuilder b) {
        for (Node n = node.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof Text t) {
                b.append(t.getLiteral());
            } else if (n instanceof Code c) {
                b.append(c.getLiteral());
            } else {
                collect(n, b);
            }
        }
    }
}
