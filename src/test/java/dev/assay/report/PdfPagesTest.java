package dev.assay.report;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report PDF as a reader sees it: its pages rendered to images (nothing drawn beyond the right margin, no
 * near-blank last page) and its text extracted (full group names, "Page i of n" on every page, the regulators'
 * tables, the decision beside the gate with waivers), signed and conforming to PDF/A-3a like every report.
 */
class PdfPagesTest {

    private static final float DPI = 72;

    @TempDir
    Path dir;

    private static byte[] render(String json) throws Exception {
        JsonObject report = Json.createReader(new StringReader(json)).readObject();
        return PdfReport.render(json, report, "header..sig");
    }

    private SigningKeys keys() throws Exception {
        return SigningKeys.loadOrCreate(dir.resolve("k.p12"), null, SigningKeys.ALIAS);
    }

    private byte[] signed(byte[] pdf) throws Exception {
        SigningKeys keys = keys();
        return PadesSigner.sign(pdf, keys.signingKey().toECPrivateKey(), keys.certificate(),
                PadesSigner.calendar(Instant.parse("2026-11-27T10:00:00Z")), "Assay", "Assay decision: FAIL");
    }

    private static List<String> pages(byte[] pdf) throws Exception {
        List<String> pages = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFTextStripper text = new PDFTextStripper();
            for (int i = 1; i <= doc.getNumberOfPages(); i++) {
                text.setStartPage(i);
                text.setEndPage(i);
                pages.add(text.getText(doc));
            }
        }
        return pages;
    }

    /** Every page: its rightmost and leftmost inked columns, and the share of its rows with ink, at 72 dpi (1 px = 1 pt). */
    private record Ink(int left, int right, double rowsWithInk, int width) {
    }

    private List<Ink> ink(byte[] pdf, String name) throws Exception {
        List<Ink> inks = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFRenderer renderer = new PDFRenderer(doc);
            for (int i = 0; i < doc.getNumberOfPages(); i++) {
                BufferedImage image = renderer.renderImageWithDPI(i, DPI, ImageType.RGB);
                Files.createDirectories(Path.of("target", "pdf-pages"));
                ImageIO.write(image, "png", Path.of("target", "pdf-pages", name + "-" + (i + 1) + ".png").toFile());
                int left = image.getWidth();
                int right = -1;
                int rows = 0;
                for (int y = 0; y < image.getHeight(); y++) {
                    boolean inked = false;
                    for (int x = 0; x < image.getWidth(); x++) {
                        int rgb = image.getRGB(x, y) & 0xFFFFFF;
                        int r = rgb >> 16 & 0xFF;
                        int g = rgb >> 8 & 0xFF;
                        int b = rgb & 0xFF;
                        if (r < 235 || g < 235 || b < 235) {
                            left = Math.min(left, x);
                            right = Math.max(right, x);
                            inked = true;
                        }
                    }
                    rows += inked ? 1 : 0;
                }
                inks.add(new Ink(left, right, (double) rows / image.getHeight(), image.getWidth()));
            }
        }
        return inks;
    }

    private void readsLikeAnAudit(byte[] pdf, String name) throws Exception {
        float margin = ReportLayout.standard().margin();
        List<Ink> inks = ink(pdf, name);
        for (int i = 0; i < inks.size(); i++) {
            Ink ink = inks.get(i);
            // One point of antialiasing beside the margin, no more: nothing runs off the text column.
            assertTrue(ink.right() <= ink.width() - margin + 1, name + " page " + (i + 1) + " inked up to x=" + ink.right()
                    + " of " + ink.width() + " (right margin at " + (ink.width() - margin) + ")");
            assertTrue(ink.left() >= margin - 1, name + " page " + (i + 1) + " inked from x=" + ink.left());
        }
        // The last page is a page of text with the signature under it, not a page holding a block alone.
        Ink last = inks.get(inks.size() - 1);
        assertTrue(last.rowsWithInk() > 0.15, name + ": the last page has ink on " + last.rowsWithInk() + " of its rows");
        List<String> pages = pages(pdf);
        for (int i = 0; i < pages.size(); i++) {
            assertTrue(pages.get(i).contains("Page " + (i + 1) + " of " + pages.size()), name + " page " + (i + 1) + ":\n" + pages.get(i));
        }
    }

    @Test
    void anLl144ReportWrapsNeverCutsNamesAndNumbersEveryPage() throws Exception {
        byte[] pdf = signed(render(AuditorFixture.report("approved")));
        readsLikeAnAudit(pdf, "ll144");
        String text = String.join("\n", pages(pdf));
        // Wrapped lines read as one: what is tested is that the words are there, whole.
        String flat = text.replaceAll("\\s+", " ");
        // Both intersection names whole (the old table and chart cut both to "African-American*..."); a long one wrapped, not cut.
        assertTrue(text.contains("African-American*Female"), text);
        assertTrue(text.contains("African-American*Male"), text);
        assertTrue(!text.contains("African-American*..."), text);
        assertTrue(flat.contains("Asian or Pacific Islander (self-described)*Male"), text);
        // The regulators' table: counts, the rate and ratio rounded as asked with the exact value beside, the reference, the unknown count.
        assertTrue(flat.contains("Reference category: Caucasian."), text);
        assertTrue(flat.contains("Unknown category: 17 rows."), text);
        assertTrue(flat.contains("Selected: decision is advance (the model card's favourable outcome)."), text);
        assertTrue(flat.contains("African-American 2,000 660 0.33 (0.3300) 0.63 (0.6253)"), text);
        assertTrue(flat.contains("excluded: 1.04% of the data"), text);
        // Findings with n, interval and adjusted p; each rule's own parameters beside it.
        assertTrue(flat.contains("95% interval threshold adjusted p outcome"), text);
        assertTrue(text.contains("< 0.0001"), text);
        assertTrue(flat.contains("exclude below share 0.02"), text);
        // The decision as signed beside the gate with the waiver in force, in one sentence; the waiver's approver and expiry.
        assertTrue(text.contains("Decision (as signed): FAIL.") && text.contains("in force when the audit finished: WARN."), text);
        assertTrue(flat.contains("approved by ada until 2026-12-20 10:00 UTC"), text);
        assertTrue(text.contains("Failures waived (") && text.contains("Warnings (") && text.contains("Undefined results ("), text);
        // The model card as a table of fields in words.
        assertTrue(flat.contains("Intended use Ranking applicants"), text);
        assertTrue(flat.contains("Columns id: applicant; prediction: decision; protected: race, sex"), text);
        List<String> failed = VeraPdf.pdfA3aViolations(pdf);
        assertTrue(failed.isEmpty(), String.join("\n", failed));
        chartsAndFiguresReadAsThePortalWritesThem(text, flat);
        ReportSigner.Verification v = PadesVerifier.verify(pdf, keys().publicJwks());
        assertTrue(v.valid(), v.reason());
    }

    /**
     * The charts: parity and the threshold labelled, each group's n beside its label, the undefined groups' reasons,
     * the axis's ticks; numbers through the one formatter; instants in UTC, saying so; the profile's categories.
     */
    private static void chartsAndFiguresReadAsThePortalWritesThem(String text, String flat) {
        assertTrue(flat.contains("1 (parity)") && flat.contains("threshold >= 0.8"), text);
        // Race: 660 / 2,000 selected against Caucasian's 950 / 1,800, so 0.33 / 0.52778 = 0.62526 -> 0.6253.
        assertTrue(flat.contains("African-American (n = 2,000)"), text);
        assertTrue(flat.contains("FAIL 0.6253"), text);
        // The intersection's label wrapped, whole, with its n.
        assertTrue(flat.contains("African-American*Female (n = 600)"), text);
        assertTrue(flat.contains("Asian or Pacific Islander (self-described)*Male (n = 40)"), text);
        // Native American (3 rows) is a small cell: its count and value are not published, the chart says why.
        assertTrue(flat.contains("Native American (n < 5)"), text);
        assertTrue(flat.contains("race Native American < 5 undefined"), "nor its count in the findings table: " + text);
        assertTrue(flat.contains("undefined: fewer than 5 rows: the value is not shown here"), text);
        // The four-fifths chart (reference Asian, rate 30 / 40 = 0.75): African-American 0.33 / 0.75 = 0.44, Caucasian
        // 0.52778 / 0.75 = 0.7037 with its interval up to 0.7741; the axis ends at 1.1 x 1.0 (parity), so ticks every 0.2.
        assertTrue(flat.contains("four-fifths-impact-ratio by race African-American (n = 2,000) FAIL 0.4400 Caucasian (n = 1,800) FAIL 0.7037"),
                text);
        assertTrue(flat.contains("0 0.2 0.4 0.6 0.8 1 1 (parity) threshold >= 0.8"), text);
        assertTrue(flat.contains("Completed 2026-11-27 10:00 UTC") && flat.contains("completed 2026-11-27 10:00 UTC"), text);
        assertTrue(flat.contains("requested by olive at 2026-11-20 10:00 UTC"), text);
        assertTrue(flat.contains("3,860 rows"), text);
        assertTrue(flat.contains("categories: Caucasian 4,000 \u00b7 African-American 2,000 \u00b7 Hispanic 1,200 \u00b7 "
                + "2 more categories: 300 rows"), text);
        // age: an integer column's extremes as counts, its mean to four significant digits.
        assertTrue(flat.contains("age BIGINT 0 38.56 11.20 18 / 37 / 1,234,567"), text);
    }

    @Test
    void theDemoReportReadsLikeAnAuditToo() throws Exception {
        String json = Files.readString(Path.of("reports", "samples", "loan-approval-1.0.0.report.json"));
        byte[] pdf = signed(render(json));
        readsLikeAnAudit(pdf, "demo");
        assertTrue(pages(pdf).size() >= 3);
    }

    @Test
    void longUnbrokenTextWrapsAtCharacters() throws Exception {
        var font = org.apache.pdfbox.pdmodel.font.PDType0Font.load(new PDDocument(),
                new java.io.ByteArrayInputStream(ReportLayout.standard().font("regular")));
        List<String> lines = TaggedPages.wrap(font, 8, "x".repeat(400) + " tail", 100);
        assertTrue(lines.size() > 3, lines.toString());
        for (String line : lines) {
            assertTrue(font.getStringWidth(line) / 1000 * 8 <= 100, line);
        }
        // Nothing lost: the pieces put together are the text (the break before "tail" was its space).
        assertEquals("x".repeat(400) + "tail", String.join("", lines).replace(" ", ""));
    }
}
