package dev.assay.report;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
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
 * The report as a PDF, rendered from the canonical JSON with PDFBox: a first page stating the
 * decision plainly with the model, dataset and policies it is bound to, then every finding, then the
 * signature note. The canonical JSON and its JWS are attached as embedded files, so the PDF carries
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
            w.line(fonts.bold, 20, "Assay compliance report");
            w.gap(10);
            w.line(fonts.bold, 28, "Decision: " + decision);
            w.line(fonts.regular, 11, switch (decision) {
                case "PASS" -> "Every rule passed.";
                case "WARN" -> "No blocking rule failed; some results need a reviewer's attention.";
                default -> "At least one blocking rule failed: this version should not be released as it is.";
            });
            if (!report.getJsonArray("reasons").isEmpty()) {
                w.line(fonts.regular, 11, "Reasons: " + String.join(", ", strings(report.getJsonArray("reasons"))));
            }
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
            JsonObject audit = report.getJsonObject("audit");
            w.line(fonts.regular, 10, "Audit " + audit.getString("id") + ", completed " + audit.getString("completedAt"));
            w.gap(12);
            w.line(fonts.bold, 13, "Findings (" + report.getJsonArray("findings").size() + ")");
            w.row(fonts.bold, 8, "rule", "scope", "group", "value", "threshold", "outcome");
            for (JsonObject f : report.getJsonArray("findings").getValuesAs(JsonObject.class)) {
                w.row(fonts.regular, 8, f.getString("rule"), text(f.get("scope")), text(f.get("group")), number(f.get("value")),
                        f.getString("comparator") + " " + number(f.get("threshold")), f.getString("outcome").toUpperCase(Locale.ROOT));
                if (f.containsKey("undefined")) {
                    w.line(fonts.regular, 7, "        undefined: " + f.getString("undefined"));
                }
            }
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

    /** Lines of text down A4 pages, a new page when one is full. */
    private static final class Writer {
        private final PDDocument doc;
        private final Fonts fonts;
        private PDPageContentStream stream;
        private float y;

        Writer(PDDocument doc, Fonts fonts) throws IOException {
            this.doc = doc;
            this.fonts = fonts;
            newPage();
        }

        private void newPage() throws IOException {
            if (stream != null) {
                stream.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            stream = new PDPageContentStream(doc, page);
            y = page.getMediaBox().getHeight() - MARGIN;
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
            stream.beginText();
            stream.setFont(font, size);
            stream.newLineAtOffset(MARGIN, y);
            stream.showText(printable(font, text));
            stream.endText();
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
                String cell = fit(font, size, printable(font, cells[i]), width);
                stream.beginText();
                stream.setFont(font, size);
                stream.newLineAtOffset(MARGIN + COLUMNS[i], y);
                stream.showText(cell);
                stream.endText();
            }
        }

        private static String fit(PDFont font, float size, String text, float width) throws IOException {
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
        private static String printable(PDFont font, String text) {
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

    private static String text(JsonValue v) {
        return v == null || v == JsonValue.NULL ? "-" : v instanceof JsonString s ? s.getString() : v.toString();
    }

    private static String number(JsonValue v) {
        return v instanceof JsonNumber n ? String.format(Locale.ROOT, "%.4f", n.doubleValue()) : "undefined";
    }
}
