package dev.assay.api;

import dev.assay.infrastructure.SchemaCheck;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Request bodies say every mistake at once: a key Assay does not know (never ignored), a known key of
 * the wrong JSON type, a value out of range; each by its JSON pointer with the line and column of the
 * value in the body (of the key, for an unknown one).
 */
class RequestBodiesTest {

    /** Each error as "pointer line:column message". */
    static List<String> errors(Problem p) {
        return p.errors().stream().map(e -> e.pointer() + " " + e.line() + ":" + e.column() + " " + e.message()).toList();
    }

    private static Problem auditRequest(String body) {
        AuditResource.Parsed parsed = AuditResource.parse(body);
        return assertThrows(Problem.class, () -> parsed.body().check("The audit request", parsed.errors()));
    }

    @Test
    void anAuditRequestNamesEveryUnknownKeyAndWrongTypeAtOnce() {
        Problem p = auditRequest("""
                {
                  "polices": ["eeoc-four-fifths"],
                  "parameters": {"confidence": "0.95", "rounding": {"decimals": 2}},
                  "metrics": ["selection_rate", 3],
                  "rounding": {"decimals": 2, "mode": "half_up", "digits": 3}
                }
                """);
        assertEquals(422, p.status());
        assertEquals("The audit request has 5 problem(s)", p.getMessage());
        assertEquals(List.of(
                "/polices 2:3 unknown property 'polices' (did you mean 'policies'?); known here: policies, dataset, baseline, "
                        + "metrics, parameters, rounding",
                "/parameters/confidence 3:32 must be a number, not a string",
                "/parameters/rounding 3:40 unknown property 'rounding'; known here: confidence, minimumGroupSize, reference, "
                        + "equalizedOdds, alpha, excludeBelowShare, scoringRate, driftTests, phoneRegions",
                "/metrics/1 4:33 must be a string, not an integer",
                "/rounding/digits 5:50 unknown property 'digits'; known here: decimals, mode"), errors(p));
    }

    @Test
    void anAuditRequestsValuesAreCheckedBesideItsKeys() {
        Problem p = auditRequest("""
                {"parameters": {"confidence": 1.5, "reference": "tallest", "driftTests": {"age": "t-test"}},
                 "rounding": {"mode": "up"}, "dataset": 7}
                """);
        assertEquals(List.of(
                "/parameters/confidence 1:31 must have an exclusive maximum value of 1",
                "/parameters/reference 1:49 must be one of \"highest_rate\", \"majority\", \"overall\"",
                "/parameters/driftTests/age 1:82 must be one of \"ks\", \"wasserstein\", \"psi\", \"chi_square\", \"jensen_shannon\"",
                "/rounding/decimals 2:14 is required",
                "/rounding/mode 2:23 must be one of \"half_up\", \"half_even\", \"down\"",
                "/dataset 2:41 must be a string or null, not an integer"), errors(p));
    }

    @Test
    void theBodiesTheReadmeAndTheTestsSendAreAccepted() {
        for (String body : List.of("", "{}", "{\"policies\":[\"eeoc-four-fifths\"]}",
                "{\"policies\":[\"eeoc-four-fifths\"],\"metrics\":[\"false_positive_rate\",\"equalized_odds_difference\"]}",
                "{\"parameters\": {\"confidence\": 0.95, \"minimumGroupSize\": 30, \"reference\": {\"group\": \"White\"},"
                        + " \"equalizedOdds\": \"mean\", \"alpha\": 2, \"excludeBelowShare\": 0.02, \"scoringRate\": \"above_median\","
                        + " \"driftTests\": {\"score\": \"psi\", \"age\": \"ks\"}, \"phoneRegions\": [\"US\", \"gb\"]}, \"rounding\": {\"decimals\": 2, \"mode\": \"half_even\"},"
                        + " \"dataset\": \"d1\", \"baseline\": null}")) {
            AuditResource.Parsed parsed = AuditResource.parse(body);
            parsed.body().check("The audit request", parsed.errors());
        }
    }

    private static Problem body(String schema, String body) {
        JsonBodies.Body checked = JsonBodies.object(body, SchemaCheck.load("policies/schema/" + schema + ".schema.json"));
        return assertThrows(Problem.class, () -> checked.check("The body", List.of()));
    }

    @Test
    void tokensUsersWaiversAndRevocationsRefuseUnknownKeysAndWrongTypes() {
        assertEquals(List.of("/roles/0 1:26 must be one of \"model-owner\", \"auditor\", \"admin\", \"ci-gate\"",
                        "/expiresInDays 1:52 must be an integer, not a string",
                        "/expires 1:58 unknown property 'expires' (did you mean 'expiresInDays'?); known here: name, roles, expiresInDays, user"),
                errors(body("token-request", "{\"name\": \"ci\", \"roles\": [\"boss\"], \"expiresInDays\": \"90\", \"expires\": 1}")));
        assertEquals(List.of("/username 1:1 is required",
                        "/user 1:2 unknown property 'user' (did you mean 'username'?); known here: username, roles, password"),
                errors(body("user-request", "{\"user\": \"ann\", \"roles\": [\"auditor\"]}")));
        assertEquals(List.of("/expiresInDays 1:55 must be an integer, not a number",
                        "/justifcation 1:61 unknown property 'justifcation' (did you mean 'justification'?); known here: rule, "
                                + "justification, expiresAt, expiresInDays"),
                errors(body("waiver-request", "{\"rule\": \"four-fifths-impact-ratio\", \"expiresInDays\": 30.5, \"justifcation\": \"x\"}")));
        assertEquals(List.of("/comment 1:13 must be a string or null, not an array"),
                errors(body("waiver-decision", "{\"comment\": [\"fine\"]}")));
        assertEquals(List.of("/why 1:2 unknown property 'why'; known here: reason"),
                errors(body("key-revocation", "{\"why\": \"a laptop was lost with the key on it\"}")));
    }
}
