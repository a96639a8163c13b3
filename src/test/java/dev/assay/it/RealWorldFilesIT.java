package dev.assay.it;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exports as pandas and spreadsheets write them, over HTTP: non-finite values are missing and
 * counted, decimal commas are numbers, card values match by meaning, and what cannot be right is
 * refused at upload with the field, the line and the values seen.
 */
@ExtendWith(LibertyServer.class)
class RealWorldFilesIT {

    private static final String CARD = """
            model: %s
            version: 1.0.0
            owner: it@example.com
            task: binary-classification
            positiveLabel: %s
            favorableOutcome: %s
            columns:
              id: id
              label: y
              prediction: p
              score: s
              protected: [g]
            """;

    private static String register(Api ci, String model, String positiveLabel, String favorable) throws Exception {
        String version = "/api/v1/models/" + model + "/versions/1.0.0";
        Api.Reply r = ci.send("PUT", version, "application/yaml",
                CARD.formatted(model, positiveLabel, favorable).getBytes(StandardCharsets.UTF_8));
        assertEquals(201, r.status(), r.text());
        return version;
    }

    private static JsonObject metric(JsonObject audit, String id, String scope, String group) {
        return audit.getJsonArray("metrics").getValuesAs(JsonObject.class).stream()
                .filter(m -> m.getString("metric").equals(id) && java.util.Objects.equals(m.getString("scope", null), scope)
                        && java.util.Objects.equals(m.getString("group", null), group))
                .findFirst().orElseThrow(() -> new AssertionError(id + " " + scope + " " + group));
    }

    /**
     * 40 rows in a ;-delimited export with decimal-comma scores; 4 labels NaN. Over the 36 labelled rows
     * FPR 8/22, accuracy 19/36, base rate 14/36; the profile counts the NaNs.
     */
    @Test
    void nanLabelsAndDecimalCommasOverHttp() throws Exception {
        Api ci = Api.withRoles("ci-gate");
        String version = register(ci, "real-world-nan", "true", "true");
        StringBuilder csv = new StringBuilder("id;g;y;p;s\n");
        int[][] cells = {{1, 1, 5}, {1, 0, 9}, {0, 1, 8}, {0, 0, 14}};
        int id = 0;
        for (int[] cell : cells) {
            for (int i = 0; i < cell[2]; i++) {
                csv.append(++id).append(';').append(i % 2 == 0 ? "A" : "B").append(';').append(cell[0]).append(';').append(cell[1])
                        .append(';').append(cell[1] == 1 ? "0,75" : "0,25").append('\n');
            }
        }
        for (int i = 0; i < 4; i++) {
            csv.append(++id).append(";A;NaN;1;0,5\n");
        }
        Api.Reply upload = ci.send("POST", version + "/datasets", "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(201, upload.status(), upload.text());
        JsonObject label = upload.json().getJsonArray("columns").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("y")).findFirst().orElseThrow();
        assertEquals(4, label.getInt("nonFinite"));
        assertEquals(4, label.getInt("nulls"));
        JsonObject score = upload.json().getJsonArray("columns").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("s")).findFirst().orElseThrow();
        assertEquals("DOUBLE", score.getString("type"));

        Api.Reply audit = ci.send("POST", version + "/audits?wait=60", "application/json",
                "{\"metrics\":[\"false_positive_rate\",\"accuracy\",\"base_rate\",\"selection_rate\",\"mean_score\"]}".getBytes());
        assertEquals(201, audit.status(), audit.text());
        JsonObject a = audit.json();
        assertEquals(8.0 / 22, metric(a, "false_positive_rate", null, null).getJsonNumber("value").doubleValue(), 1e-12);
        assertEquals(19.0 / 36, metric(a, "accuracy", null, null).getJsonNumber("value").doubleValue(), 1e-12);
        assertEquals(14.0 / 36, metric(a, "base_rate", null, null).getJsonNumber("value").doubleValue(), 1e-12);
        assertEquals(36, metric(a, "accuracy", null, null).getInt("n"));
        // The card says true, the columns hold 0/1: 17 of the 40 predictions are 1 (13 + 4 unlabelled).
        assertEquals(17.0 / 40, metric(a, "selection_rate", null, null).getJsonNumber("value").doubleValue(), 1e-12);
        // 13 scores of 0.75, 23 of 0.25, 4 of 0.5.
        assertEquals((13 * 0.75 + 23 * 0.25 + 4 * 0.5) / 40, metric(a, "mean_score", null, null).getJsonNumber("value").doubleValue(),
                1e-12);
    }

    @Test
    void aCardValueThatMatchesNoRowIsRefusedWithTheValuesSeen() throws Exception {
        Api ci = Api.withRoles("ci-gate");
        String version = register(ci, "real-world-unmatched", "\"yes\"", "1");
        Api.Reply r = ci.send("POST", version + "/datasets", "text/csv",
                "id,g,y,p,s\n1,A,1,1,0.5\n2,B,0,0,0.25\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(422, r.status(), r.text());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        List<JsonObject> errors = r.json().getJsonArray("errors").getValuesAs(JsonObject.class);
        assertEquals("/positiveLabel", errors.get(0).getString("pointer"));
        assertTrue(errors.get(0).getString("message").endsWith("its values: 0, 1"), errors.get(0).toString());
        assertEquals(0, ci.get(version).json().getJsonArray("datasets").size(), "nothing stored");
    }

    @Test
    void aScoreHoldingTextIsRefusedAtItsLine() throws Exception {
        Api ci = Api.withRoles("ci-gate");
        String version = register(ci, "real-world-text-score", "1", "1");
        Api.Reply r = ci.send("POST", version + "/datasets", "text/csv",
                "id,g,y,p,s\n1,A,1,1,0.5\n2,B,0,0,\"0,25\"\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(422, r.status(), r.text());
        JsonObject error = r.json().getJsonArray("errors").getJsonObject(0);
        assertEquals("/columns/score", error.getString("pointer"));
        assertEquals(3, error.getInt("line"));
        assertEquals(5, error.getInt("column"));
        assertTrue(error.getString("message").contains("'0,25'"), error.toString());
        assertEquals(0, ci.get(version).json().getJsonArray("datasets").size(), "nothing stored");
    }
}
