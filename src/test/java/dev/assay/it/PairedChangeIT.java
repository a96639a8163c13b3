package dev.assay.it;

import jakarta.json.JsonObject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Changes tested as changes, over HTTP: two versions of a model evaluated on the same rows (the same ids in
 * both datasets), audited with a stored pack whose rules ask for the paired test. The audit of the second
 * version tests the accuracy change per group and overall by McNemar's test on the pairs (with the pairing's
 * leftovers counted), the AUC change by DeLong's test (pROC's aSAH data: pROC's Z and p to 1e-9), and a third
 * version evaluated on other rows falls back to the unpaired test and says why. The JSON report and the PDF
 * say which test was used.
 */
@ExtendWith(LibertyServer.class)
class PairedChangeIT {

    private static final String PACK = """
            id: it-paired-changes
            version: 1.0.0
            title: No significant regression against the approved version
            rules:
              - id: accuracy-no-significant-fall
                description: Accuracy, overall and per group, falls by at most 0.02, or not significantly (paired where the rows pair).
                metric: accuracy_change_from_approved
                scope: [overall, protected]
                threshold: {comparator: ">=", value: -0.02}
                severity: block
                undefined: pass
                significance: {test: paired, maxAdjustedP: 0.05}
                cites:
                  - regulation: Regulation (EU) 2024/1689 (AI Act)
                    article: Art. 15(1)
              - id: auc-no-significant-fall
                description: The ROC AUC falls by at most 0.02, or not significantly.
                metric: roc_auc_change_from_approved
                scope: overall
                threshold: {comparator: ">=", value: -0.02}
                severity: warn
                undefined: pass
                significance: {test: paired, maxAdjustedP: 0.05}
                cites:
                  - regulation: Regulation (EU) 2024/1689 (AI Act)
                    article: Art. 15(1)
            """;

    private static final String CARD = """
            model: %s
            version: %s
            owner: it@example.com
            task: binary-classification
            positiveLabel: 1
            favorableOutcome: 1
            columns:
              id: id
              label: label
              prediction: hired
              %s
              protected: [sex]
            """;

    @BeforeAll
    static void storeThePack() throws Exception {
        Api.Reply r = Api.withRoles("admin").send("PUT", "/api/v1/policies/it-paired-changes", "application/yaml",
                PACK.getBytes(StandardCharsets.UTF_8));
        assertTrue(r.status() == 201 || r.status() == 200, r.text());
    }

    private static JsonObject registerAndAudit(Api ci, String model, String version, boolean score, String csv) throws Exception {
        String path = "/api/v1/models/" + model + "/versions/" + version;
        assertEquals(201, ci.send("PUT", path, "application/yaml", CARD.formatted(model, version, score ? "score: score" : "")
                .getBytes(StandardCharsets.UTF_8)).status());
        Api.Reply upload = ci.send("POST", path + "/datasets", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        assertEquals(201, upload.status(), upload.text());
        Api.Reply audit = ci.send("POST", path + "/audits?wait=120", "application/json",
                "{\"policies\":[\"it-paired-changes\"]}".getBytes(StandardCharsets.UTF_8));
        assertEquals(201, audit.status(), audit.text());
        assertEquals("DONE", audit.json().getString("status"), audit.text());
        return audit.json();
    }

    /**
     * Ids 1 to 100 are women, 101 to 200 men; labels alternate. The approved version (1.0.0) gets women 1-90 and
     * men 101-180 right. Version 1.1.0 gets women 76-90 wrong too (15 pairs right only before, none right only
     * now), and has three rows more, all women predicted right: id 201 (not in 1.0.0's data), one without id, and
     * id 3 a second time; 1.0.0's data has two more women: id 300 and one without id.
     */
    private static String rows(int rightWomenUpTo, boolean extrasOfTheCandidate) {
        StringBuilder csv = new StringBuilder("id,sex,hired,label\n");
        for (int id = 1; id <= 200; id++) {
            boolean woman = id <= 100;
            int label = id % 2;
            boolean right = woman ? id <= rightWomenUpTo : id <= 180;
            csv.append(id).append(woman ? ",F," : ",M,").append(right ? label : 1 - label).append(',').append(label).append('\n');
        }
        if (extrasOfTheCandidate) {
            csv.append("201,F,1,1\n,F,1,1\n3,F,1,1\n");
        } else {
            csv.append("300,F,1,1\n,F,1,1\n");
        }
        return csv.toString();
    }

    private static JsonObject metric(JsonObject audit, String metric, String group) {
        return audit.getJsonArray("metrics").getValuesAs(JsonObject.class).stream().filter(m -> m.getString("metric").equals(metric)
                && Objects.equals(group, m.isNull("group") ? null : m.getString("group"))).findFirst()
                .orElseThrow(() -> new AssertionError(metric + " " + group + " not in " + audit.getJsonArray("metrics")));
    }

    private static JsonObject finding(JsonObject audit, String rule, String group) {
        return audit.getJsonArray("findings").getValuesAs(JsonObject.class).stream().filter(f -> f.getString("rule").equals(rule)
                && Objects.equals(group, f.isNull("group") ? null : f.getString("group"))).findFirst().orElseThrow();
    }

    @Test
    void accuracyIsTestedOnThePairsPerGroupAndUnpairedWhenTheRowsDiffer() throws Exception {
        Api ci = Api.withRoles("ci-gate");
        String model = "paired-it";
        JsonObject first = registerAndAudit(ci, model, "1.0.0", false, rows(90, false));
        assertEquals("PASS", first.getString("decision"), "nothing to compare with yet: undefined, and the rules pass it");

        JsonObject second = registerAndAudit(ci, model, "1.1.0", false, rows(75, true));
        assertEquals("1.0.0", second.getJsonObject("inputs").getJsonObject("approvedVersion").getString("version"));
        JsonObject women = metric(second, "accuracy_change_from_approved", "F");
        // Women now 75 + 3 extras right of 103, before 90 + 2 extras of 102.
        assertEquals(78.0 / 103 - 92.0 / 102, women.getJsonNumber("value").doubleValue(), 1e-12);
        JsonObject c = women.getJsonObject("comparison");
        assertEquals("paired", c.getString("design"));
        assertTrue(c.getString("why").startsWith("both versions were evaluated on the same rows: 199 ids occur once in each dataset"),
                c.getString("why"));
        assertEquals(99, c.getInt("n"), "women's pairs: ids 1-100 but the duplicated 3, with a label and both predictions");
        assertEquals(0, c.getInt("improved"));
        assertEquals(15, c.getInt("worsened"));
        JsonObject pairing = c.getJsonObject("pairing");
        assertEquals(103, pairing.getInt("rows"));
        assertEquals(1, pairing.getInt("withoutId"));
        assertEquals(2, pairing.getInt("duplicated"), "both rows of id 3");
        assertEquals(1, pairing.getInt("unmatched"), "id 201");
        assertEquals(0, pairing.getInt("conflicting"));
        assertEquals(99, pairing.getInt("pairs"));
        assertEquals(202, pairing.getInt("approvedRows"));
        assertEquals(1, pairing.getInt("approvedWithoutId"));
        assertEquals(1, pairing.getInt("approvedDuplicated"), "id 3, twice on the other side");
        assertEquals(1, pairing.getInt("approvedUnmatched"), "id 300");
        JsonObject test = women.getJsonObject("test");
        assertEquals("McNemar mid-p test", test.getString("name"));
        // b = 0, c = 15: 2 P(X <= 0) - P(X = 0) with X ~ Binomial(15, 1/2) = 1 / 2^15.
        assertEquals(1.0 / 32768, test.getJsonNumber("p").doubleValue(), 1e-15);
        double adjusted = test.getJsonNumber("pAdjusted").doubleValue();
        assertTrue(adjusted >= 1.0 / 32768 && adjusted < 0.05, test.toString());
        JsonObject failed = finding(second, "accuracy-no-significant-fall", "F");
        assertEquals("fail", failed.getString("outcome"), failed.toString());
        assertTrue(failed.getString("note").contains("McNemar mid-p test"), failed.toString());
        JsonObject men = metric(second, "accuracy_change_from_approved", "M");
        assertEquals(0, men.getJsonObject("comparison").getInt("worsened"));
        assertEquals(1.0, men.getJsonObject("test").getJsonNumber("p").doubleValue(), 0.0, "no discordant pair");
        assertEquals("FAIL", second.getString("decision"));
        assertEquals("undefined", finding(second, "auc-no-significant-fall", null).getString("outcome"), "no score: no AUC");

        // The signed report says the same, and its PDF names the test.
        String audit = second.getString("id");
        JsonObject report = ci.get("/api/v1/audits/" + audit + "/report", "application/json").json();
        assertTrue(report.getJsonArray("metrics").toString().contains("\"design\":\"paired\""));
        assertTrue(report.getJsonArray("policies").toString().contains("\"significanceTest\":\"paired\""));
        Api.Reply pdf = ci.get("/api/v1/audits/" + audit + "/report", "application/pdf");
        assertEquals(200, pdf.status());
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(doc).replace("\r", "").replace("\n", " ");
            assertTrue(text.contains("Changes from the approved version"), text);
            assertTrue(text.contains("99 pairs, 0 right only now, 15 right only before"), text);
        }

        // 1.1.0 failed, so 1.2.0 is compared with 1.0.0; its rows are others (ids 1001-1200): unpaired, and why.
        String other = rows(85, false).lines().skip(1).map(l -> l.isEmpty() || l.startsWith(",") ? l : (1000 + Integer.parseInt(
                l.substring(0, l.indexOf(',')))) + l.substring(l.indexOf(','))).reduce("id,sex,hired,label", (a, b) -> a + "\n" + b) + "\n";
        JsonObject third = registerAndAudit(ci, model, "1.2.0", false, other);
        assertEquals("1.0.0", third.getJsonObject("inputs").getJsonObject("approvedVersion").getString("version"));
        JsonObject unpaired = metric(third, "accuracy_change_from_approved", "F");
        JsonObject u = unpaired.getJsonObject("comparison");
        assertEquals("unpaired", u.getString("design"));
        assertTrue(u.getString("why").startsWith("no row of this version's dataset pairs with one of the approved version's"), u.toString());
        assertEquals(0, u.getJsonObject("pairing").getInt("pairs"));
        assertFalse(u.containsKey("improved"), "no discordant pairs without pairs");
        assertEquals("two-proportion z-test", unpaired.getJsonObject("test").getString("name"));
    }

    /** aSAH's rows (pROC) with one of its scores as the model's: id, sex (alternating), label (outcome Poor), a prediction. */
    private static String asah(String score) throws Exception {
        StringBuilder csv = new StringBuilder("id,sex,hired,label,score\n");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(PairedChangeIT.class.getResourceAsStream("/vectors/asah.csv"),
                StandardCharsets.UTF_8))) {
            List<String> header = List.of(r.readLine().split(","));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split(",");
                int id = Integer.parseInt(f[0]);
                csv.append(id).append(id % 2 == 0 ? ",F," : ",M,").append(id % 3 == 0 ? 1 : 0).append(',')
                        .append(f[1].equals("Poor") ? 1 : 0).append(',').append(f[header.indexOf(score)]).append('\n');
            }
        }
        return csv.toString();
    }

    /**
     * Version 1.0.0 scores aSAH's patients by WFNS, 1.1.0 by S100B: the AUC falls from 0.8237 to 0.7314. pROC's
     * roc.test of the two (its tests assert Z = 2.20898359144091, p = 0.0271757822291882 for wfns against s100b):
     * here the change is the other way round, Z = -2.20898359144091, the same p.
     */
    @Test
    void aucIsTestedByDeLongAsProcDoes() throws Exception {
        Api ci = Api.withRoles("ci-gate");
        String model = "paired-auc-it";
        assertEquals("PASS", registerAndAudit(ci, model, "1.0.0", true, asah("wfns")).getString("decision"));
        JsonObject second = registerAndAudit(ci, model, "1.1.0", true, asah("s100b"));
        JsonObject auc = metric(second, "roc_auc_change_from_approved", null);
        assertEquals(0.7313685636856369 - 0.8236788617886179, auc.getJsonNumber("value").doubleValue(), 1e-12);
        JsonObject test = auc.getJsonObject("test");
        assertEquals("DeLong test for two correlated ROC AUCs", test.getString("name"));
        assertEquals(-2.20898359144091, test.getJsonNumber("statistic").doubleValue(), 1e-9 * 2.21);
        assertEquals(0.0271757822291882, test.getJsonNumber("p").doubleValue(), 1e-9);
        JsonObject c = auc.getJsonObject("comparison");
        assertEquals("paired", c.getString("design"));
        assertEquals(113, c.getInt("n"));
        assertEquals(0.7313685636856369, c.getJsonNumber("now").doubleValue(), 1e-12);
        assertEquals(0.8236788617886179, c.getJsonNumber("before").doubleValue(), 1e-12);
        JsonObject finding = finding(second, "auc-no-significant-fall", null);
        boolean significant = test.getJsonNumber("pAdjusted").doubleValue() < 0.05;
        assertEquals(significant ? "fail" : "pass", finding.getString("outcome"), finding.toString());
    }
}
