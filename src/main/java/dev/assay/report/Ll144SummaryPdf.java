package dev.assay.report;

import org.apache.pdfbox.pdmodel.PDDocument;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;

/**
 * The {@link Ll144Summary} as a tagged PDF/A document, with the signed report's canonical JSON and JWS attached so
 * the figures can be checked offline; {@link ReportService#ll144SummaryPdf} signs it (PAdES) like the report.
 */
final class Ll144SummaryPdf {

    private Ll144SummaryPdf() {
    }

    static byte[] render(Ll144Summary s, String canonicalJson, String jws, ReportLayout layout) throws IOException {
        try (ParsedFonts parsed = new ParsedFonts(); PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.setVersion(1.7f);
            TaggedPages w = new TaggedPages(doc, layout, parsed);
            w.line("title", "Summary of the results of a bias audit");
            w.gap(4);
            w.paragraph("body", 0, "NYC Local Law 144 of 2021 (NYC Admin. Code § 20-871) and 6 RCNY §§ 5-301, 5-303.");
            w.gap(8);
            List<ReportLayout.Column> fields = w.columns("fields");
            w.table(List.of("", ""), fields);
            w.row("Automated employment decision tool", s.model() + ", version " + s.version());
            w.row("Date of the bias audit", String.valueOf(s.auditDate()));
            w.row("Distribution date of the tool", s.distributionDateText());
            w.row("Source and explanation of the data", s.dataSourceText());
            w.row("Rows (applicants) in the data", String.format(Locale.ROOT, "%,d", s.rows()));
            for (RateTable t : s.tables()) {
                w.gap(10);
                w.keepTogether(80);
                w.line("heading", Ll144Summary.heading(t));
                w.paragraph("detail", 0, "Reference category (highest rate): " + (t.reference() == null ? "none (no category could serve)"
                        : t.reference()) + ".  Individuals of unknown category: " + (t.unknown() == null ? "not reported"
                        : String.format(Locale.ROOT, "%,d", t.unknown())) + ".  " + t.selectedMeans() + "."
                        + (t.rounding() == null ? "" : "  Values rounded to " + t.rounding() + " as the audit asked."));
                List<ReportLayout.Column> base = w.columns("rates");
                // The summary's columns: category, applicants, selected, rate, impact ratio, status (no interval: 5-303 asks none).
                List<ReportLayout.Column> widths = new ArrayList<>(List.of(base.get(0), base.get(1), base.get(2), base.get(3), base.get(4),
                        base.get(6)));
                w.table(List.of("category", "applicants", "selected", t.rateMetric().equals("scoring_rate") ? "scoring rate"
                        : "selection rate", "impact ratio", "status"), widths);
                for (RateTable.Row r : t.rows()) {
                    w.row(r.category(), r.rowsText(), r.selectedText(), r.rateText(), r.ratioText(), r.status());
                    if (!r.why().isEmpty() && !r.status().equals("too small")) {
                        w.spanningRow("note", 24, r.why());
                    }
                }
            }
            w.gap(10);
            w.paragraph("detail", 0, "Categories under 2% of the data are excluded from the impact-ratio calculation as 6 RCNY § 5-301"
                    + " permits; their counts and rates are still shown. Counts of 1 to 4 are suppressed to protect individuals. The law"
                    + " sets no pass mark: ratios under 0.8 are marked for review.");
            w.gap(10);
            w.keepTogether(120);
            w.line("heading", "Verification");
            w.paragraph("body", 0, "Audit " + s.auditId() + ", completed " + s.completedAt() + ".");
            w.paragraph("body", 0, "Signed report (SHA-256) " + s.reportSha256() + "; dataset (SHA-256) " + s.datasetSha256()
                    + "; signing key " + s.keyId() + ". The report and its detached JWS are attached to this file.");
            w.keepFree(layout.signatureBlockTop());
            w.close("NYC LL144 bias audit summary: " + s.model() + " " + s.version() + ", audit " + s.auditId());
            Calendar completed = PadesSigner.calendar(s.completedAt());
            PdfA.attachSignedReport(doc, canonicalJson, jws, "this summary", completed);
            PdfA.identify(doc, "NYC LL144 bias audit summary " + s.auditId(), "Bias audit summary of " + s.model() + " "
                    + s.version(), "Assay", completed);
            doc.save(out);
            return out.toByteArray();
        }
    }
}
