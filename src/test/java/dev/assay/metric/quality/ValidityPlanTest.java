package dev.assay.metric.quality;

import dev.assay.metric.engine.DuckDbEngine;
import dev.assay.infrastructure.DuckDb;
import dev.assay.metric.ColumnExpectation;
import dev.assay.metric.ColumnExpectation.DeclaredType;
import dev.assay.metric.MetricValue;
import dev.assay.metric.OutcomeColumns;
import dev.assay.metric.Tables;
import dev.assay.metric.quality.ValidityState.ColumnCheck;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every validity metric against counts made by hand on small tables, through the real DuckDB scan. */
class ValidityPlanTest {

    @TempDir
    Path dir;

    private static final String CHECKS_CSV = """
            code,n,d,e,k
            AB-1,12,1.5,,x
            AB-2,1.5,2.0,,x
            zz,abc,-3,,x
            ,  7 ,,,x
            AB-3,,10,,x
            """;
    private static final Map<String, String> CHECK_TYPES =
            Map.of("code", "VARCHAR", "n", "VARCHAR", "d", "DOUBLE", "e", "VARCHAR", "k", "VARCHAR");

    private static ColumnExpectation type(DeclaredType t) {
        return new ColumnExpectation(t, List.of(), null, null, null);
    }

    private static ColumnExpectation allowed(String... values) {
        return new ColumnExpectation(null, List.of(values).stream().map(v -> (JsonValue) Json.createValue(v)).toList(),
                null, null, null);
    }

    private static ColumnExpectation range(Double min, Double max) {
        return new ColumnExpectation(null, List.of(), min, max, null);
    }

    private static ColumnExpectation pattern(String p) {
        return new ColumnExpectation(null, List.of(), null, null, p);
    }

    private static OutcomeColumns outcomes(String prediction, Map<String, String> types) {
        return new OutcomeColumns(prediction, Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty(), types);
    }

    private ValidityState scan(String csv, String duckTypes, ValidityPlan plan) throws Exception {
        Path parquet = Tables.toParquet(dir, csv, duckTypes);
        try (DuckDbEngine c = DuckDbEngine.open(DuckDb.withDefaults(dir))) {
            return plan.execute(c, c.table(parquet));
        }
    }

    private static Double value(ValidityState state, ColumnCheck check) {
        return ColumnChecks.of(check.metric(), check.column(), state.checks().get(check), 0.95).value();
    }

    @Test
    void columnChecksByHand() throws Exception {
        List<ColumnCheck> checks = new ArrayList<>();
        ColumnCheck nInteger = new ColumnCheck("type_validity", "n", type(DeclaredType.INTEGER));
        ColumnCheck nNumber = new ColumnCheck("type_validity", "n", type(DeclaredType.NUMBER));
        ColumnCheck dInteger = new ColumnCheck("type_validity", "d", type(DeclaredType.INTEGER));
        ColumnCheck nString = new ColumnCheck("type_validity", "n", type(DeclaredType.STRING));
        ColumnCheck codeAllowed = new ColumnCheck("allowed_values", "code", allowed("AB-1", "AB-2", "zz"));
        ColumnCheck kAllowed = new ColumnCheck("allowed_values", "k", allowed("x"));
        ColumnCheck codeAnchored = new ColumnCheck("pattern_match", "code", pattern("^AB-[0-9]$"));
        ColumnCheck codeFound = new ColumnCheck("pattern_match", "code", pattern("z"));
        ColumnCheck dRange = new ColumnCheck("value_range", "d", range(0.0, 5.0));
        ColumnCheck dAboveZero = new ColumnCheck("value_range", "d", range(0.0, null));
        ColumnCheck nRange = new ColumnCheck("value_range", "n", range(0.0, 100.0));
        ColumnCheck empty = new ColumnCheck("allowed_values", "e", allowed("x"));
        checks.addAll(List.of(nInteger, nNumber, dInteger, nString, codeAllowed, kAllowed, codeAnchored, codeFound, dRange,
                dAboveZero, nRange, empty));
        ValidityState state = scan(CHECKS_CSV, "{'code': 'VARCHAR', 'n': 'VARCHAR', 'd': 'DOUBLE', 'e': 'VARCHAR', 'k': 'VARCHAR'}",
                new ValidityPlan(checks, List.of(), outcomes("k", CHECK_TYPES), false, false));

        assertEquals(5, state.rows());
        // n holds '12', '1.5', 'abc', '  7 ' (and one null): whole numbers '12' and '  7 ' (trimmed).
        assertEquals(4, state.checks().get(nInteger).nonNull());
        assertEquals(2.0 / 4, value(state, nInteger), 1e-12);
        assertEquals(3.0 / 4, value(state, nNumber), 1e-12);
        assertEquals(1.0, value(state, nString), 1e-12);
        // d holds 1.5, 2.0, -3, 10: three are whole.
        assertEquals(3.0 / 4, value(state, dInteger), 1e-12);
        // code holds AB-1, AB-2, zz, AB-3.
        assertEquals(3.0 / 4, value(state, codeAllowed), 1e-12);
        assertEquals(1.0, value(state, kAllowed), 1e-12);
        assertEquals(3.0 / 4, value(state, codeAnchored), 1e-12);
        assertEquals(1.0 / 4, value(state, codeFound), 1e-12, "found anywhere in the value, as Deequ's PatternMatch");
        // Outside [0, 5]: -3 and 10; outside [0, inf): -3; n outside [0, 100]: 'abc' (no number).
        assertEquals(2.0 / 4, value(state, dRange), 1e-12);
        assertEquals(1.0 / 4, value(state, dAboveZero), 1e-12);
        assertEquals(1.0 / 4, value(state, nRange), 1e-12);
        MetricValue allNull = ColumnChecks.of("allowed_values", "e", state.checks().get(empty), 0.95);
        assertNull(allNull.value());
        assertEquals("the column has no values", allNull.undefined());
        // The interval is Wilson's on the same counts.
        MetricValue withCi = ColumnChecks.of("type_validity", "n", state.checks().get(nInteger), 0.95);
        assertEquals(dev.assay.stats.Proportions.wilson(2, 4, 0.95).orElseThrow(), withCi.ci());
    }

    @Test
    void singleRowAndEmptyDataset() throws Exception {
        ColumnCheck check = new ColumnCheck("type_validity", "a", type(DeclaredType.DATE));
        ValidityState one = scan("a\n2024-02-29\n", "{'a': 'VARCHAR'}",
                new ValidityPlan(List.of(check), List.of(), outcomes("a", Map.of("a", "VARCHAR")), false, false));
        assertEquals(1.0, value(one, check), 0);
        ValidityState invalidDate = scan("a\n2023-02-29\n", "{'a': 'VARCHAR'}",
                new ValidityPlan(List.of(check), List.of(), outcomes("a", Map.of("a", "VARCHAR")), false, false));
        assertEquals(0.0, value(invalidDate, check), 0, "2023 is no leap year");
        ValidityState none = scan("a\n", "{'a': 'VARCHAR'}", new ValidityPlan(List.of(check), List.of(
                new ValidityPlan.NamedRole("a", "prediction", false)), outcomes("a", Map.of("a", "VARCHAR")), true, false));
        assertEquals(0, none.rows());
        assertNull(ColumnChecks.of("type_validity", "a", none.checks().get(check), 0.95).value());
        assertNull(PredictionValidity.of(none, 0.95).value());
        assertEquals(0.0, SchemaConformance.of(none).value(), 0, "a column without values is not usable");
    }

    @Test
    void predictionsInTheLabelDomainAndScoresInTheUnitInterval() throws Exception {
        String csv = """
                y,p,s
                1,1,0.9
                0,0,0.1
                1,2,0.5
                0,,0.3
                1,1,1.2
                0,0,
                """;
        Map<String, String> types = Map.of("y", "INTEGER", "p", "INTEGER", "s", "DOUBLE");
        OutcomeColumns o = new OutcomeColumns("p", Optional.of(Json.createValue(1)), Optional.of("y"), Optional.of(Json.createValue(1)),
                List.of(Json.createValue(1)), Optional.of("s"), types);
        ValidityState state = scan(csv, "{'y': 'INTEGER', 'p': 'INTEGER', 's': 'DOUBLE'}",
                new ValidityPlan(List.of(), List.of(), o, true, false));
        // Valid predictions (0 or 1): rows 1, 2, 5, 6; valid scores: rows 1 to 4; both: rows 1 and 2.
        assertEquals(4, state.predictions().validPredictions());
        assertEquals(4, state.predictions().validScores());
        MetricValue v = PredictionValidity.of(state, 0.95);
        assertEquals(2.0 / 6, v.value(), 1e-12);
        assertEquals(6, v.n());
        assertEquals("2 row(s) with a prediction outside {0, 1}, 2 with a score outside [0, 1]", v.note());
    }

    @Test
    void aModelPredictingInOtherTermsThanItsLabel() throws Exception {
        // COMPAS: label two_year_recid 0/1, prediction score_text Low/Medium/High.
        String csv = "y,p\n1,High\n0,Low\n1,Medium\n0,unknown\n";
        Map<String, String> types = Map.of("y", "INTEGER", "p", "VARCHAR");
        OutcomeColumns o = new OutcomeColumns("p", Optional.of(Json.createValue("Low")), Optional.of("y"), Optional.of(Json.createValue(1)),
                List.of(Json.createValue("Medium"), Json.createValue("High")), Optional.empty(), types);
        ValidityState state = scan(csv, "{'y': 'INTEGER', 'p': 'VARCHAR'}", new ValidityPlan(List.of(), List.of(), o, true, false));
        assertEquals(3.0 / 4, PredictionValidity.of(state, 0.95).value(), 1e-12);
        OutcomeColumns noLabel = new OutcomeColumns("p", Optional.of(Json.createValue("Low")), Optional.empty(), Optional.empty(),
                List.of(), Optional.empty(), types);
        ValidityState unknown = scan(csv, "{'y': 'INTEGER', 'p': 'VARCHAR'}",
                new ValidityPlan(List.of(), List.of(), noLabel, true, false));
        assertTrue(PredictionValidity.of(unknown, 0.95).undefined().contains("label"));
    }

    @Test
    void regressionPredictionsAreFiniteNumbers() throws Exception {
        String csv = "y,p\n1.0,1.5\n2.0,nan\n3.0,\n4.0,3\n";
        Map<String, String> types = Map.of("y", "DOUBLE", "p", "DOUBLE");
        OutcomeColumns o = new OutcomeColumns("p", Optional.empty(), Optional.of("y"), Optional.empty(), List.of(), Optional.empty(), types);
        ValidityState state = scan(csv, "{'y': 'DOUBLE', 'p': 'DOUBLE'}", new ValidityPlan(List.of(), List.of(), o, true, true));
        assertEquals(2.0 / 4, PredictionValidity.of(state, 0.95).value(), 1e-12);
    }

    @Test
    void schemaConformanceNamesEachProblem() throws Exception {
        String csv = "id,y,p,s,sex\n1,1,1,high,\n2,0,0,low,\n";
        Map<String, String> types = Map.of("id", "INTEGER", "y", "INTEGER", "p", "INTEGER", "s", "VARCHAR", "sex", "VARCHAR");
        List<ValidityPlan.NamedRole> named = List.of(new ValidityPlan.NamedRole("id", "id", false),
                new ValidityPlan.NamedRole("y", "label", false), new ValidityPlan.NamedRole("p", "prediction", false),
                new ValidityPlan.NamedRole("s", "score", true), new ValidityPlan.NamedRole("sex", "protected", false),
                new ValidityPlan.NamedRole("zip3", "quasi-identifier", false));
        ValidityState state = scan(csv, "{'id': 'INTEGER', 'y': 'INTEGER', 'p': 'INTEGER', 's': 'VARCHAR', 'sex': 'VARCHAR'}",
                new ValidityPlan(List.of(), named, outcomes("p", types), false, false));
        MetricValue v = SchemaConformance.of(state);
        assertEquals(3.0 / 6, v.value(), 1e-12);
        assertEquals(6, v.n());
        assertEquals("score column 's' is VARCHAR, not numeric; protected column 'sex' has no values; "
                + "quasi-identifier column 'zip3' is missing", v.note());
    }

    @Test
    void hostileColumnNamesAndPatternsStayQuoted() throws Exception {
        String column = "a\"; DROP TABLE x; --";
        ColumnCheck check = new ColumnCheck("pattern_match", column, pattern("'; SELECT 1; --"));
        Path parquet = Tables.toParquet(dir, "\"a\"\"; DROP TABLE x; --\"\nq'; SELECT 1; --x\nother\n", "{'a\"; DROP TABLE x; --': 'VARCHAR'}");
        ValidityState state;
        try (DuckDbEngine c = DuckDbEngine.open(DuckDb.withDefaults(dir))) {
            state = new ValidityPlan(List.of(check), List.of(), outcomes(column, Map.of(column, "VARCHAR")), false, false)
                    .execute(c, c.table(parquet));
        }
        assertEquals(1.0 / 2, value(state, check), 1e-12);
    }
}
