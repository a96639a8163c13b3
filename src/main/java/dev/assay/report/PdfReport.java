package dev.assay.report;

import dev.assay.dataset.ColumnProfile;
import dev.assay.infrastructure.Figures;
import dev.assay.infrastructure.JsonValues;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPageContentStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report as a PDF/A-3a document, rendered from the canonical JSON with PDFBox in the layout of
 * {@code reports/layout.yaml}: the decision stated plainly with the model, dataset and policies it is
 * bound to; every finding; a chart per rule and scope (values, confidence whiskers, the threshold
 * line); the dataset profile; the model card; the methods and parameters; the signature note. The
 * canonical JSON and its JWS are attached as associated files, so the PDF carries what it was made
 * from. Fonts are embedded; characters they cannot draw are shown as '?' (the attached JSON has them
 * exactly).
 */
public final class PdfReport {

    private PdfReport() {
    }

    /** The PDF of a report document, the canonical JSON it was written as, and that JSON's detached JWS. */
    public static byte[] render(String canonicalJson, ReportDocument report, String jws) throws IOException {
        return render(canonicalJson, report, jws, ReportLayout.standard());
    }

    /** The PDF of a report read back from its JSON (samples, tests, benches). */
    public static byte[] render(String canonicalJson, JsonObject report, String jws) throws IOException {
        return render(canonicalJson, ReportDocument.of(report), jws);
    }

    static byte[] render(String canonicalJson, ReportDocument report, String jws, ReportLayout layout) throws IOException {
        // The lease first: closed last, once the document that subsets its fonts is saved and closed.
        try (ParsedFonts parsed = new ParsedFonts(); PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.setVersion(1.7f);
            TaggedPages w = new TaggedPages(doc, layout, parsed);
            ReportDocument.Model model = report.model();
            ReportDocument.Dataset dataset = report.dataset();
            ReportDocument.Audit audit = report.audit();
            String decision = report.decision().name();
            // A published table: small cells suppressed (the attached signed JSON keeps every value).
            List<JsonObject> findings = SmallCells.suppress(report.findings());
            List<JsonObject> waivers = report.waivers();
            // The same view the portal renders, with the waivers in force when the audit finished.
            AuditorView view = AuditorView.of(report, AuditorView.reportWaivers(report));
            cover(w, layout, report);
            w.newPage();
            executiveSummary(w, layout, report, view, findings, waivers);
            w.newPage();
            w.gap(12);
            w.line("heading", "Bound to");
            w.line("body", "Model " + model.name() + " version " + model.version());
            w.line("body", "Model card SHA-256");
            w.paragraph("detail", 14, String.valueOf(model.cardSha256()));
            w.line("body", "Dataset " + dataset.id() + ", " + Figures.count(dataset.rows()) + " rows, SHA-256");
            w.paragraph("detail", 14, String.valueOf(dataset.sha256()));
            for (ReportDocument.PolicyRef p : report.policyRefs()) {
                w.line("body", "Policy " + p.id() + " " + p.version() + ", SHA-256");
                w.paragraph("detail", 14, p.sha256());
            }
            w.line("body", "Audit " + audit.id() + ", completed " + Figures.utc(audit.completedAt()));
            w.line("body", "Requested by " + orUnknown(audit.requestedBy())
                    + "; version registered by " + orUnknown(model.registeredBy())
                    + "; dataset uploaded by " + orUnknown(dataset.uploadedBy()));
            for (JsonObject policy : report.policies()) {
                policySection(w, layout, policy, view, findings.stream().filter(f -> policy.getString("id").equals(f.getString("policy", null))).toList());
            }
            changes(w, layout, report);
            waiversSection(w, waivers);
            signOffsSection(w, report.signOffs());
            profile(w, dataset);
            modelCard(w, model);
            methods(w, layout, report.policies(), report.parameters());
            // The signature section and the visible block PadesSigner draws under it stay on one page, and
            // that page is the last page of text, not a page of its own.
            List<String> signature = layout.lines("signature", Map.of("keyId", report.signing().keyId()));
            float needed = 12 + w.lineHeight("heading") + layout.signatureBlockTop() + 10;
            for (String paragraph : signature) {
                needed += w.lineHeight("body") * TaggedPages.wrap(w.font("body"), layout.style("body").size(), paragraph, w.width()).size();
            }
            w.keepTogether(needed);
            w.gap(12);
            w.line("heading", "Signature");
            for (String paragraph : signature) {
                w.paragraph("body", 0, paragraph);
            }
            w.keepFree(layout.signatureBlockTop());
            w.close("Assay compliance report: " + model.name() + " " + model.version() + ", audit " + audit.id()
                    + ", decision " + decision);
            Calendar completed = PadesSigner.calendar(audit.completedAt());
            PdfA.attachSignedReport(doc, canonicalJson, jws, "this PDF", completed);
            PdfA.identify(doc, "Assay compliance report " + audit.id(), "Decision " + decision,
                    ("Assay " + (report.assayVersion() == null ? "" : report.assayVersion())).stripTrailing(), completed);
            doc.save(out);
            return out.toByteArray();
        }
    }

    private static String orUnknown(String name) {
        return name == null ? "?" : name;
    }

    /** The first page: what this is and the decision, stated plainly. */
    private static void cover(TaggedPages w, ReportLayout layout, ReportDocument report) throws IOException {
        String decision = report.decision().name();
        w.gap(120);
        w.line("title", layout.text("title", Map.of()));
        w.gap(6);
        w.line("lead", "Model " + report.model().name() + ", version " + report.model().version());
        w.gap(40);
        w.line("decision", "Decision: " + decision);
        w.gap(4);
        w.line("statement", layout.text("decisionMeaning." + decision, Map.of()));
        if (!report.reasons().isEmpty()) {
            w.line("statement", "Rules behind it: " + String.join(", ", report.reasons()));
        }
        w.gap(60);
        w.line("body", "Audit " + report.audit().id());
        w.line("body", "Completed " + Figures.utc(report.audit().completedAt()) + (report.assayVersion() != null
                ? " by Assay " + report.assayVersion() : ""));
        w.line("body", "Signed with key " + report.signing().keyId());
    }

    /**
     * One page: what was audited, the tally, the decision as signed beside the gate with the waivers in force
     * when the audit finished (the sentence the portal shows too), then blocking failures, waived failures,
     * warnings and undefined results apart, the waivers.
     */
    private static void executiveSummary(TaggedPages w, ReportLayout layout, ReportDocument report, AuditorView view,
                                         List<JsonObject> findings, List<JsonObject> waivers) throws IOException {
        ReportDocument.Dataset dataset = report.dataset();
        String sha = dataset.sha256() == null ? "?" : dataset.sha256();
        DecisionView decision = view.decision();
        w.line("section", "Executive summary");
        w.gap(6);
        w.line("summary", "Decision (as signed): " + decision.signed() + ".   With the waivers in force when the audit finished: "
                + decision.now() + ".");
        w.paragraph("small", 0, decision.sentence());
        w.gap(4);
        w.line("summary", "Audited: " + report.model().name() + " " + report.model().version() + " on "
                + Figures.count(dataset.rows()) + " rows (" + (dataset.role() == null ? "evaluation" : dataset.role()) + " dataset, SHA-256 "
                + sha.substring(0, Math.min(16, sha.length())) + "...)");
        List<JsonObject> policies = report.policies();
        w.line("summary", "Against: " + String.join(", ", policies.stream()
                .map(p -> p.getString("title", p.getString("id")) + " " + p.getString("version")).toList()));
        DecisionSummary.Tally tally = DecisionSummary.tally(findings);
        w.line("summary", "Findings: " + tally.passed() + " passed, " + tally.failed() + " failed, "
                + tally.undecided() + " could not be decided.");
        int[] shown = {0};
        int total = decision.blocking().size() + decision.waived().size() + decision.warnings().size() + decision.undefined().size();
        if (total == 0) {
            w.gap(10);
            w.line("subheading", "Nothing failed");
        }
        items(w, "Blocking failures", decision.blocking(), shown);
        items(w, "Failures waived", decision.waived(), shown);
        items(w, "Warnings", decision.warnings(), shown);
        items(w, "Undefined results", decision.undefined(), shown);
        if (shown[0] < total) {
            w.line("small", "... and " + (total - shown[0]) + " more in the findings section.");
        }
        w.gap(10);
        long inForce = waivers.stream().filter(x -> x.getString("status").equals("approved")).count();
        w.line("subheading", "Waivers");
        w.line("body", waivers.isEmpty() ? "No waiver existed for this version when the audit finished."
                : waivers.size() + " waiver(s) recorded, " + inForce + " in force when the audit finished; see the waivers section.");
        w.gap(10);
        w.line("subheading", "Checking this report");
        for (String paragraph : layout.lines("checking", Map.of())) {
            w.paragraph("body", 0, paragraph);
        }
    }

    /** One list of the executive summary; at most 24 findings in all, so the summary stays one page. */
    private static void items(TaggedPages w, String title, List<DecisionView.Item> items, int[] shown) throws IOException {
        if (items.isEmpty() || shown[0] >= 24) {
            return;
        }
        w.gap(8);
        w.line("subheading", title + " (" + items.size() + ")");
        for (DecisionView.Item item : items) {
            if (shown[0] >= 24) {
                return;
            }
            w.line("smallBold", item.rule() + " (" + item.severity() + (item.blocks() ? ", blocks" : "") + ")"
                    + (item.approvedBy() == null ? "" : ": " + item.waiverText()));
            w.paragraph("small", 14, item.sentence());
            shown[0]++;
        }
    }

    /** Every waiver of the version when the audit finished, with who asked, who decided and why. */
    private static void waiversSection(TaggedPages w, List<JsonObject> waivers) throws IOException {
        w.gap(12);
        w.line("heading", "Waivers (" + waivers.size() + ")");
        if (waivers.isEmpty()) {
            w.line("body", "No waiver existed for this version when the audit finished.");
            return;
        }
        for (JsonObject x : waivers) {
            w.line("smallBold", x.getString("rule") + ": " + x.getString("status").toUpperCase(Locale.ROOT) + " until " + when(x.getString("expiresAt")));
            w.paragraph("detail", 14, "requested by " + x.getString("requestedBy") + " at " + when(x.getString("requestedAt")));
            w.paragraph("detail", 14, "justification: " + x.getString("justification"));
            if (x.get("decision") instanceof JsonObject d) {
                w.paragraph("detail", 14, d.getString("outcome") + " by " + d.getString("by") + " at " + when(d.getString("at"))
                        + ": " + d.getString("comment"));
            }
        }
    }

    /** The sign-offs of the version's earlier audits when this one finished: who signed which off, and what they stated. */
    private static void signOffsSection(TaggedPages w, List<JsonObject> signOffs) throws IOException {
        if (signOffs.isEmpty()) {
            return;
        }
        w.gap(12);
        w.line("heading", "Sign-offs of earlier audits of this version (" + signOffs.size() + ")");
        for (JsonObject s : signOffs) {
            w.line("smallBold", "audit " + s.getString("audit") + ": signed off by " + s.getString("auditor") + " at " + s.getString("signedAt"));
            w.paragraph("detail", 14, s.getString("statement"));
        }
    }

    /**
     * A policy pack's section: for each rule, its parameters and citations beside it, the regulators' table of an
     * impact-ratio rule (per scope), its findings (n, value, interval, threshold, adjusted p, outcome), its charts.
     */
    private static void policySection(TaggedPages w, ReportLayout layout, JsonObject policy, AuditorView view,
                                      List<JsonObject> findings) throws IOException {
        w.gap(12);
        w.line("heading", "Policy: " + policy.getString("title", policy.getString("id")) + " " + policy.getString("version"));
        w.paragraph("detail", 0, policy.getString("id") + ", SHA-256 " + policy.getString("sha256"));
        if (findings.isEmpty()) {
            w.line("body", "No finding: every rule of this policy was out of scope for this dataset.");
        }
        for (JsonObject r : policy.getJsonArray("rules").getValuesAs(JsonObject.class)) {
            List<JsonObject> ofRule = findings.stream().filter(f -> r.getString("id").equals(f.getString("rule", null))).toList();
            w.gap(8);
            // A rule's heading never ends a page: it stays with its parameters and the start of its table.
            w.keepTogether(140);
            w.line("rule", "Rule " + r.getString("id") + " (" + ofRule.size() + " finding" + (ofRule.size() == 1 ? "" : "s") + ")");
            w.paragraph("small", 0, r.getString("description", ""));
            w.paragraph("detail", 0, "Parameters: " + AuditorView.ruleParameters(r));
            for (JsonObject c : r.getJsonArray("cites").getValuesAs(JsonObject.class)) {
                w.paragraph("detail", 0, "Serves " + c.getString("regulation")
                        + (c.isNull("article") ? "" : ", " + c.getString("article")));
            }
            if (ofRule.isEmpty()) {
                w.line("small", "No finding: out of scope for this dataset.");
                continue;
            }
            for (RateTable t : view.tablesOf(policy.getString("id"), r.getString("id"))) {
                rateTable(w, layout, t);
            }
            w.gap(4);
            w.line("smallBold", "Findings");
            w.table("findings");
            for (JsonObject f : ofRule) {
                // A finding within a stratum of the rule's control columns, or about one class, says which.
                String group = JsonValues.text(f.get("group"), "-") + (f.get("stratum") instanceof JsonString st ? " in " + st.getString() : "")
                        + (f.get("class") instanceof JsonString c ? ", class " + c.getString() : "");
                // A small cell's count is not published, as on the portal and in the chart beside it.
                w.row(JsonValues.text(f.get("scope"), "-"), group, SmallCells.small(f) ? "< " + SmallCells.K : count(f.get("n")),
                        number(f.get("value")),
                        interval(f.get("ci")), f.getString("comparator") + " " + plain(f.get("threshold")),
                        f.get("pAdjusted") instanceof JsonNumber ? pValue(f.get("pAdjusted")) : "-",
                        f.getString("outcome").toUpperCase(Locale.ROOT));
                if (f.containsKey("undefined")) {
                    w.spanningRow("note", 24, "undefined: " + f.getString("undefined"));
                } else if (f.get("minimumDetectable") instanceof JsonObject md) {
                    // Beside a judged value, what the audit could have missed (the methods section says how it is computed).
                    w.spanningRow("note", 24, "could detect: " + (md.get("value") instanceof JsonNumber
                            ? md.getString("note", "") : "nothing (" + md.getString("undefined", "") + ")"));
                }
            }
            charts(w, layout, ofRule);
        }
    }

    /** The regulators' table of one impact-ratio rule over one scope, with what a reader needs to read it. */
    private static void rateTable(TaggedPages w, ReportLayout layout, RateTable t) throws IOException {
        w.gap(6);
        w.keepTogether(80);
        String rate = t.rateMetric().equals("scoring_rate") ? "scoring rate" : "selection rate";
        w.line("smallBold", (t.rateMetric().equals("scoring_rate") ? "Scoring rates" : "Selection rates") + " and impact ratios by "
                + t.scope());
        w.paragraph("detail", 0, "Reference category: " + (t.reference() == null ? "none (no category could serve)" : t.reference())
                + ".  Unknown category: " + (t.unknown() == null ? "not reported" : Figures.count(t.unknown()) + " rows")
                + ".  " + Character.toUpperCase(t.selectedMeans().charAt(0)) + t.selectedMeans().substring(1) + "."
                + (t.rounding() == null ? "" : "  Values rounded to " + t.rounding() + " as the audit asked (exact value in brackets; rules judged the exact values).")
                + (t.ratesOverFewerRows() ? "  Rates divide by the rows with a prediction, fewer than the category's rows." : ""));
        List<ReportLayout.Column> base = w.columns("rates");
        List<String> headers = new ArrayList<>(base.stream().map(ReportLayout.Column::header).toList());
        headers.set(3, rate);
        List<ReportLayout.Column> widths = new ArrayList<>(base);
        for (String extra : t.extraColumns()) {
            headers.add(headers.size() - 1, extra);
            widths.add(widths.size() - 1, new ReportLayout.Column(extra, 50f));
        }
        w.table(headers, widths);
        for (RateTable.Row row : t.rows()) {
            List<String> cells = new ArrayList<>(List.of(row.category(), row.rowsText(), row.selectedText(), row.rateText(),
                    row.ratioText(), row.intervalText(), row.status()));
            cells.addAll(cells.size() - 1, row.extrasIn(t.extraColumns()));
            w.row(cells.toArray(String[]::new));
            if (!row.why().isEmpty() && !row.status().equals("too small")) {
                w.spanningRow("note", 24, row.why());
            }
        }
    }

    /**
     * One chart per rule and scope, as the portal draws it (both from {@link FindingChart}): a value axis with
     * ticks, each group's value as a bar (red when it fails) with its n beside its wrapped label, its confidence
     * interval as a whisker, the rule's threshold dashed and, for a ratio, 1.0 (parity) as a solid line. An
     * undefined group is a hatched bar (its estimate's length, or the whole row when it has none) with its reason
     * written under it: never a bar that looks like a pass.
     */
    private static void charts(TaggedPages w, ReportLayout layout, List<JsonObject> findings) throws IOException {
        List<FindingChart> charts = FindingChart.of(findings);
        if (charts.isEmpty()) {
            return;
        }
        w.gap(8);
        w.line("smallBold", "Charts");
        for (FindingChart chart : charts) {
            float rowHeight = 12;
            float labelWidth = 130;
            float x0 = w.margin() + labelWidth;
            float width = w.width() - labelWidth - 60;
            float labelLeading = w.figureLeading("chartLabel");
            float valueLeading = w.figureLeading("chartValue");
            // Each bar's row is as tall as its label wrapped (group names are never cut) or its reason under the bar.
            List<Float> heights = new ArrayList<>();
            for (FindingChart.Bar bar : chart.bars()) {
                float label = w.figureLines("chartLabel", barLabel(bar), labelWidth - 6) * labelLeading + 3;
                float reason = bar.isUndefined() ? rowHeight + w.figureLines("chartValue", bar.reasonText(), width) * valueLeading + 2 : 0;
                heights.add(Math.max(rowHeight, Math.max(label, reason)));
            }
            float top = w.take((float) heights.stream().mapToDouble(Float::doubleValue).sum() + 62);
            w.beginFigure(chart.title() + ": " + chart.thresholdText() + (chart.reference() != null ? ", parity at 1" : "") + ". "
                    + String.join("; ", chart.bars().stream().map(b -> b.label() + (b.nText().isEmpty() ? "" : " (" + b.nText() + ")")
                    + " " + (b.value() == null ? "" : Figures.number(b.value()) + " ")
                    + (b.fails() ? "fails" : b.reasonText())).toList()));
            PDPageContentStream cs = w.stream();
            w.figureText("chartTitle", w.margin(), top - 10, chart.title(), w.width());
            float rowTop = top - 34;
            float bottom = rowTop;
            for (int i = 0; i < chart.bars().size(); i++) {
                FindingChart.Bar bar = chart.bars().get(i);
                float y = rowTop - rowHeight;
                // The label's first line beside the bar, its further lines (and its n) below it, inside the row's height.
                w.figureText("chartLabel", w.margin(), y + 2, barLabel(bar), labelWidth - 6);
                if (bar.isUndefined()) {
                    float barWidth = bar.value() == null ? width : Math.max(2, (float) (chart.fraction(bar.value()) * width));
                    hatch(cs, layout, x0, y, barWidth, rowHeight - 4);
                    w.figureText("chartValue", x0 + 2, y - valueLeading, bar.reasonText(), width);
                } else {
                    cs.setNonStrokingColor(layout.color(bar.fails() ? "fail" : "bar"));
                    cs.addRect(x0, y, (float) (chart.fraction(bar.value()) * width), rowHeight - 4);
                    cs.fill();
                    cs.setNonStrokingColor(layout.color("text"));
                }
                // The fonts draw no heavy cross: a failing value says FAIL in words.
                w.figureText("chartValue", x0 + width + 6, y + 2, bar.valueText().replace("\u2716", "FAIL"));
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
                rowTop -= heights.get(i);
                bottom = rowTop;
            }
            // The value axis with its ticks under the bars.
            float axis = bottom - 2;
            cs.setStrokingColor(layout.color("text"));
            cs.setLineWidth(0.6f);
            cs.moveTo(x0, axis);
            cs.lineTo(x0 + width, axis);
            for (double tick : chart.ticks()) {
                float tx = x0 + (float) (chart.fraction(tick) * width);
                cs.moveTo(tx, axis);
                cs.lineTo(tx, axis - 3);
            }
            cs.stroke();
            for (double tick : chart.ticks()) {
                String text = Figures.plain(tick);
                float tx = x0 + (float) (chart.fraction(tick) * width);
                w.figureText("chartValue", tx - text.length() * 1.8f, axis - 11, text);
            }
            if (chart.reference() != null) {
                float rx = x0 + (float) (chart.fraction(chart.reference()) * width);
                cs.setLineWidth(0.8f);
                cs.moveTo(rx, top - 24);
                cs.lineTo(rx, axis);
                cs.stroke();
                w.figureText("chartValue", rx + 2, top - 30, Figures.plain(chart.reference()) + " (parity)");
            }
            float tx = x0 + (float) (chart.fraction(chart.threshold()) * width);
            cs.setStrokingColor(layout.color("fail"));
            cs.setLineWidth(1f);
            cs.setLineDashPattern(new float[] {3, 2}, 0);
            cs.moveTo(tx, top - 16);
            cs.lineTo(tx, axis);
            cs.stroke();
            cs.setLineDashPattern(new float[] {}, 0);
            cs.setStrokingColor(layout.color("text"));
            w.figureText("chartValue", tx + 2, top - 21, chart.thresholdText());
            w.endFigure();
            w.gap(6);
            if (chart.grid().isPresent()) {
                heatMap(w, layout, chart);
            }
        }
    }

    /** A bar's label in the PDF: the group's whole name with its n, wrapped by the chart, never cut. */
    private static String barLabel(FindingChart.Bar bar) {
        return label(bar) + (bar.nText().isEmpty() ? "" : " (" + bar.nText() + ")");
    }

    /** An undefined bar: outlined and hatched with diagonal lines, clipped to the bar. */
    private static void hatch(PDPageContentStream cs, ReportLayout layout, float x, float y, float width, float height) throws IOException {
        cs.saveGraphicsState();
        cs.addRect(x, y, width, height);
        cs.clip();
        cs.setStrokingColor(layout.color("text"));
        cs.setLineWidth(0.5f);
        for (float d = -height; d < width; d += 4) {
            cs.moveTo(x + d, y);
            cs.lineTo(x + d + height, y + height);
        }
        cs.stroke();
        cs.restoreGraphicsState();
        cs.setStrokingColor(layout.color("text"));
        cs.setLineWidth(0.5f);
        cs.addRect(x, y, width, height);
        cs.stroke();
    }

    /**
     * A two-attribute intersection as a grid: rows are the first attribute's values, columns the
     * second's; every cell carries its number (or "undefined" / "no rows"), the shade only repeats it.
     */
    private static void heatMap(TaggedPages w, ReportLayout layout, FindingChart chart) throws IOException {
        FindingChart.Grid grid = chart.grid().orElseThrow();
        float labelWidth = 110;
        float cellWidth = Math.min(70, (w.width() - labelWidth) / grid.columns().size());
        float leading = w.figureLeading("chartValue");
        // Headers and row labels wrap, and their rows grow to hold them: names are never cut.
        float headerHeight = 14;
        for (String c : grid.columns()) {
            headerHeight = Math.max(headerHeight, w.figureLines("chartValue", c, cellWidth - 4) * leading + 4);
        }
        List<Float> heights = new ArrayList<>();
        for (String r : grid.rows()) {
            heights.add(Math.max(14, w.figureLines("chartValue", r, labelWidth - 6) * leading + 4));
        }
        float top = w.take((float) heights.stream().mapToDouble(Float::doubleValue).sum() + headerHeight + 24);
        w.beginFigure(chart.title() + ": heat map of " + grid.rowAttribute() + " by " + grid.columnAttribute());
        PDPageContentStream cs = w.stream();
        w.figureText("chartTitle", w.margin(), top - 10, chart.title() + ": heat map (" + grid.rowAttribute() + " x "
                + grid.columnAttribute() + ")", w.width());
        float y = top - 26;
        float x = w.margin() + labelWidth;
        for (String c : grid.columns()) {
            w.figureText("chartValue", x + 2, y + 3, c, cellWidth - 4);
            x += cellWidth;
        }
        y -= headerHeight - 14;
        for (int i = 0; i < grid.rows().size(); i++) {
            String r = grid.rows().get(i);
            float cellHeight = heights.get(i);
            y -= cellHeight;
            w.figureText("chartValue", w.margin(), y + cellHeight - 10, r, labelWidth - 6);
            x = w.margin() + labelWidth;
            for (String c : grid.columns()) {
                FindingChart.Cell cell = grid.cell(r, c);
                cs.setNonStrokingColor(switch (cell.shade()) {
                    case "fail" -> layout.color("heatFail");
                    case "pass" -> layout.color("heatPass");
                    default -> layout.color("heatNeutral");
                });
                cs.addRect(x, y, cellWidth - 2, cellHeight - 2);
                cs.fill();
                cs.setNonStrokingColor(layout.color("text"));
                w.figureText("chartValue", x + 3, y + cellHeight - 10, cell.label().replace("\u2716", "FAIL"), cellWidth - 6);
                x += cellWidth;
            }
        }
        w.endFigure();
        w.gap(6);
    }

    /** A column's missing values; those the upload wrote as NaN or an infinity are named (reports before 2026-12 have no count). */
    private static String missing(JsonObject column) {
        if (!(column.get("nulls") instanceof JsonNumber nulls)) {
            return "-";
        }
        return ColumnProfile.missingText(nulls.longValue(),
                column.get("nonFinite") instanceof JsonNumber n ? n.longValue() : 0);
    }

    /** "read by reference from table lake.t on spark (12 files pinned)". */
    private static String referenced(JsonObject reference) {
        String what = reference.containsKey("table") ? "table " + reference.getString("table") : "location " + reference.getString("location", "");
        JsonObject pin = reference.getJsonObject("pin");
        return "read by reference from " + what + " on " + reference.getString("engine", "") + " ("
                + (pin == null ? "" : pin.get("files") + " files pinned") + ")";
    }

    private static void profile(TaggedPages w, ReportDocument.Dataset dataset) throws IOException {
        JsonArray columns = dataset.columns();
        if (columns.isEmpty()) {
            return;
        }
        w.gap(12);
        w.line("heading", "Dataset profile");
        w.line("small", Figures.count(dataset.rows()) + " rows" + (dataset.reference() != null ? ", " + referenced(dataset.reference())
                : dataset.format() != null ? ", uploaded as " + dataset.format() : "")
                + (dataset.bytes() > 0 ? ", " + Figures.count(dataset.bytes()) + " bytes" : ""));
        w.table("profile");
        for (JsonObject c : columns.getValuesAs(JsonObject.class)) {
            // Read as the portal reads a stored profile, so both write its figures alike (an integer column's as counts).
            ColumnProfile column = ColumnProfile.fromJson(c);
            ColumnProfile.Numeric n = column.numeric();
            if (n != null) {
                w.row(column.name(), JsonValues.text(c.get("type"), "-"), missing(c), Figures.number(n.mean()),
                        Figures.number(n.std()), column.figure(n.min()) + " / " + (n.hasQuartiles()
                                ? column.figure(n.median()) + (n.sampledQuartiles() ? "*" : "") : "(none)") + " / " + column.figure(n.max()));
            } else {
                w.row(column.name(), JsonValues.text(c.get("type"), "-"), missing(c), "", "", "");
            }
            if (column.categories() != null) {
                w.spanningRow("note", 24, "categories: " + column.categories().text());
            }
        }
        if (columns.getValuesAs(JsonObject.class).stream().anyMatch(c -> c.get("numeric") instanceof JsonObject n
                && n.containsKey("quartileSample"))) {
            w.line("detail", "* median of a repeatable random sample of " + columns.getValuesAs(JsonObject.class).stream()
                    .filter(c -> c.get("numeric") instanceof JsonObject n && n.containsKey("quartileSample"))
                    .map(c -> c.getJsonObject("numeric").getJsonNumber("quartileSample").toString()).findFirst().orElse("")
                    + " rows; every other figure is exact");
        }
    }

    /**
     * The model card as a table of its fields in the card's order, named in words ("Intended use"); a list reads
     * "a, b", an object (the column roles) "prediction: approved; protected: sex, race". The exact card is in the
     * attached JSON.
     */
    private static void modelCard(TaggedPages w, ReportDocument.Model model) throws IOException {
        JsonObject card = model.card();
        if (card == null) {
            return;
        }
        w.gap(12);
        w.line("heading", "Model card");
        fields(w, "field", card);
    }

    /** A two-column table of {@code object}'s fields, named in words, values as a reader writes them. */
    private static void fields(TaggedPages w, String nameHeader, JsonObject object) throws IOException {
        List<ReportLayout.Column> columns = w.columns("fields");
        w.table(List.of(nameHeader, columns.get(1).header()), columns);
        for (Map.Entry<String, JsonValue> e : object.entrySet()) {
            w.row(words(e.getKey()), readable(e.getValue()));
        }
    }

    /** A card or parameter key in words: "intendedUse" is "Intended use". */
    static String words(String key) {
        String spaced = key.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return spaced.isEmpty() ? spaced : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    /** A JSON value as a person writes it: text as is, lists joined by commas, objects as "key: value; ...". */
    static String readable(JsonValue v) {
        if (v instanceof JsonArray a) {
            return String.join(", ", a.stream().map(PdfReport::readable).toList());
        }
        if (v instanceof JsonObject o) {
            return String.join("; ", o.entrySet().stream().map(e -> e.getKey() + ": " + readable(e.getValue())).toList());
        }
        return JsonValues.text(v, "-");
    }

    private static void methods(TaggedPages w, ReportLayout layout, List<JsonObject> policies, JsonObject parameters) throws IOException {
        w.gap(12);
        w.line("heading", "Methods");
        for (String paragraph : layout.lines("methods", Map.of("k", String.valueOf(SmallCells.K)))) {
            w.paragraph("small", 0, paragraph);
        }
        w.gap(6);
        w.line("subheading", "What each rule measures");
        w.table("rules");
        for (JsonObject policy : policies) {
            for (JsonObject r : policy.getJsonArray("rules").getValuesAs(JsonObject.class)) {
                w.row(r.getString("id"), r.getString("metric"), r.getString("comparator") + " " + number(r.get("threshold"))
                        + (r.get("upper") instanceof JsonNumber upper ? " and <= " + number(upper) : ""), test(layout, r));
                w.spanningRow("note", 12, r.getString("description", ""));
            }
        }
        if (parameters != null) {
            w.gap(6);
            w.line("small", "Parameters of this audit (alpha is the generalized entropy index's, not a significance level):");
            fields(w, "parameter", parameters);
        }
    }

    /** The statistical test a rule's significance setting asks for, in words; "value only" when it judges the value alone. */
    private static String test(ReportLayout layout, JsonObject rule) {
        // A number in reports (ReportJson.policy); the pack's own {maxAdjustedP} object where a reader passes that.
        JsonValue alpha = rule.get("significance") instanceof JsonObject o ? o.get("maxAdjustedP") : rule.get("significance");
        if (!(alpha instanceof JsonNumber)) {
            return layout.text("tests.none", Map.of());
        }
        if (rule.getString("metric", "").endsWith("_change_from_approved")) {
            return layout.text("tests.change", Map.of("alpha", number(alpha), "design", rule.getString("significanceTest", "paired")));
        }
        return layout.text("tests.significance", Map.of("alpha", number(alpha)));
    }

    /**
     * Every change from the approved version the audit computed, with how it was tested: the test and its
     * p-value (raw, then adjusted), and below it the design (paired or unpaired) and why, the pairs and the
     * discordant ones, the rows left out of the pairing, or why there is no test.
     */
    private static void changes(TaggedPages w, ReportLayout layout, ReportDocument report) throws IOException {
        List<JsonObject> changes = SmallCells.suppress(report.metrics()).stream().filter(m -> m.get("comparison") instanceof JsonObject
                || m.getString("metric").endsWith("_change_from_approved") && m.containsKey("undefined")).toList();
        if (changes.isEmpty() || report.approvedVersion() == null) {
            return;
        }
        w.gap(12);
        w.line("heading", "Changes from the approved version");
        w.paragraph("body", 0, layout.text("changes.intro", Map.of("version", report.approvedVersion().version(),
                "audit", report.approvedVersion().audit())));
        w.table("changes");
        for (JsonObject m : changes) {
            String group = m.isNull("scope") ? "overall" : JsonValues.text(m.get("scope"), "") + " = " + JsonValues.text(m.get("group"), "-");
            JsonObject test = m.get("test") instanceof JsonObject t ? t : null;
            w.row(m.getString("metric"), group, number(m.get("value")), test == null ? "none" : test.getString("name"),
                    test == null ? "-" : number(test.get("p")) + " / " + number(test.get("pAdjusted")));
            if (m.containsKey("undefined")) {
                w.spanningRow("note", 24, "undefined: " + m.getString("undefined"));
            } else if (m.get("comparison") instanceof JsonObject c) {
                w.spanningRow("note", 24, ReportJson.describe(c));
            }
        }
    }


    /** A chart bar's label: the group's whole name, wrapped by the chart, never cut. */
    private static String label(FindingChart.Bar bar) {
        return bar.group() == null ? "-" : bar.group();
    }

    /** A threshold as the policy wrote it (0.8, not 0.8000). */
    private static String plain(JsonValue v) {
        return v instanceof JsonNumber n ? n.bigDecimalValue().stripTrailingZeros().toPlainString() : Figures.UNDEFINED;
    }

    private static String count(JsonValue v) {
        return v instanceof JsonNumber n ? Figures.count(n.longValue()) : "-";
    }

    private static String interval(JsonValue v) {
        return v instanceof JsonArray ci && ci.size() == 2 ? Figures.interval(JsonValues.number(ci.get(0)), JsonValues.number(ci.get(1))) : "-";
    }

    /** An adjusted p-value: four decimals, or "< 0.0001" below that. */
    private static String pValue(JsonValue v) {
        return Figures.pValue(JsonValues.number(v));
    }

    private static String number(JsonValue v) {
        return Figures.number(JsonValues.number(v));
    }

    /** An instant the report stores as ISO 8601 text, as a reader reads it: "2026-12-02 13:04 UTC" (the PDF states UTC). */
    private static String when(String iso) {
        try {
            return iso == null ? "-" : Figures.utc(java.time.Instant.parse(iso));
        } catch (java.time.format.DateTimeParseException e) {
            return iso;
        }
    }
}
