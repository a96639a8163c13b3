package dev.assay.portal;

import dev.assay.failure.FieldError;
import dev.assay.failure.InvalidInput;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard's search, filters and orders on a hand-made set of models, and its refusals. */
class DashboardQueryTest {

    private static final DashboardQuery.Row LOAN = new DashboardQuery.Row("loan-approval", List.of("olivia", "omar"), "high",
            List.of("eeoc-four-fifths", "nyc-ll144"), "FAIL", Instant.parse("2026-11-01T00:00:00Z"), 2);
    private static final DashboardQuery.Row CREDIT = new DashboardQuery.Row("credit-risk", List.of("carla"), "High",
            List.of("eeoc-four-fifths"), "PASS", Instant.parse("2026-11-20T00:00:00Z"), 5);
    private static final DashboardQuery.Row CHURN = new DashboardQuery.Row("churn", List.of("omar"), null,
            List.of(), "NONE", Instant.parse("2026-10-01T00:00:00Z"), 1);
    private static final DashboardQuery.Row RESUME = new DashboardQuery.Row("resume-screen", List.of("rita"), "limited",
            List.of("nyc-ll144"), "WARN", Instant.parse("2026-11-10T00:00:00Z"), 3);
    private static final List<DashboardQuery.Row> ALL = List.of(LOAN, CREDIT, CHURN, RESUME);

    private static List<String> names(DashboardQuery q) {
        return q.apply(ALL, Function.identity()).stream().map(DashboardQuery.Row::model).toList();
    }

    private static DashboardQuery q(String q, String owner, String risk, String policy, String gate, String sort) {
        return DashboardQuery.parse(q, owner, risk, policy, gate, sort);
    }

    @Test
    void withNothingGivenEveryModelByName() {
        DashboardQuery none = q(null, " ", "", null, null, null);
        assertEquals(List.of("churn", "credit-risk", "loan-approval", "resume-screen"), names(none));
        assertFalse(none.filtered());
    }

    @Test
    void searchLooksInNamesOwnersAndRiskTiersWithoutCase() {
        assertEquals(List.of("churn", "loan-approval"), names(q("OMAR", null, null, null, null, null)), "an owner");
        assertEquals(List.of("credit-risk", "loan-approval"), names(q("hig", null, null, null, null, null)), "a risk tier");
        assertEquals(List.of("resume-screen"), names(q(" resume ", null, null, null, null, null)), "a name, stripped");
        assertTrue(q("x", null, null, null, null, null).filtered());
    }

    @Test
    void filtersHoldTogether() {
        assertEquals(List.of("churn", "loan-approval"), names(q(null, "omar", null, null, null, null)));
        assertEquals(List.of(), names(q(null, "oma", null, null, null, null)), "an owner is matched whole");
        assertEquals(List.of("credit-risk", "loan-approval"), names(q(null, null, "HIGH", null, null, null)), "risk tiers without case");
        assertEquals(List.of("loan-approval", "resume-screen"), names(q(null, null, null, "nyc-ll144", null, null)));
        assertEquals(List.of("loan-approval"), names(q(null, "omar", null, "nyc-ll144", "fail", null)), "all at once, gate without case");
        assertEquals(List.of(), names(q(null, "omar", null, "nyc-ll144", "PASS", null)));
    }

    @Test
    void ordersAsAsked() {
        assertEquals(List.of("loan-approval", "resume-screen", "churn", "credit-risk"), names(q(null, null, null, null, null, "gate")),
                "failing first, then warnings, no audit, passing");
        assertEquals(List.of("credit-risk", "resume-screen", "loan-approval", "churn"), names(q(null, null, null, null, null, "registered")));
        assertEquals(List.of("credit-risk", "resume-screen", "loan-approval", "churn"), names(q(null, null, null, null, null, "VERSIONS")));
    }

    @Test
    void badParametersAreNamedAllAtOnce() {
        InvalidInput bad = assertThrows(InvalidInput.class, () -> q("x".repeat(201), null, null, null, "MAYBE", "price"));
        assertEquals(List.of("/q", "/gate", "/sort"), bad.errors().stream().map(FieldError::pointer).toList());
        assertEquals(200, q("x".repeat(200), null, null, null, null, null).q().length(), "200 characters is the bound, inclusive");
    }
}
