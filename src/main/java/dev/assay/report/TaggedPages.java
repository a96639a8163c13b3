package dev.assay.report;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.COSObjectable;
import org.apache.pdfbox.pdmodel.common.PDNumberTreeNode;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDPropertyList;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkInfo;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDParentTreeValue;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureTreeRoot;
import org.apache.pdfbox.pdmodel.documentinterchange.taggedpdf.PDTableAttributeObject;
import org.apache.pdfbox.pdmodel.documentinterchange.taggedpdf.StandardStructureTypes;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.interactive.viewerpreferences.PDViewerPreferences;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lines of text down the layout's pages, a new page when one is full, tagged as they are written: a
 * structure tree in reading order of headings and paragraphs, tables as Table / TR / TH / TD, charts
 * as figures with a text alternative. Screen readers and text extraction follow the report as it
 * reads, and PDF/A-3a asks for exactly this.
 */
final class TaggedPages {

    private final PDDocument doc;
    private final ReportLayout layout;
    private final Map<String, PDFont> fonts = new LinkedHashMap<>();
    private final PDStructureElement document;
    /** Per page (its StructParents key), the structure element of each marked-content id. */
    private final Map<Integer, COSArray> parents = new LinkedHashMap<>();
    private PDPageContentStream stream;
    private PDPage page;
    private int pages;
    private int mcid;
    private boolean inFigure;
    private float y;
    /** The table being written, or null; any text that is not a row ends it. */
    private PDStructureElement table;
    private List<ReportLayout.Column> columns;
    private String[] header;

    /** @param parsed lends the layout's fonts parsed: keep it open until {@code doc} is saved */
    TaggedPages(PDDocument doc, ReportLayout layout, ParsedFonts parsed) throws IOException {
        this.doc = doc;
        this.layout = layout;
        for (Map.Entry<String, byte[]> font : layout.fonts().entrySet()) {
            fonts.put(font.getKey(), PDType0Font.load(doc, parsed.borrow(font.getValue()), true));
        }
        PDStructureTreeRoot root = new PDStructureTreeRoot();
        doc.getDocumentCatalog().setStructureTreeRoot(root);
        document = new PDStructureElement(StandardStructureTypes.DOCUMENT, root);
        root.appendKid(document);
        PDMarkInfo mark = new PDMarkInfo();
        mark.setMarked(true);
        doc.getDocumentCatalog().setMarkInfo(mark);
        doc.getDocumentCatalog().setLanguage("en");
        PDViewerPreferences preferences = new PDViewerPreferences(new COSDictionary());
        preferences.setDisplayDocTitle(true);
        doc.getDocumentCatalog().setViewerPreferences(preferences);
        newPage();
    }

    PDFont font(String style) {
        return fonts.get(layout.style(style).font());
    }

    float margin() {
        return layout.margin();
    }

    /** Width of the text column between the margins. */
    float width() {
        return layout.pageSize().getWidth() - 2 * layout.margin();
    }

    void newPage() throws IOException {
        if (stream != null) {
            stream.close();
        }
        page = new PDPage(layout.pageSize());
        doc.addPage(page);
        page.getCOSObject().setInt(COSName.STRUCT_PARENTS, pages);
        parents.put(pages++, new COSArray());
        mcid = 0;
        stream = new PDPageContentStream(doc, page);
        y = page.getMediaBox().getHeight() - layout.margin();
    }

    /** A new structure element under {@code parent} whose content is this page's next marked-content sequence. */
    private int tag(PDStructureElement parent, String type, String alternative) {
        PDStructureElement element = new PDStructureElement(type, parent);
        element.setPage(page);
        if (alternative != null) {
            element.setAlternateDescription(alternative);
        }
        element.appendKid(mcid);
        parent.appendKid(element);
        parents.get(pages - 1).add(element);
        return mcid++;
    }

    private PDStructureElement child(PDStructureElement parent, String type) {
        PDStructureElement element = new PDStructureElement(type, parent);
        element.setPage(page);
        parent.appendKid(element);
        return element;
    }

    /** Starts a chart: everything drawn until {@link #endFigure()} is one figure, read as {@code alternative}. */
    void beginFigure(String alternative) throws IOException {
        table = null;
        stream.beginMarkedContent(COSName.getPDFName(StandardStructureTypes.Figure),
                tag(document, StandardStructureTypes.Figure, alternative));
        inFigure = true;
    }

    void endFigure() throws IOException {
        stream.endMarkedContent();
        inFigure = false;
    }

    /** Reserves {@code height} points below the current line (a new page when they do not fit); returns the top. */
    float take(float height) throws IOException {
        if (y - height < layout.margin()) {
            newPage();
        }
        float top = y;
        y -= height;
        return top;
    }

    PDPageContentStream stream() {
        return stream;
    }

    /** Text inside a figure: part of the figure's content, read through its alternative. */
    void figureText(String style, float x, float baseline, String text) throws IOException {
        if (!inFigure) {
            throw new IllegalStateException("figure text outside a figure");
        }
        show(style, x, baseline, text);
    }

    /** Figure text wrapped to {@code width} points: the first line on {@code baseline}, the others below it (see {@link #figureLines}). */
    void figureText(String style, float x, float baseline, String text, float width) throws IOException {
        float b = baseline;
        for (String line : wrap(font(style), layout.style(style).size(), text, width)) {
            figureText(style, x, b, line);
            b -= figureLeading(style);
        }
    }

    /** How many lines {@link #figureText(String, float, float, String, float)} takes for {@code text}. */
    int figureLines(String style, String text, float width) throws IOException {
        return wrap(font(style), layout.style(style).size(), text, width).size();
    }

    /** The distance between wrapped lines of figure text. */
    float figureLeading(String style) {
        return layout.style(style).size() * 1.15f;
    }

    private void show(String style, float x, float baseline, String text) throws IOException {
        PDFont font = font(style);
        stream.beginText();
        stream.setFont(font, layout.style(style).size());
        stream.newLineAtOffset(x, baseline);
        stream.showText(printable(font, text));
        stream.endText();
    }

    private void tagged(PDStructureElement parent, String style, float x, float baseline, String text) throws IOException {
        String type = layout.style(style).tag();
        stream.beginMarkedContent(COSName.getPDFName(type), tag(parent, type, null));
        show(style, x, baseline, text);
        stream.endMarkedContent();
    }

    /** Starts a new page unless the space from the page's foot up to {@code top} is still empty. */
    void keepFree(float top) throws IOException {
        if (y < top + 10) {
            newPage();
        }
    }

    void gap(float points) {
        y -= points;
    }

    private void advance(float size, float leading) throws IOException {
        if (y - size < layout.margin()) {
            newPage();
        }
        y -= size * leading;
    }

    /** A line of text; wrapped like a {@link #paragraph} when it is wider than the page, never run off it. */
    void line(String style, String text) throws IOException {
        paragraph(style, 0, text);
    }

    /** Text wrapped at word boundaries to the page width (a word wider than that at characters), each line indented by {@code indent} points. */
    void paragraph(String style, float indent, String text) throws IOException {
        table = null;
        float size = layout.style(style).size();
        for (String line : wrap(font(style), size, text, width() - indent)) {
            advance(size, 1.3f);
            tagged(document, style, layout.margin() + indent, y, line);
        }
    }

    /** Starts a new page unless {@code height} points still fit below the current line: keeps a block together. */
    void keepTogether(float height) throws IOException {
        if (y - height < layout.margin()) {
            newPage();
        }
    }

    /** How many points of the page are used below the top margin: what a page holds so far. */
    float used() {
        return page.getMediaBox().getHeight() - layout.margin() - y;
    }

    /** The height of one wrapped line of {@code style}, as {@link #paragraph} advances. */
    float lineHeight(String style) {
        return layout.style(style).size() * 1.3f;
    }

    /**
     * {@code text} in lines no wider than {@code width} points: broken at spaces, and a word wider than a line
     * at characters, so nothing is cut and nothing runs past the margin. Characters the font cannot draw are '?'.
     */
    static List<String> wrap(PDFont font, float size, String text, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : printable(font, text).split(" ")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (width(font, size, candidate) <= width) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
            }
            String rest = word;
            while (width(font, size, rest) > width) {
                int end = rest.offsetByCodePoints(0, 1);
                while (end < rest.length() && width(font, size, rest.substring(0, rest.offsetByCodePoints(end, 1))) <= width) {
                    end = rest.offsetByCodePoints(end, 1);
                }
                lines.add(rest.substring(0, end));
                rest = rest.substring(end);
            }
            line.append(rest);
        }
        if (line.length() > 0 || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static float width(PDFont font, float size, String text) throws IOException {
        return font.getStringWidth(text) / 1000 * size;
    }

    /** Starts the layout's table {@code name}: a Table element and its header row. */
    void table(String name) throws IOException {
        table(layout.table(name).stream().map(ReportLayout.Column::header).toList(), layout.table(name));
    }

    /** The layout's columns of table {@code name}. */
    List<ReportLayout.Column> columns(String name) {
        return layout.table(name);
    }

    /** Starts a table of the layout's columns {@code name} with other headers (a table whose columns vary with the report). */
    void table(List<String> headers, List<ReportLayout.Column> widths) throws IOException {
        table = null;
        columns = widths;
        header = headers.toArray(String[]::new);
        table = child(document, StandardStructureTypes.TABLE);
        cells("tableHeader", header);
    }

    /** One row of the current table: each cell wrapped within its column, so nothing is cut and columns stay aligned. */
    void row(String... cells) throws IOException {
        if (table == null) {
            throw new IllegalStateException("a row outside a table");
        }
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + columns.size() + " columns");
        }
        cells("tableCell", cells);
    }

    /** A row of the current table with one cell across every column: a note on the row above it, wrapped. */
    void spanningRow(String style, float indent, String text) throws IOException {
        float size = layout.style(style).size();
        List<String> lines = wrap(font(style), size, text, width() - indent);
        if (y - size * 1.4f * lines.size() < layout.margin()) {
            newPage();
            cells("tableHeader", header);
        }
        PDStructureElement row = child(table, StandardStructureTypes.TR);
        PDStructureElement cell = child(row, StandardStructureTypes.TD);
        PDTableAttributeObject span = new PDTableAttributeObject();
        span.setColSpan(columns.size());
        cell.addAttribute(span);
        stream.beginMarkedContent(COSName.getPDFName(StandardStructureTypes.TD), mark(cell));
        for (String line : lines) {
            y -= size * 1.4f;
            show(style, layout.margin() + indent, y, line);
        }
        stream.endMarkedContent();
    }

    private void cells(String style, String... texts) throws IOException {
        float size = layout.style(style).size();
        PDFont font = font(style);
        List<List<String>> wrapped = new java.util.ArrayList<>();
        float x = 0;
        for (int i = 0; i < texts.length; i++) {
            Float declared = columns.get(i).width();
            wrapped.add(wrap(font, size, texts[i], (declared == null ? width() - x : declared) - 6));
            x += declared == null ? 0 : declared;
        }
        int height = wrapped.stream().mapToInt(List::size).max().orElse(1);
        if (y - size * 1.4f * height < layout.margin()) {
            newPage();
            if (!style.equals("tableHeader")) {
                // The header again at the top of the page the table continues on.
                cells("tableHeader", header);
            }
        }
        float top = y;
        PDStructureElement row = child(table, StandardStructureTypes.TR);
        x = 0;
        for (int i = 0; i < texts.length; i++) {
            Float declared = columns.get(i).width();
            String type = layout.style(style).tag();
            PDStructureElement cell = child(row, type);
            if (type.equals(StandardStructureTypes.TH)) {
                PDTableAttributeObject scope = new PDTableAttributeObject();
                scope.setScope(PDTableAttributeObject.SCOPE_COLUMN);
                cell.addAttribute(scope);
            }
            stream.beginMarkedContent(COSName.getPDFName(type), mark(cell));
            float baseline = top;
            for (String line : wrapped.get(i)) {
                baseline -= size * 1.4f;
                show(style, layout.margin() + x, baseline, line);
            }
            stream.endMarkedContent();
            x += declared == null ? 0 : declared;
        }
        y = top - size * 1.4f * height;
    }

    /** Makes {@code element}'s content this page's next marked-content sequence. */
    private int mark(PDStructureElement element) {
        element.setPage(page);
        element.appendKid(mcid);
        parents.get(pages - 1).add(element);
        return mcid++;
    }

    /** The text with every character the font cannot draw replaced by '?': names may be in any script. */
    static String printable(PDFont font, String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            try {
                font.encode(ch);
                b.append(ch);
            } catch (IOException | IllegalArgumentException | IllegalStateException e) {
                b.append('?');
            }
        });
        return b.toString();
    }

    /**
     * Closes the last page, writes {@code footer} and "Page i of n" at the foot of every page (pagination
     * artifacts: outside the structure tree, as PDF/A-3a asks of page furniture), and writes the parent tree
     * that maps marked content back to its elements.
     */
    void close(String footer) throws IOException {
        stream.close();
        String style = "footer";
        PDFont font = font(style);
        float size = layout.style(style).size();
        int total = doc.getNumberOfPages();
        float baseline = layout.margin() / 2;
        for (int i = 0; i < total; i++) {
            PDPage p = doc.getPage(i);
            try (PDPageContentStream cs = new PDPageContentStream(doc, p, PDPageContentStream.AppendMode.APPEND, true, true)) {
                COSDictionary pagination = new COSDictionary();
                pagination.setName(COSName.TYPE, "Pagination");
                cs.beginMarkedContent(COSName.ARTIFACT, PDPropertyList.create(pagination));
                String number = "Page " + (i + 1) + " of " + total;
                float numberWidth = width(font, size, number);
                String left = wrap(font, size, footer, width() - numberWidth - 12).get(0);
                cs.beginText();
                cs.setFont(font, size);
                cs.newLineAtOffset(layout.margin(), baseline);
                cs.showText(left);
                cs.endText();
                cs.beginText();
                cs.setFont(font, size);
                cs.newLineAtOffset(layout.margin() + width() - numberWidth, baseline);
                cs.showText(number);
                cs.endText();
                cs.endMarkedContent();
            }
        }
        PDNumberTreeNode parentTree = new PDNumberTreeNode(PDParentTreeValue.class);
        Map<Integer, COSObjectable> byPage = new LinkedHashMap<>(parents);
        parentTree.setNumbers(byPage);
        PDStructureTreeRoot root = doc.getDocumentCatalog().getStructureTreeRoot();
        root.setParentTree(parentTree);
        root.setParentTreeNextKey(pages);
    }
}
