package dev.assay.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A model card's {@code columns.weight} over HTTP: unusable weights are refused at upload with the
 * line that holds them, nothing stored; usable ones make an audit agree with the audit of the rows
 * they stand for.
 */
@ExtendWith(LibertyServer.class)
class SampleWeightsIT {

    private static final String CARD = """
            model: weights-it
            version: %s
            owner: it@example.com
            task: binary-classification
            positiveLabel: 1
            favorableOutcome: 1
            columns:
              label: label
              prediction: hired
              protected: [sex]
            %s
            """;

    private static String version(Api ci, String v, String weightLine) throws Exception {
        String path = "/api/v1/models/weights-it/versions/" + v;
        Api.Reply r = ci.send("PUT", path, "application/yaml", CARD.formatted(v, weightLine).getBytes(StandardCharsets.UTF_8));
        assertEquals(201, r.status(), r.text());
        return path;
    }

    @Test
    void unusableWeightsAreRefusedWithTheirLineAndNothingIsStored() throws Exception {
        Api ci = Api.withRoles("ci-gate");
        String path = version(ci, "1.0.0", "  weight: w");
        for (String[] c : new String[][] {
                {"sex,hired,label,w\nF,1,1,2\nM,0,1,1.5\n", "3", "not a whole number"},
                {"sex,hired,label,w\nF,1,1,2\nM,0,1,3\nM,1,0,-1\n", "4", "negative weight"},
                {"sex,hired,label,w\nF,1,1,\nM,0,1,1\n", "2", "has no weight"}}) {
            Api.Reply r = ci.send("POST", path + "/datasets", "text/csv", c[0].getBytes(StandardCharsets.UTF_8));
            assertEquals(422, r.status(), r.text());
            JsonObject error = r.json().getJsonArray("errors").getJsonObject(0);
            assertEquals(Integer.parseInt(c[1]), error.getInt("line"), r.text());
            assertTrue(error.getString("message").contains(c[2]) && error.getString("message").contains("columns.weight"), r.text());
        }
        Api.Reply text = ci.send("POST", path + "/datasets", "text/csv", "sex,hired,label,w\nF,1,1,heavy\n".getBytes());
        assertEquals(422, text.status(), text.text());
        assertEquals("/columns/weight", text.json().getJsonArray("errors").getJsonObject(0).getString("pointer"), text.text());
        assertEquals(0, ci.get(path).json().getJsonArray("datasets").size(), "nothing stored");
    }

    @Test
    void aWeightedUploadAuditsAsTheRowsItStandsFor() throws Exception {
        Api ci = Api.withRoles("ci-gate");
        // F: (hired 1, label 1) x 9, (0, 1) x 21, (0, 0) x 10: 40 rows; M: (1, 1) x 30, (1, 0) x 5, (0, 0) x 25: 60 rows.
        int[][] f = {{1, 1, 9}, {0, 1, 21}, {0, 0, 10}};
        int[][] m = {{1, 1, 30}, {1, 0, 5}, {0, 0, 25}};
        StringBuilder weighted = new StringBuilder("sex,hired,label,w\n");
        StringBuilder rows = new StringBuilder("sex,hired,label\n");
        for (Map.Entry<String, int[][]> g : Map.of("F", f, "M", m).entrySet()) {
            for (int[] cell : g.getValue()) {
                weighted.append(g.getKey()).append(',').append(cell[0]).append(',').append(cell[1]).append(',').append(cell[2]).append('\n');
                for (int i = 0; i < cell[2]; i++) {
                    rows.append(g.getKey()).append(',').append(cell[0]).append(',').append(cell[1]).append('\n');
                }
            }
        }
        JsonObject byWeights = audit(ci, version(ci, "2.0.0", "  weight: w"), weighted.toString());
        JsonObject byRows = audit(ci, version(ci, "2.1.0", ""), rows.toString());
        Map<String, String> a = values(byWeights);
        Map<String, String> b = values(byRows);
        assertEquals(b, a);
        assertTrue(a.get("selection_rate sex F").startsWith("0.225 n=40 ci=["), "9 of 40 hired: " + a.get("selection_rate sex F"));
        assertEquals(byRows.getString("decision"), byWeights.getString("decision"));
    }

    private static JsonObject audit(Api ci, String path, String csv) throws Exception {
        Api.Reply upload = ci.send("POST", path + "/datasets", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        assertEquals(201, upload.status(), upload.text());
        Api.Reply r = ci.send("POST", path + "/audits?wait=120", "application/json",
                "{\"metrics\": [\"selection_rate\", \"true_positive_rate\", \"false_positive_rate\", \"accuracy\", \"statistical_parity_difference\", \"equalized_odds_difference\"]}".getBytes());
        assertEquals(201, r.status(), r.text());
        assertEquals("DONE", r.json().getString("status"), r.text());
        return r.json();
    }

    /** Each metric value with its n and interval, by metric, scope and group. */
    private static Map<String, String> values(JsonObject audit) {
        Map<String, String> out = new TreeMap<>();
        for (JsonObject v : audit.getJsonArray("metrics").getValuesAs(JsonObject.class)) {
            out.put(v.getString("metric") + " " + v.getString("scope", "-") + " " + v.getString("group", "-"),
                    v.get("value") + " n=" + v.get("n") + (v.containsKey("ci") ? " ci=" + v.get("ci") : ""));
        }
        return out;
    }
}
