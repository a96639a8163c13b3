package dev.assay.report;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.COSObjectable;
import org.apache.pdfbox.pdmodel.common.PDNumberTreeNode;
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

    /** Figure text clipped with an ellipsis to {@code width} points. */
    void figureText(String style, float x, float baseline, String text, float width) throws IOException {
        PDFont font = font(style);
        figureText(style, x, baseline, fit(font, layout.style(style).size(), printable(font, text), width));
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

    void line(String style, String text) throws IOException {
        table = null;
        advance(layout.style(style).size(), 1.3f);
        tagged(document, style, layout.margin(), y, text);
    }

    /** Text wrapped at word boundaries to the page width, each line indented by {@code indent} points. */
    void paragraph(String style, float indent, String text) throws IOException {
        table = null;
        PDFont font = font(style);
        float size = layout.style(style).size();
        float width = width() - indent;
        List<String> lines = wrap(font, size, printable(font, text), width);
        for (int i = 0; i < lines.size(); i++) {
            advance(size, 1.3f);
            tagged(document, style, layout.margin() + indent, y, i < lines.size() - 1 ? lines.get(i) : fit(font, size, lines.get(i), width));
        }
    }

    /** Lines of {@code text} broken at spaces, each within {@code width} but for a single word wider than it. */
    private static List<String> wrap(PDFont font, float size, String text, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (line.length() > 0 && font.getStringWidth(candidate) / 1000 * size > width) {
                lines.add(line.toString());
                line.setLength(0);
                line.append(word);
            } else {
                line.setLength(0);
                line.append(candidate);
            }
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** Starts the layout's table {@code name}: a Table element and its header row. */
    void table(String name) throws IOException {
        columns = layout.table(name);
        table = child(document, StandardStructureTypes.TABLE);
        cells("tableHeader", columns.stream().map(ReportLayout.Column::header).toArray(String[]::new));
    }

    /** One row of the current table: each cell clipped to its column with an ellipsis, so columns stay aligned. */
    void row(String... cells) throws IOException {
        if (table == null) {
            throw new IllegalStateException("a row outside a table");
        }
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + columns.size() + " columns");
        }
        cells("tableCell", cells);
    }

    /** A row of the current table with one cell across every column: a note on the row above it. */
    void spanningRow(String style, float indent, String text) throws IOException {
        advance(layout.style(style).size(), 1.4f);
        PDStructureElement row = child(table, StandardStructureTypes.TR);
        PDStructureElement cell = child(row, StandardStructureTypes.TD);
        PDTableAttributeObject span = new PDTableAttributeObject();
        span.setColSpan(columns.size());
        cell.addAttribute(span);
        PDFont font = font(style);
        stream.beginMarkedContent(COSName.getPDFName(StandardStructureTypes.TD), mark(cell));
        show(style, layout.margin() + indent, y, fit(font, layout.style(style).size(), printable(font, text), width() - indent));
        stream.endMarkedContent();
    }

    /** A note on the row above that may be long: wrapped at word boundaries, one spanning row per line. */
    void wrappedSpanningRows(String style, float indent, String text) throws IOException {
        PDFont font = font(style);
        for (String line : wrap(font, layout.style(style).size(), printable(font, text), width() - indent)) {
            spanningRow(style, indent, line);
        }
    }

    private void cells(String style, String... texts) throws IOException {
        float size = layout.style(style).size();
        advance(size, 1.4f);
        PDStructureElement row = child(table, StandardStructureTypes.TR);
        PDFont font = font(style);
        float x = 0;
        for (int i = 0; i < texts.length; i++) {
            Float declared = columns.get(i).width();
            float width = (declared == null ? width() - x : declared) - 6;
            String type = layout.style(style).tag();
            PDStructureElement cell = child(row, type);
            if (type.equals(StandardStructureTypes.TH)) {
                PDTableAttributeObject scope = new PDTableAttributeObject();
                scope.setScope(PDTableAttributeObject.SCOPE_COLUMN);
                cell.addAttribute(scope);
            }
            stream.beginMarkedContent(COSName.getPDFName(type), mark(cell));
            show(style, layout.margin() + x, y, fit(font, size, printable(font, texts[i]), width));
            stream.endMarkedContent();
            x += declared == null ? 0 : declared;
        }
    }

    /** Makes {@code element}'s content this page's next marked-content sequence. */
    private int mark(PDStructureElement element) {
        element.setPage(page);
        element.appendKid(mcid);
        parents.get(pages - 1).add(element);
        return mcid++;
    }

    static String fit(PDFont font, float size, String text, float width) throws IOException {
        if (font.getStringWidth(text) / 1000 * size <= width) {
            return text;
        }
        String cut = text;
        while (!cut.isEmpty() && font.getStringWidth(cut + "...") / 1000 * size > width) {
            cut = cut.substring(0, cut.offsetByCodePoints(cut.length(), -1));
        }
        return cut + "...";
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

    /** Closes the last page and writes the parent tree that maps marked content back to its elements. */
    void close() throws IOException {
        stream.close();
        PDNumberTreeNode parentTree = new PDNumberTreeNode(PDParentTreeValue.class);
        Map<Integer, COSObjectable> byPage = new LinkedHashMap<>(parents);
        parentTree.setNumbers(byPage);
        PDStructureTreeRoot root = doc.getDocumentCatalog().getStructureTreeRoot();
        root.setParentTree(parentTree);
        root.setParentTreeNextKey(pages);
    }
}
