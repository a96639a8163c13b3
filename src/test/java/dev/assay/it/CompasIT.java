package dev.assay.it;

import dev.assay.infrastructure.Hashing;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ProPublica's COMPAS data (../shared/data/compas): ingested as shipped (duplicate header names,
 * 7,214 rows) and audited with four-fifths by race and sex, favorable outcome "low risk"
 * (score_text Low, which is decile_score below 5). The expected rates are computed here from the
 * file, independently of Assay's engine.
 */
@ExtendWith(LibertyServer.class)
class CompasIT {

    /** COMPAS's card: favourable outcome "Low" (score_text), protected race and sex; other tests rename the model. */
    static final String CARD = """
            model: compas
            version: "2016"
            owner: it@example.com
            task: binary-classification
            riskTier: high
            positiveLabel: 1
            positivePrediction: [Medium, High]
            favorableOutcome: Low
            columns:
              id: id
              label: two_year_recid
              prediction: score_text
              score: decile_score
              protected: [race, sex]
            """;

    @Test
    void fourFifthsByRaceAndSexMatchIndependentCounts() throws Exception {
        Path file = SharedData.require("compas/compas-scores-two-years.csv");
        Api ci = Api.withRoles("ci-gate");
        String version = "/api/v1/models/compas/versions/2016";
        assertEquals(201, ci.send("PUT", version, "application/yaml", CARD.getBytes()).status());

        Api.Reply upload = ci.sendFile("POST", version + "/datasets", "text/csv", file);
        assertEquals(201, upload.status(), upload.text());
        JsonObject dataset = upload.json();
        assertEquals(7214, dataset.getInt("rows"));
        assertEquals(Hashing.sha256Hex(Files.readAllBytes(file)), dataset.getString("sha256"));
        List<String> columns = dataset.getJsonArray("columns").getValuesAs(JsonObject.class).stream()
                .map(c -> c.getString("name")).toList();
        assertTrue(columns.containsAll(List.of("decile_score", "decile_score_1", "priors_count", "priors_count_1")),
                columns.toString());

        Api.Reply started = ci.send("POST", version + "/audits?wait=120", "application/json",
                ("{\"policies\":[\"eeoc-four-fifths\"],\"metrics\":[\"false_positive_rate\",\"false_negative_rate\","
                        + "\"false_positive_rate_difference\",\"equalized_odds_difference\",\"roc_auc\"]}").getBytes());
        assertEquals(201, started.status(), started.text());
        JsonObject audit = started.json();
        assertEquals("DONE", audit.getString("status"));

        // Independent: count from the file, decile_score (the first such column) below 5.
        List<String> lines = Files.readAllLines(file);
        List<String> header = SharedData.fields(lines.get(0), ',');
        int race = header.indexOf("race");
        int sex = header.indexOf("sex");
        int decile = header.indexOf("decile_score");
        Map<String, long[]> expected = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = SharedData.fields(line, ',');
            boolean low = Integer.parseInt(f.get(decile)) < 5;
            for (String key : new String[] {"race=" + f.get(race), "sex=" + f.get(sex)}) {
                long[] c = expected.computeIfAbsent(key, k -> new long[2]);
                c[0]++;
                c[1] += low ? 1 : 0;
            }
        }
        assertEquals(6 + 2, expected.size());
        double highest = 0;
        for (var e : expected.entrySet()) {
            if (e.getKey().startsWith("race=") && e.getValue()[0] >= 30) {
                highest = Math.max(highest, (double) e.getValue()[1] / e.getValue()[0]);
            }
        }
        for (var e : expected.entrySet()) {
            String scope = e.getKey().substring(0, e.getKey().indexOf('='));
            String group = e.getKey().substring(e.getKey().indexOf('=') + 1);
            JsonObject rate = metric(audit, "selection_rate", scope, group);
            assertEquals(e.getValue()[0], rate.getJsonNumber("n").longValue(), e.getKey());
            assertEquals((double) e.getValue()[1] / e.getValue()[0], rate.getJsonNumber("value").doubleValue(), 1e-12, e.getKey());
            if (scope.equals("race")) {
                JsonObject ratio = metric(audit, "impact_ratio", scope, group);
                assertEquals((double) e.getValue()[1] / e.getValue()[0] / highest,
                        ratio.getJsonNumber("value").doubleValue(), 1e-12, e.getKey());
            }
        }
        // ProPublica's false positive and false negative rates by race, requested as extra metrics.
        assertEquals(805.0 / 1795, metric(audit, "false_positive_rate", "race", "African-American").getJsonNumber("value")
                .doubleValue(), 1e-12);
        assertEquals(349.0 / 1488, metric(audit, "false_positive_rate", "race", "Caucasian").getJsonNumber("value")
                .doubleValue(), 1e-12);
        assertEquals(461.0 / 966, metric(audit, "false_negative_rate", "race", "Caucasian").getJsonNumber("value")
                .doubleValue(), 1e-12);
        JsonObject fprDifference = audit.getJsonArray("metrics").getValuesAs(JsonObject.class).stream()
                .filter(m -> m.getString("metric").equals("false_positive_rate_difference") && "race".equals(m.getString("scope", null)))
                .findFirst().orElseThrow();
        assertTrue(fprDifference.getJsonObject("test").getJsonNumber("pAdjusted").doubleValue() < 1e-20, fprDifference.toString());
        double auc = audit.getJsonArray("metrics").getValuesAs(JsonObject.class).stream()
                .filter(m -> m.getString("metric").equals("roc_auc") && m.isNull("scope")).findFirst().orElseThrow()
                .getJsonNumber("value").doubleValue();
        assertTrue(auc > 0.6 && auc < 0.8, "COMPAS decile score AUC " + auc);

        // African-American defendants are rated low risk far less often: four-fifths fails.
        assertEquals("FAIL", audit.getString("decision"));
        JsonObject aa = audit.getJsonArray("findings").getValuesAs(JsonObject.class).stream()
                .filter(f -> "African-American".equals(f.getString("group", null))).findFirst().orElseThrow();
        assertEquals("fail", aa.getString("outcome"));
        // Native American (18 rows) and Asian (32 rows): 18 is under the minimum group size.
        JsonObject na = audit.getJsonArray("findings").getValuesAs(JsonObject.class).stream()
                .filter(f -> "Native American".equals(f.getString("group", null))).findFirst().orElseThrow();
        assertEquals("undefined", na.getString("outcome"));
    }

    @Test
    void nycLocalLaw144PackReportsIntersectionsAndExcludesSmallCategories() throws Exception {
        Path file = SharedData.require("compas/compas-scores-two-years.csv");
        Api ci = Api.withRoles("ci-gate");
        String version = "/api/v1/models/compas-ll144/versions/2016";
        assertEquals(201, ci.send("PUT", version, "application/yaml", CARD.replace("model: compas", "model: compas-ll144")
                .getBytes()).status());
        assertEquals(201, ci.sendFile("POST", version + "/datasets", "text/csv", file).status());
        Api.Reply started = ci.send("POST", version + "/audits?wait=120", "application/json",
                "{\"policies\":[\"nyc-ll144\"]}".getBytes());
        assertEquals(201, started.status(), started.text());
        JsonObject audit = started.json();
        var findings = audit.getJsonArray("findings").getValuesAs(JsonObject.class);
        // Asian (32 rows) and Native American (18) are under 2% of 7,214 rows: excluded from the ratios, still reported.
        JsonObject asian = findings.stream().filter(f -> "race".equals(f.getString("scope", null))
                && "Asian".equals(f.getString("group", null))).findFirst().orElseThrow();
        assertEquals("undefined", asian.getString("outcome"));
        assertTrue(asian.getString("undefined").startsWith("excluded: 0.44% of the data"), asian.toString());
        assertEquals(32, asian.getInt("n"));
        // The intersection of race and sex is audited too.
        assertTrue(findings.stream().anyMatch(f -> "race*sex".equals(f.getString("scope", null))
                && "African-American*Male".equals(f.getString("group", null))), "intersectional categories");
        // The unknown category is disclosed (none in COMPAS).
        JsonObject unknown = audit.getJsonArray("metrics").getValuesAs(JsonObject.class).stream()
                .filter(m -> m.getString("metric").equals("unknown_count") && "race".equals(m.getString("scope", null)))
                .findFirst().orElseThrow();
        assertEquals(0, unknown.getJsonNumber("value").intValue());
        // The law sets no pass mark: this pack warns, it does not block.
        assertEquals("WARN", audit.getString("decision"));

        // The summary to publish (6 RCNY 5-303): a page and a signed PDF, the figures those of the signed report.
        String id = audit.getString("id");
        Api.Reply page = ci.get("/api/v1/audits/" + id + "/summary", "text/html");
        assertEquals(200, page.status(), page.text());
        assertTrue(page.contentType().startsWith("text/html"), page.contentType());
        String html = page.text();
        assertTrue(html.contains("Summary of the results of a bias audit"), html);
        assertTrue(html.contains("Selection rates and impact ratios by race × sex"), html);
        assertTrue(html.contains(">African-American*Male</th>") && html.contains(">Asian</th>"), "every category, excluded ones too");
        assertTrue(html.contains(">32<"), "the excluded category's count is still shown");
        Api.Reply pdf = ci.get("/api/v1/audits/" + id + "/summary", "application/pdf");
        assertEquals(200, pdf.status(), pdf.text());
        assertEquals("application/pdf", pdf.contentType());
        Api.Reply verified = Api.anonymous().send("POST", "/api/v1/verify", "application/pdf", pdf.body());
        assertEquals(200, verified.status(), verified.text());
        assertTrue(verified.json().getBoolean("valid"), verified.text());
        // An audit without the pack has none.
        Api.Reply eeoc = ci.send("POST", version + "/audits?wait=120", "application/json", "{\"policies\":[\"eeoc-four-fifths\"]}".getBytes());
        assertEquals(201, eeoc.status(), eeoc.text());
        Api.Reply none = ci.get("/api/v1/audits/" + eeoc.json().getString("id") + "/summary", "text/html");
        assertEquals(404, none.status(), none.text());
        assertTrue(none.contentType().startsWith("application/problem+json"), none.contentType());
    }

    private static JsonObject metric(JsonObject audit, String metric, String scope, String group) {
        return audit.getJsonArray("metrics").getValuesAs(JsonObject.class).stream()
                .filter(m -> m.getString("metric").equals(metric) && scope.equals(m.getString("scope", null))
                        && group.equals(m.getString("group", null)))
                .findFirst().orElseThrow(() -> new AssertionError(metric + " " + scope + " " + group));
    }
}
