package dev.assay.cli;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The summary of a finished audit: its decision, reasons and the findings that did not pass, from the signed sample. */
class AuditCommandTest {

    @Test
    void theSummaryOfTheDemosFailingVersion() throws Exception {
        JsonObject report = Json.createReader(new StringReader(Files.readString(
                Path.of("reports", "samples", "loan-approval-1.0.0.report.json")))).readObject();
        // GET /api/v1/audits/{id} embeds the signed report's decision, reasons and findings as they were signed.
        JsonObject audit = Json.createObjectBuilder().add("id", "a1").add("status", "DONE")
                .add("decision", report.getString("decision")).add("reasons", report.getJsonArray("reasons"))
                .add("findings", report.getJsonArray("findings")).build();
        assertEquals("""
                audit a1: DONE, decision FAIL
                  reasons: four-fifths-impact-ratio
                  fail      race=Black  impact_ratio 0.4643 (95% CI 0.4136 to 0.5211), needs >= 0.8  [four-fifths-impact-ratio]
                  undefined race=Native American  impact_ratio undefined: insufficient data: 25 rows, fewer than the minimum group size of 30  [four-fifths-impact-ratio]
                  report: https://assay.example.com/api/v1/audits/a1/report""",
                AuditCommand.summary(audit, new Server(URI.create("https://assay.example.com"), "t")));
    }

    @Test
    void aFindingWithinAStratumOfControlColumnsSaysWhich() {
        JsonObject f = Json.createReader(new StringReader("""
                {"rule": "gap", "metric": "selection_rate_difference", "scope": "sex", "group": null, "stratum": "senior",
                 "value": 0.4, "comparator": "<=", "threshold": 0.2, "outcome": "fail"}""")).readObject();
        assertEquals("fail      sex in senior  selection_rate_difference 0.4, needs <= 0.2  [gap]", AuditCommand.finding(f));
    }
}
