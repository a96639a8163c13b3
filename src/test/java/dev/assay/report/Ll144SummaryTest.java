package dev.assay.report;

import dev.assay.failure.NotFound;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The NYC LL144 summary of {@link AuditorFixture}'s audit: what 6 RCNY 5-303 asks, read from the signed report. */
class Ll144SummaryTest {

    private static final String SHA = "e".repeat(64);

    private static Ll144Summary summary(String json) {
        return Ll144Summary.of(ReportDocument.parse(json), SHA);
    }

    @Test
    void theSummaryHasTheAuditDateTheDataAndTheLl144TablesOnly() {
        Ll144Summary s = summary(AuditorFixture.report("approved"));
        assertEquals("hiring", s.model());
        assertEquals("2.0.0", s.version());
        assertEquals(LocalDate.of(2026, 11, 27), s.auditDate());
        assertEquals(AuditorFixture.TOTAL + 17, s.rows());
        assertEquals(SHA, s.reportSha256());
        assertEquals("k-1", s.keyId());
        // The eeoc-four-fifths rule's table is the report's, not the summary's.
        assertEquals(List.of("ll144-impact-ratio|race", "ll144-impact-ratio-intersectional|race*sex"),
                s.tables().stream().map(t -> t.rule() + "|" + t.scope()).toList());
        RateTable race = s.tables().get(0);
        assertEquals("Caucasian", race.reference());
        assertEquals(17L, race.unknown());
        assertNull(s.distributionDate());
        assertTrue(s.distributionDateText().startsWith("not stated in the model card"), s.distributionDateText());
        assertTrue(s.dataSourceText().startsWith("not stated"), s.dataSourceText());
        assertEquals("Selection rates and impact ratios by race × sex", Ll144Summary.heading(s.tables().get(1)));
    }

    @Test
    void theCardsDistributionDateAndDataSourceAreCarried() {
        String json = AuditorFixture.report("approved").replace("\"owner\":\"hr-ml@example.com\"",
                "\"owner\":\"hr-ml@example.com\",\"distributionDate\":\"2026-12-15\",\"evaluationData\":\"Applications of 2025, all offices\"");
        Ll144Summary s = summary(json);
        assertEquals("2026-12-15", s.distributionDateText());
        assertEquals("Applications of 2025, all offices", s.dataSourceText());
    }

    @Test
    void anAuditWithoutTheLl144PackHasNoSummary() throws Exception {
        String sample = Files.readString(Path.of("reports/samples/loan-approval-1.1.0.report.json"));
        NotFound e = assertThrows(NotFound.class, () -> summary(sample));
        assertTrue(e.getMessage().contains("nyc-ll144"), e.getMessage());
    }

    @Test
    void theHtmlPageShowsEveryCategoryWithItsCountsRatesAndRatiosEscaped() {
        String json = AuditorFixture.report("approved").replace("Caucasian", "<b>Caucasian</b>");
        Ll144Summary s = summary(json);
        String html = Ll144SummaryHtml.render(s);
        assertTrue(html.contains("Summary of the results of a bias audit"));
        assertTrue(html.contains("2026-11-27"), "the date of the audit");
        assertFalse(html.contains("<b>Caucasian"), "a category name is data, never markup");
        assertTrue(html.contains("&lt;b&gt;Caucasian&lt;/b&gt;"));
        for (RateTable t : s.tables()) {
            assertTrue(html.contains(Ll144Summary.heading(t)), t.scope());
            for (RateTable.Row r : t.rows()) {
                String row = html.substring(html.indexOf(escaped(r.category()) + "</th>"));
                row = row.substring(0, row.indexOf("</tr>"));
                for (String cell : List.of(r.rowsText(), r.selectedText(), r.rateText(), r.ratioText())) {
                    assertTrue(row.contains(">" + escaped(cell) + "<"), r.category() + " lacks " + cell + ": " + row);
                }
            }
        }
        assertTrue(html.contains(SHA));
        assertFalse(html.contains("<script"), "a page to publish runs nothing");
    }

    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Test
    void thePdfSaysTheSameAndCarriesTheSignedReport() throws Exception {
        String json = AuditorFixture.report("approved");
        Ll144Summary s = summary(json);
        byte[] pdf = Ll144SummaryPdf.render(s, json, "jws-text", ReportLayout.standard());
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertTrue(text.contains("Summary of the results of a bias audit"), text);
            assertTrue(text.contains("Date of the bias audit 2026-11-27"), text);
            assertTrue(text.contains("Selection rates and impact ratios by race"), text);
            // Long category names wrap inside their cell: compared without the line breaks.
            String joined = text.replace(" ", "");
            for (RateTable t : s.tables()) {
                for (RateTable.Row r : t.rows()) {
                    assertTrue(joined.contains(r.category().replace(" ", "")), r.category());
                }
            }
            assertEquals(2, doc.getDocumentCatalog().getNames().getEmbeddedFiles().getNames().size(),
                    "the signed report and its JWS are attached");
        }
    }
}
