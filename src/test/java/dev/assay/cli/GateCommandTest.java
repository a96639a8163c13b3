package dev.assay.cli;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What each answer of the gate means for the pipeline's exit status, and what the person reads. */
class GateCommandTest {

    private static final String FAILING = "{\"decision\":\"FAIL\",\"audit\":\"a1\",\"reasons\":[\"four-fifths-impact-ratio\"],"
            + "\"waivers\":[],\"report\":\"/api/v1/audits/a1/report\"}";

    private static Server.Reply reply(int status, String contentType, String body) {
        return new Server.Reply("GET /api/v1/models/m/versions/1/gate?require=PASS", status, contentType,
                body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void twoHundredIsMetAGateBodyWith409IsNotMetEverythingElseIsNoVerdict() {
        assertEquals(Exit.OK, GateCommand.exitCode(reply(200, "application/json", FAILING.replace("FAIL", "PASS"))));
        assertEquals(Exit.FAIL, GateCommand.exitCode(reply(409, "application/json", FAILING)));
        // 409 as a problem: cards of several models name the artifact; the gate gave no decision.
        assertEquals(Exit.ERROR, GateCommand.exitCode(reply(409, "application/problem+json",
                "{\"type\":\"https://assay.dev/problems/conflict\",\"title\":\"Conflict\",\"status\":409,\"detail\":\"Cards of several models\"}")));
        assertEquals(Exit.ERROR, GateCommand.exitCode(reply(404, "application/problem+json", "{\"title\":\"Not found\"}")));
        assertEquals(Exit.ERROR, GateCommand.exitCode(reply(401, "application/problem+json", "{\"title\":\"Authentication required\"}")));
        assertEquals(Exit.ERROR, GateCommand.exitCode(reply(403, "application/problem+json", "{\"title\":\"Not allowed\"}")));
        assertEquals(Exit.ERROR, GateCommand.exitCode(reply(400, "application/problem+json", "{\"title\":\"Bad request\"}")));
        assertEquals(Exit.ERROR, GateCommand.exitCode(reply(502, "text/html", "<html>Bad gateway</html>")));
        assertEquals(Exit.ERROR, GateCommand.exitCode(reply(302, "text/html", "")), "a redirect (to a sign-in page) is no verdict");
    }

    @Test
    void theSummarySaysTheDecisionAgainstTheRequirementThenWhy() {
        String failing = GateCommand.summary(Json.createReader(new StringReader(FAILING)).readObject(), "loan-approval 1.0.0",
                GateCommand.Required.PASS, false);
        assertEquals("""
                FAIL: loan-approval 1.0.0 does not meet PASS
                  reason: four-fifths-impact-ratio
                  audit: a1
                  report: /api/v1/audits/a1/report""", failing);

        String waived = GateCommand.summary(Json.createReader(new StringReader("{\"decision\":\"WARN\",\"audit\":\"a2\",\"reasons\":"
                + "[\"four-fifths-impact-ratio\"],\"waivers\":[{\"id\":\"w1\",\"rule\":\"four-fifths-impact-ratio\",\"status\":\"approved\","
                + "\"expiresAt\":\"2027-01-01T00:00:00Z\"}],\"report\":\"/api/v1/audits/a2/report\"}")).readObject(),
                "loan-approval 1.0.0", GateCommand.Required.WARN, true);
        assertEquals("""
                WARN: loan-approval 1.0.0 meets WARN
                  reason: four-fifths-impact-ratio
                  waiver: four-fifths-impact-ratio approved until 2027-01-01T00:00:00Z (w1)
                  audit: a2
                  report: /api/v1/audits/a2/report""", waived);

        String deployed = GateCommand.summary(Json.createReader(new StringReader(FAILING.replace("}", ",\"deployment\":{"
                + "\"environment\":\"production\",\"deployed\":true,\"id\":\"d1\",\"since\":\"2026-11-01T00:00:00Z\",\"health\":\"degraded\"}}")))
                .readObject(), "loan-approval 1.0.0", GateCommand.Required.PASS, false);
        assertEquals(failing + "\n  deployed in production since 2026-11-01T00:00:00Z, health degraded", deployed);
        String elsewhere = GateCommand.summary(Json.createReader(new StringReader(FAILING.replace("}", ",\"deployment\":{"
                + "\"environment\":\"staging\",\"deployed\":false,\"id\":null,\"since\":null,\"health\":null}}"))).readObject(),
                "loan-approval 1.0.0", GateCommand.Required.PASS, false);
        assertEquals(failing + "\n  not deployed in staging now", elsewhere);

        String none = GateCommand.summary(Json.createReader(new StringReader(
                "{\"decision\":\"NONE\",\"audit\":null,\"reasons\":[],\"waivers\":[],\"report\":null}")).readObject(),
                "m 1", GateCommand.Required.PASS, false);
        assertEquals("NONE: m 1 does not meet PASS (no audit of it has finished)", none);
    }

    /** An audit with a validity says until when; once expired, the one reason and when it expired. */
    @Test
    void theSummarySaysUntilWhenTheAuditIsValidOrThatItExpired() {
        String valid = GateCommand.summary(Json.createReader(new StringReader(FAILING.replace("FAIL", "PASS")
                .replace("[\"four-fifths-impact-ratio\"]", "[]").replace("}", ",\"expiresAt\":\"2027-03-01T09:30:00Z\"}")))
                .readObject(), "m 1", GateCommand.Required.PASS, true);
        assertEquals("""
                PASS: m 1 meets PASS
                  audit: a1
                  audit valid until 2027-03-01T09:30:00Z
                  report: /api/v1/audits/a1/report""", valid);
        String expired = GateCommand.summary(Json.createReader(new StringReader(FAILING.replace("four-fifths-impact-ratio", "audit expired")
                .replace("}", ",\"expiresAt\":\"2027-03-01T09:30:00Z\"}"))).readObject(), "m 1", GateCommand.Required.PASS, false);
        assertEquals("""
                FAIL: m 1 does not meet PASS
                  reason: audit expired
                  audit: a1
                  audit expired at 2027-03-01T09:30:00Z
                  report: /api/v1/audits/a1/report""", expired);
    }
}
