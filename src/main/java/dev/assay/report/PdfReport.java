package dev.assay.report;

import dev.assay.infrastructure.JsonValues;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDNumberTreeNode;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkInfo;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDParentTreeValue;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureTreeRoot;
import org.apache.pdfbox.pdmodel.documentinterchange.taggedpdf.StandardStructureTypes;
import org.apache.pdfbox.pdmodel.interactive.viewerpreferences.PDViewerPreferences;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report as a PDF, rendered from the canonical JSON with PDFBox: the decision stated plainly with
 * the model, dataset and policies it is bound to; every finding; a chart per rule and scope (values,
 * confidence whiskers, the threshold line); the dataset profile; the model card; the methods and
 * parameters; the signature note. The canonical JSON and its JWS are attached as embedded files, so the PDF carries
 * what it was made from. DejaVu Sans is embedded when the system has it; otherwise Helvetica (not
 * embedded). Characters the font cannot draw are shown as '?' (the attached JSON has them exactly).
 */
public final class PdfReport {

    private static final Path DEJAVU = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    private static final Path DEJAVU_BOLD = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf");
    private static final float MARGIN = 50;
    /** The visible signature block at the foot of the last page ends here; PadesSigner draws it. */
    private static final float SIGNATURE_BLOCK_TOP = 100;

    private PdfReport() {
    }

    public static byte[] render(String canonicalJson, JsonObject report, String jws) throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Fonts fonts = fonts(doc);
            Writer w = new Writer(doc, fonts);
            JsonObject model = report.getJsonObject("model");
            JsonObject dataset = report.getJsonObject("dataset");
            String decision = report.getString("decision");
            JsonObject audit = report.getJsonObject("audit");
            // A published table: small cells suppressed (the attached signed JSON keeps every value).
            List<JsonObject> findings = SmallCells.suppress(report.getJsonArray("findings").getValuesAs(JsonObject.class));
            List<JsonObject> waivers = report.containsKey("waivers") ? report.getJsonArray("waivers").getValuesAs(JsonObject.class) : List.of();
            cover(w, fonts, report, model, audit, decision);
            w.newPage();
            executiveSummary(w, fonts, report, model, dataset, findings, waivers, decision);
            w.newPage();
            w.gap(12);
            w.line(fonts.bold, 13, "Bound to");
            w.line(fonts.regular, 10, "Model " + model.getString("name") + " version " + model.getString("version"));
            w.line(fonts.regular, 10, "Model card SHA-256");
            w.line(fonts.regular, 8, "    " + model.getString("cardSha256"));
            w.line(fonts.regular, 10, "Dataset " + dataset.getString("id") + ", " + dataset.getJsonNumber("rows") + " rows, SHA-256");
            w.line(fonts.regular, 8, "    " + dataset.getString("sha256"));
            for (JsonObject p : report.getJsonArray("policies").getValuesAs(JsonObject.class)) {
                w.line(fonts.regular, 10, "Policy " + p.getString("id") + " " + p.getString("version") + ", SHA-256");
                w.line(fonts.regular, 8, "    " + p.getString("sha256"));
                for (JsonObject r : p.getJsonArray("rules").getValuesAs(JsonObject.class)) {
                    for (JsonObject c : r.getJsonArray("cites").getValuesAs(JsonObject.class)) {
                        w.line(fonts.regular, 8, "    " + r.getString("id") + ": " + c.getString("regulation")
                                + (c.isNull("article") ? "" : ", " + c.getString("article")));
                    }
                }
            }
            w.line(fonts.regular, 10, "Audit " + audit.getString("id") + ", completed " + audit.getString("completedAt"));
            w.line(fonts.regular, 10, "Requested by " + audit.getString("requestedBy", "?")
                    + "; version registered by " + model.getString("registeredBy", "?")
                    + "; dataset uploaded by " + dataset.getString("uploadedBy", "?"));
            w.gap(12);
            w.line(fonts.bold, 13, "Findings (" + report.getJsonArray("findings").size() + ")");
            w.row(fonts.bold, 8, "rule", "scope", "group", "value", "threshold", "outcome");
            for (JsonObject f : findings) {
                w.row(fonts.regular, 8, f.getString("rule"), JsonValues.text(f.get("scope"), "-"), JsonValues.text(f.get("group"), "-"), number(f.get("value")),
                        f.getString("comparator") + " " + number(f.get("threshold")), f.getString("outcome").toUpperCase(Locale.ROOT));
                if (f.containsKey("undefined")) {
                    w.line(fonts.regular, 7, "        undefined: " + f.getString("undefined"));
                }
            }
            charts(w, fonts, findings);
            waiversSection(w, fonts, waivers);
            profile(w, fonts, dataset);
            modelCard(w, fonts, model);
            methods(w, fonts, report.getJsonObject("parameters"));
            w.gap(12);
            w.line(fonts.bold, 13, "Signature");
            w.line(fonts.regular, 10, "This PDF carries a PAdES (ETSI.CAdES.detached) signature by the key");
            w.line(fonts.regular, 8, "    " + report.getJsonObject("signing").getString("keyId"));
            w.line(fonts.regular, 10, "Attached: the canonical JSON report (RFC 8785) and its detached JWS; verify them");
            w.line(fonts.regular, 10, "with the public keys at /.well-known/jwks.json, without the Assay server.");
            w.keepFree(SIGNATURE_BLOCK_TOP);
            w.close();
            attach(doc, Map.of("assay-report.json", canonicalJson.getBytes(StandardCharsets.UTF_8),
                    "assay-report.jws", jws.getBytes(StandardCharsets.US_ASCII)));
            doc.getDocumentInformation().setTitle("Assay compliance report " + audit.getString("id"));
            doc.getDocumentInformation().setSubject("Decision " + decision);
            doc.save(out);
            return out.toByteArray();
        }
    }

    private record Fonts(PDFont regular, PDFont bold, boolean unicode) {
    }

    private static Fonts fonts(PDDocument doc) throws IOException {
        if (Files.isReadable(DEJAVU) && Files.isReadable(DEJAVU_BOLD)) {
            return new Fonts(PDType0Font.load(doc, DEJAVU.toFile()), PDType0Font.load(doc, DEJAVU_BOLD.toFile()), true);
        }
        return new Fonts(new PDType1Font(Standard14Fonts.FontName.HELVETICA),
                new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD), false);
    }

    /**
     * Lines of text down A4 pages, a new page when one is full. The document is tagged as it is
     * written (a structure tree of headings and paragraphs in reading order, charts as figures with a
     * text alternative), so screen readers and text extraction follow the report as it reads.
     */
    private static final class Writer {
        private final PDDocument doc;
        private final Fonts fonts;
        private final PDStructureElement document;
        /** Per page (its StructParents key), the structure element of each marked-content id. */
        private final Map<Integer, org.apache.pdfbox.cos.COSArray> parents = new java.util.LinkedHashMap<>();
        private PDPageContentStream stream;
        private PDPage page;
        private int pages;
        private int mcid;
        private boolean inFigure;
        private float y;

        Writer(PDDocument doc, Fonts fonts) throws IOException {
            this.doc = doc;
            this.fonts = fonts;
            PDStructureTreeRoot root = new PDStructureTreeRoot();
            doc.getDocumentCatalog().setStructureTreeRoot(root);
            document = new PDStructureElement(StandardStructureTypes.DOCUMENT, root);
            root.appendKid(document);
            PDMarkInfo mark = new PDMarkInfo();
            mark.setMarked(true);
            doc.getDocumentCatalog().setMarkInfo(mark);
            doc.getDocumentCatalog().setLanguage("en");
            PDViewerPreferences preferences = new PDViewerPreferences(new org.apache.pdfbox.cos.COSDictionary());
            preferences.setDisplayDocTitle(true);
            doc.getDocumentCatalog().setViewerPreferences(preferences);
            newPage();
        }

        void newPage() throws IOException {
            if (stream != null) {
                stream.close();
            }
            page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            page.getCOSObject().setInt(COSName.STRUCT_PARENTS, pages);
            parents.put(pages++, new org.apache.pdfbox.cos.COSArray());
            mcid = 0;
            stream = new PDPageContentStream(doc, page);
            y = page.getMediaBox().getHeight() - MARGIN;
        }

        /** A new structure element of this page whose content is the next marked-content sequence. */
        private int tag(String type, String alternative) {
            PDStructureElement element = new PDStructureElement(type, document);
            element.setPage(page);
            if (alternative != null) {
                element.setAlternateDescription(alternative);
            }
            element.appendKid(mcid);
            document.appendKid(element);
            parents.get(pages - 1).add(element);
            return mcid++;
        }

        /** Starts a chart: everything drawn until {@link #endFigure()} is one figure, read as {@code alternative}. */
        void beginFigure(String alternative) throws IOException {
            stream.beginMarkedContent(COSName.getPDFName(StandardStructureTypes.Figure), tag(StandardStructureTypes.Figure, alternative));
            inFigure = true;
        }

        void endFigure() throws IOException {
            stream.endMarkedContent();
            inFigure = false;
        }

        /** Reserves {@code height} points below the current line (a new page when they do not fit); returns the top. */
        float take(float height) throws IOException {
            if (y - height < MARGIN) {
                newPage();
            }
            float top = y;
            y -= height;
            return top;
        }

        PDPageContentStream stream() {
            return stream;
        }

        void text(PDFont font, float size, float x, float baseline, String text) throws IOException {
            String type = size >= 13 ? StandardStructureTypes.H1 : StandardStructureTypes.P;
            if (!inFigure) {
                stream.beginMarkedContent(COSName.getPDFName(type), tag(type, null));
            }
            stream.beginText();
            stream.setFont(font, size);
            stream.newLineAtOffset(x, baseline);
            stream.showText(printable(font, text));
            stream.endText();
            if (!inFigure) {
                stream.endMarkedContent();
            }
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

        void line(PDFont font, float size, String text) throws IOException {
            if (y - size < MARGIN) {
                newPage();
            }
            y -= size * 1.3f;
            text(font, size, MARGIN, y, text);
        }

        /** Text wrapped at word boundaries to the page width, each line indented by {@code indent} points. */
        void paragraph(PDFont font, float size, float indent, String text) throws IOException {
            float width = PDRectangle.A4.getWidth() - 2 * MARGIN - indent;
            String printable = printable(font, text);
            StringBuilder line = new StringBuilder();
            for (String word : printable.split(" ")) {
                String candidate = line.length() == 0 ? word : line + " " + word;
                if (line.length() > 0 && font.getStringWidth(candidate) / 1000 * size > width) {
                    wrappedLine(font, size, indent, line.toString());
                    line.setLength(0);
                    line.append(word);
                } else {
                    line.setLength(0);
                    line.append(candidate);
                }
            }
            if (line.length() > 0) {
                wrappedLine(font, size, indent, fit(font, size, line.toString(), width));
            }
        }

        private void wrappedLine(PDFont font, float size, float indent, String text) throws IOException {
            if (y - size < MARGIN) {
                newPage();
            }
            y -= size * 1.3f;
            text(font, size, MARGIN + indent, y, text);
        }

        /** Left edges of the findings table's columns, in points from the margin. */
        private static final float[] COLUMNS = {0, 145, 220, 310, 365, 425};

        /** One table row: each cell clipped to its column with an ellipsis, so columns stay aligned in any font. */
        void row(PDFont font, float size, String... cells) throws IOException {
            if (y - size < MARGIN) {
                newPage();
            }
            y -= size * 1.4f;
            for (int i = 0; i < cells.length; i++) {
                float width = (i + 1 < COLUMNS.length ? COLUMNS[i + 1] - COLUMNS[i] : PDRectangle.A4.getWidth() - 2 * MARGIN - COLUMNS[i]) - 6;
                text(font, size, MARGIN + COLUMNS[i], y, fit(font, size, printable(font, cells[i]), width));
            }
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

        void close() throws IOException {
            stream.close();
            PDNumberTreeNode parentTree = new PDNumberTreeNode(PDParentTreeValue.class);
            Map<Integer, org.apache.pdfbox.pdmodel.common.COSObjectable> byPage = new java.util.LinkedHashMap<>(parents);
            parentTree.setNumbers(byPage);
            PDStructureTreeRoot root = doc.getDocumentCatalog().getStructureTreeRoot();
            root.setParentTree(parentTree);
            root.setParentTreeNextKey(pages);
        }
    }

    /** The first page: what this is and the decision, stated plainly. */
    private static void cover(Writer w, Fonts fonts, JsonObject report, JsonObject model, JsonObject audit, String decision)
            throws IOException {
        w.gap(120);
        w.line(fonts.bold, 22, "Assay compliance report");
        w.gap(6);
        w.line(fonts.regular, 13, "Model " + model.getString("name") + ", version " + model.getString("version"));
        w.gap(40);
        w.line(fonts.bold, 32, "Decision: " + decision);
        w.gap(4);
        w.line(fonts.regular, 12, switch (decision) {
            case "PASS" -> "Every rule passed.";
            case "WARN" -> "No blocking rule failed; some results need a reviewer's attention.";
            default -> "At least one blocking rule failed: this version should not be released as it is.";
        });
        if (!report.getJsonArray("reasons").isEmpty()) {
            w.line(fonts.regular, 12, "Rules behind it: " + String.join(", ", strings(report.getJsonArray("reasons"))));
        }
        w.gap(60);
        w.line(fonts.regular, 10, "Audit " + audit.getString("id"));
        w.line(fonts.regular, 10, "Completed " + audit.getString("completedAt") + (report.get("assay") instanceof JsonObject assay
                ? " by Assay " + assay.getString("version", "?") : ""));
        w.line(fonts.regular, 10, "Signed with key " + report.getJsonObject("signing").getString("keyId"));
    }

    /** One page: what was audited, the tally, every failed or undecided finding in words, the waivers. */
    private static void executiveSummary(Writer w, Fonts fonts, JsonObject report, JsonObject model, JsonObject dataset,
                                         List<JsonObject> findings, List<JsonObject> waivers, String decision) throws IOException {
        w.line(fonts.bold, 18, "Executive summary");
        w.gap(6);
        w.line(fonts.regular, 11, "Decision: " + decision + ".");
        w.line(fonts.regular, 11, "Audited: " + model.getString("name") + " " + model.getString("version") + " on "
                + dataset.getJsonNumber("rows") + " rows (" + dataset.getString("role", "evaluation") + " dataset, SHA-256 "
                + dataset.getString("sha256", "?").substring(0, Math.min(16, dataset.getString("sha256", "?").length())) + "...)");
        List<JsonObject> policies = report.getJsonArray("policies").getValuesAs(JsonObject.class);
        w.line(fonts.regular, 11, "Against: " + String.join(", ", policies.stream()
                .map(p -> p.getString("title", p.getString("id")) + " " + p.getString("version")).toList()));
        DecisionSummary.Tally tally = DecisionSummary.tally(findings);
        w.line(fonts.regular, 11, "Findings: " + tally.passed() + " passed, " + tally.failed() + " failed, "
                + tally.undecided() + " could not be decided.");
        w.gap(10);
        List<DecisionSummary.Line> lines = DecisionSummary.lines(policies, findings);
        w.line(fonts.bold, 13, lines.isEmpty() ? "Nothing failed" : "Why");
        int shown = 0;
        for (DecisionSummary.Line line : lines) {
            if (shown == 24) {
                w.line(fonts.regular, 9, "... and " + (lines.size() - shown) + " more in the findings section.");
                break;
            }
            w.line(fonts.bold, 9, (line.outcome().equals("fail") ? "FAILS  " : "UNDECIDED  ") + line.rule() + " (" + line.severity() + ")");
            w.paragraph(fonts.regular, 9, 14, line.sentence());
            shown++;
        }
        w.gap(10);
        long inForce = waivers.stream().filter(x -> x.getString("status").equals("approved")).count();
        w.line(fonts.bold, 13, "Waivers");
        w.line(fonts.regular, 10, waivers.isEmpty() ? "No waiver existed for this version when the audit finished."
                : waivers.size() + " waiver(s) recorded, " + inForce + " in force when the audit finished; see the waivers section.");
        w.gap(10);
        w.line(fonts.bold, 13, "Checking this report");
        w.line(fonts.regular, 10, "The PDF is signed (PAdES); the canonical JSON and its JWS are attached. Anyone can verify");
        w.line(fonts.regular, 10, "them without the Assay server, with the published keys (see the signature page).");
    }

    /** Every waiver of the version when the audit finished, with who asked, who decided and why. */
    private static void waiversSection(Writer w, Fonts fonts, List<JsonObject> waivers) throws IOException {
        w.gap(12);
        w.line(fonts.bold, 13, "Waivers (" + waivers.size() + ")");
        if (waivers.isEmpty()) {
            w.line(fonts.regular, 10, "No waiver existed for this version when the audit finished.");
            return;
        }
        for (JsonObject x : waivers) {
            w.line(fonts.bold, 9, x.getString("rule") + ": " + x.getString("status").toUpperCase(Locale.ROOT) + " until " + x.getString("expiresAt"));
            w.line(fonts.regular, 8, "    requested by " + x.getString("requestedBy") + " at " + x.getString("requestedAt"));
            w.paragraph(fonts.regular, 8, 14, "justification: " + x.getString("justification"));
            if (x.get("decision") instanceof JsonObject d) {
                w.paragraph(fonts.regular, 8, 14, d.getString("outcome") + " by " + d.getString("by") + " at " + d.getString("at")
                        + ": " + d.getString("comment"));
            }
        }
    }

    /**
     * One chart per rule and scope: each group's value as a bar (red when it fails), its confidence
     * interval as a whisker, and the rule's threshold as a vertical line, so the four-fifths picture
     * is seen at a glance. Undefined values get no bar, only the word.
     */
    private static void charts(Writer w, Fonts fonts, List<JsonObject> findings) throws IOException {
        List<FindingChart> charts = FindingChart.of(findings);
        if (charts.isEmpty()) {
            return;
        }
        w.gap(12);
        w.line(fonts.bold, 13, "Charts");
        for (FindingChart chart : charts) {
            float rowHeight = 12;
            float top = w.take(rowHeight * chart.bars().size() + 30);
            w.beginFigure(chart.title() + ": " + String.join("; ", chart.bars().stream().map(b -> (b.group() == null ? "-" : b.group())
                    + " " + (b.value() == null ? "undefined" : String.format(Locale.ROOT, "%.4f", b.value()))).toList()));
            PDPageContentStream cs = w.stream();
            float labelWidth = 110;
            float x0 = MARGIN + labelWidth;
            float width = PDRectangle.A4.getWidth() - 2 * MARGIN - labelWidth - 60;
            w.text(fonts.bold, 9, MARGIN, top - 10, chart.title());
            float y = top - 26;
            for (FindingChart.Bar bar : chart.bars()) {
                w.text(fonts.regular, 8, MARGIN, y + 2, Writer.fit(fonts.regular, 8,
                        Writer.printable(fonts.regular, bar.group() == null ? "-" : bar.group()), labelWidth - 6));
                if (bar.value() != null) {
                    cs.setNonStrokingColor(bar.fails() ? new java.awt.Color(200, 40, 40) : new java.awt.Color(110, 130, 160));
                    cs.addRect(x0, y, (float) (chart.fraction(bar.value()) * width), rowHeight - 4);
                    cs.fill();
                    cs.setNonStrokingColor(java.awt.Color.BLACK);
                    w.text(fonts.regular, 7, x0 + width + 6, y + 2, String.format(Locale.ROOT, "%.3f", bar.value()));
                } else {
                    w.text(fonts.regular, 7, x0 + 2, y + 2, "undefined");
                }
                if (bar.low() != null && bar.high() != null) {
                    float mid = y + (rowHeight - 4) / 2;
                    float a = x0 + (float) (chart.fraction(bar.low()) * width);
                    float b = x0 + (float) (chart.fraction(bar.high()) * width);
                    cs.setLineWidth(0.8f);
                    cs.moveTo(a, mid);
                    cs.lineTo(b, mid);
                    cs.moveTo(a, mid - 3);
                    cs.lineTo(a, mid + 3);
                    cs.moveTo(b, mid - 3);
                    cs.lineTo(b, mid + 3);
                    cs.stroke();
                }
                y -= rowHeight;
            }
            float tx = x0 + (float) (chart.fraction(chart.threshold()) * width);
            cs.setStrokingColor(new java.awt.Color(200, 40, 40));
            cs.setLineDashPattern(new float[] {3, 2}, 0);
            cs.moveTo(tx, top - 16);
            cs.lineTo(tx, y + rowHeight - 2);
            cs.stroke();
            cs.setLineDashPattern(new float[] {}, 0);
            cs.setStrokingColor(java.awt.Color.BLACK);
            w.text(fonts.regular, 7, tx + 2, top - 18, chart.comparator() + " " + String.format(Locale.ROOT, "%.2f", chart.threshold()));
            w.endFigure();
            w.gap(6);
            if (chart.grid().isPresent()) {
                heatMap(w, fonts, chart);
            }
        }
    }

    /**
     * A two-attribute intersection as a grid: rows are the first attribute's values, columns the
     * second's; every cell carries its number (or "undefined" / "no rows"), the shade only repeats it.
     */
    private static void heatMap(Writer w, Fonts fonts, FindingChart chart) throws IOException {
        FindingChart.Grid grid = chart.grid().orElseThrow();
        float labelWidth = 110;
        float cellWidth = Math.min(70, (PDRectangle.A4.getWidth() - 2 * MARGIN - labelWidth) / grid.columns().size());
        float cellHeight = 14;
        float top = w.take(cellHeight * (grid.rows().size() + 1) + 24);
        w.beginFigure(chart.title() + ": heat map of " + grid.rowAttribute() + " by " + grid.columnAttribute());
        PDPageContentStream cs = w.stream();
        w.text(fonts.bold, 9, MARGIN, top - 10, chart.title() + ": heat map (" + grid.rowAttribute() + " x " + grid.columnAttribute() + ")");
        float y = top - 26;
        float x = MARGIN + labelWidth;
        for (String c : grid.columns()) {
            w.text(fonts.regular, 7, x + 2, y + 3, Writer.fit(fonts.regular, 7, Writer.printable(fonts.regular, c), cellWidth - 4));
            x += cellWidth;
        }
        for (String r : grid.rows()) {
            y -= cellHeight;
            w.text(fonts.regular, 7, MARGIN, y + 4, Writer.fit(fonts.regular, 7, Writer.printable(fonts.regular, r), labelWidth - 6));
            x = MARGIN + labelWidth;
            for (String c : grid.columns()) {
                FindingChart.Cell cell = grid.cell(r, c);
                cs.setNonStrokingColor(switch (cell.shade()) {
                    case "fail" -> new java.awt.Color(251, 217, 217);
                    case "pass" -> new java.awt.Color(213, 240, 220);
                    default -> new java.awt.Color(230, 230, 230);
                });
                cs.addRect(x, y, cellWidth - 2, cellHeight - 2);
                cs.fill();
                cs.setNonStrokingColor(java.awt.Color.BLACK);
                w.text(fonts.regular, 7, x + 3, y + 4, Writer.printable(fonts.regular, cell.label().replace("\u2716", "FAIL")));
                x += cellWidth;
            }
        }
        w.endFigure();
        w.gap(6);
    }

    private static void profile(Writer w, Fonts fonts, JsonObject dataset) throws IOException {
        if (!(dataset.get("columns") instanceof JsonArray columns)) {
            return;
        }
        w.gap(12);
        w.line(fonts.bold, 13, "Dataset profile");
        w.line(fonts.regular, 9, dataset.getJsonNumber("rows") + " rows" + (dataset.containsKey("format")
                ? ", uploaded as " + JsonValues.text(dataset.get("format"), "-") : "") + (dataset.containsKey("bytes")
                ? ", " + dataset.getJsonNumber("bytes") + " bytes" : ""));
        w.row(fonts.bold, 8, "column", "type", "nulls", "mean", "std", "min / median / max");
        for (JsonObject c : columns.getValuesAs(JsonObject.class)) {
            if (c.get("numeric") instanceof JsonObject n) {
                w.row(fonts.regular, 8, c.getString("name"), JsonValues.text(c.get("type"), "-"), JsonValues.text(c.get("nulls"), "-"), short4(n.get("mean")),
                        short4(n.get("std")), short4(n.get("min")) + " / " + (n.get("median") instanceof JsonNumber
                                ? short4(n.get("median")) + (n.containsKey("quartileSample") ? "*" : "") : "(none)") + " / " + short4(n.get("max")));
            } else {
                w.row(fonts.regular, 8, c.getString("name"), JsonValues.text(c.get("type"), "-"), JsonValues.text(c.get("nulls"), "-"), "", "", "");
            }
        }
        if (columns.getValuesAs(JsonObject.class).stream().anyMatch(c -> c.get("numeric") instanceof JsonObject n
                && n.containsKey("quartileSample"))) {
            w.line(fonts.regular, 8, "* median of a repeatable random sample of " + columns.getValuesAs(JsonObject.class).stream()
                    .filter(c -> c.get("numeric") instanceof JsonObject n && n.containsKey("quartileSample"))
                    .map(c -> c.getJsonObject("numeric").getJsonNumber("quartileSample").toString()).findFirst().orElse("")
                    + " rows; every other figure is exact");
        }
    }

    /** The model card's scalar fields, flattened to dotted paths; the exact card is in the attached JSON. */
    private static void modelCard(Writer w, Fonts fonts, JsonObject model) throws IOException {
        if (!(model.get("card") instanceof JsonObject card)) {
            return;
        }
        w.gap(12);
        w.line(fonts.bold, 13, "Model card");
        List<String> lines = new ArrayList<>();
        flatten("", card, lines);
        for (String l : lines.subList(0, Math.min(60, lines.size()))) {
            w.line(fonts.regular, 8, l);
        }
        if (lines.size() > 60) {
            w.line(fonts.regular, 8, "... " + (lines.size() - 60) + " more fields in the attached report JSON");
        }
    }

    private static void flatten(String prefix, JsonValue v, List<String> out) {
        if (v instanceof JsonObject o) {
            o.forEach((k, child) -> flatten(prefix.isEmpty() ? k : prefix + "." + k, child, out));
        } else if (v instanceof JsonArray a) {
            for (int i = 0; i < a.size(); i++) {
                flatten(prefix + "[" + i + "]", a.get(i), out);
            }
        } else {
            String value = JsonValues.text(v, "-");
            out.add(prefix + ": " + (value.length() > 90 ? value.substring(0, 90) + "..." : value));
        }
    }

    private static void methods(Writer w, Fonts fonts, JsonObject parameters) throws IOException {
        w.gap(12);
        w.line(fonts.bold, 13, "Methods");
        w.line(fonts.regular, 9, "Metrics are named as in Fairlearn and AIF360; a rate with no rows to divide by is undefined, never 0.");
        w.line(fonts.regular, 9, "Groups smaller than the minimum group size are reported as undefined rather than judged.");
        w.line(fonts.regular, 9, "Small-cell suppression: a value resting on fewer than " + SmallCells.K + " rows is not shown in");
        w.line(fonts.regular, 9, "this document's tables and charts; the attached signed JSON keeps every exact value for auditors.");
        w.line(fonts.regular, 9, "Confidence intervals: Wilson for rates, Newcombe for differences, Katz for ratios; p-values are");
        w.line(fonts.regular, 9, "adjusted for multiple comparisons (Benjamini-Hochberg) where a rule asks for significance.");
        if (parameters != null) {
            List<String> lines = new ArrayList<>();
            flatten("", parameters, lines);
            w.line(fonts.regular, 9, "Parameters of this audit (alpha is the generalized entropy index's, not a significance level):");
            for (String l : lines) {
                w.line(fonts.regular, 8, "    " + l);
            }
        }
    }

    private static void attach(PDDocument doc, Map<String, byte[]> files) throws IOException {
        PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
        Map<String, PDComplexFileSpecification> specs = new java.util.TreeMap<>();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            PDEmbeddedFile embedded = new PDEmbeddedFile(doc, new ByteArrayInputStream(f.getValue()));
            embedded.setSubtype(f.getKey().endsWith(".json") ? "application/json" : "application/jose");
            embedded.setSize(f.getValue().length);
            PDComplexFileSpecification spec = new PDComplexFileSpecification();
            spec.setFile(f.getKey());
            spec.setFileUnicode(f.getKey());
            spec.setEmbeddedFile(embedded);
            specs.put(f.getKey(), spec);
        }
        tree.setNames(specs);
        PDDocumentNameDictionary names = new PDDocumentNameDictionary(doc.getDocumentCatalog());
        names.setEmbeddedFiles(tree);
        doc.getDocumentCatalog().setNames(names);
    }

    private static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>();
        a.getValuesAs(JsonString.class).forEach(s -> out.add(s.getString()));
        return out;
    }

    /** Four significant digits, for profile figures of any magnitude; "undefined" when absent. */
    private static String short4(JsonValue v) {
        return v instanceof JsonNumber n ? new java.math.BigDecimal(n.doubleValue()).round(new java.math.MathContext(4))
                .stripTrailingZeros().toPlainString() : "undefined";
    }

    private static String number(JsonValue v) {
        return v instanceof JsonNumber n ? String.format(Locale.ROOT, "%.4f", n.doubleValue()) : "undefined";
    }
}
