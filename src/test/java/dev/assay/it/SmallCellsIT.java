package dev.assay.it;

import dev.assay.report.SmallCells;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A group of three people: no value of theirs leaves Assay, not in the audit result, not in the
 * signed report; the decision is the same as on exact values, and the signature still verifies.
 */
@ExtendWith(LibertyServer.class)
class SmallCellsIT {

    @Test
    void aGroupOfThreeShowsNoValueInTheApiOrTheSignedReport() throws Exception {
        Api ci = Api.withRoles("ci-gate");
        String version = WalkingSkeletonIT.register(ci, "small-cells-it");
        StringBuilder csv = new StringBuilder(WalkingSkeletonIT.csv());
        csv.append("101,X,1,1\r\n102,X,0,1\r\n103,X,0,0\r\n");
        assertEquals(201, ci.send("POST", version + "/datasets", "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8)).status());
        Api.Reply audit = ci.send("POST", version + "/audits?wait=120", "application/json",
                "{\"metrics\": [\"selection_rate\", \"true_positive_rate\"]}".getBytes());
        assertEquals(201, audit.status(), audit.text());
        assertEquals("DONE", audit.json().getString("status"), audit.text());

        String reportText = ci.get("/api/v1/audits/" + audit.json().getString("id") + "/report", "application/json").text();
        JsonObject report = jakarta.json.Json.createReader(new java.io.StringReader(reportText)).readObject();
        for (JsonObject document : new JsonObject[] {audit.json(), report}) {
            for (JsonObject v : document.getJsonArray("metrics").getValuesAs(JsonObject.class)) {
                if ("X".equals(v.getString("group", null))) {
                    assertTrue(v.isNull("value") && v.isNull("ci"), v.toString());
                    assertEquals(SmallCells.SUPPRESSED, v.getString("undefined"), v.toString());
                    assertFalse(v.containsKey("note") || v.containsKey("test"), v.toString());
                } else if ("F".equals(v.getString("group", null)) && v.getString("metric").equals("selection_rate")) {
                    assertEquals(0.3, v.getJsonNumber("value").doubleValue(), 1e-12, "F's 12 of 40 stays");
                }
            }
        }
        assertFalse(reportText.contains("0.3333"), "one in three selected appears nowhere");
        // The group is also too small for the four-fifths rule (minimum 30): undefined, as on exact values.
        assertEquals("FAIL", report.getString("decision"));
    }
}
