package dev.assay.metric.fairness;

import dev.assay.metric.engine.DuckDbEngine;
import dev.assay.metric.GroupKey;
import dev.assay.metric.counts.GroupState;
import dev.assay.metric.MetricParameters;
import dev.assay.metric.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.assay.infrastructure.DuckDb;
import dev.assay.metric.counts.AggregationPlan;
import dev.assay.metric.MetricValue;
import dev.assay.metric.OutcomeColumns;
import dev.assay.metric.Scope;
import jakarta.json.Json;
import jakarta.json.JsonValue;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.assay.metric.Tables.compute;
import static dev.assay.metric.Tables.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** AIF360's own test vectors (aif360/tests/test_classification_metric.py), re-derived here. */
class InequalityIndicesTest {

    @TempDir
    Path dir;

    static final String[] FEAT = {"0", "0", "1", "1", "1", "1", "2", "2", "2", "2"};
    static final int[] LABEL = {1, 0, 0, 1, 0, 0, 1, 0, 1, 1};
    /** The labels with rows 3 and 9 turned to 0 and rows 4 and 5 to 1. */
    static final int[] PRED = {1, 0, 0, 0, 1, 1, 1, 0, 1, 0};

    @Test
    void generalizedEntropyIndexIsPointTwoThenPointThree() throws Exception {
        Map<GroupKey, GroupState> g = Tables.groups(dir, FEAT, LABEL, PRED);
        assertEquals(0.2, only(compute("generalized_entropy_index", g)).value(), 1e-12);
        Map<GroupKey, GroupState> g2 = Tables.groups(dir, FEAT, LABEL, new int[] {0, 1, 1, 0, 0, 0, 0, 1, 1, 1});
        assertEquals(0.3, only(compute("generalized_entropy_index", g2)).value(), 1e-12);
    }

    @Test
    void theilIndexIsFourLnTwoOverTen() throws Exception {
        Map<GroupKey, GroupState> g = Tables.groups(dir, FEAT, LABEL, PRED);
        assertEquals(4 * Math.log(2) / 10, only(compute("theil_index", g)).value(), 1e-12);
        assertEquals(Math.sqrt(2 * 0.2), only(compute("coefficient_of_variation", g)).value(), 1e-12);
    }

    @Test
    void betweenAllGroupsReplacesEachBenefitByItsGroupMean() throws Exception {
        Map<GroupKey, GroupState> g = Tables.groups(dir, FEAT, LABEL, PRED);
        double[] b = {1, 1, 1.25, 1.25, 1.25, 1.25, 0.75, 0.75, 0.75, 0.75};
        double expected = 0;
        for (double v : b) {
            expected += v * v - 1;
        }
        expected /= 20;
        assertEquals(expected, only(compute("between_group_generalized_entropy_index", g)).value(), 1e-12);
    }

    @Test
    void alphaIsAParameter() throws Exception {
        Map<GroupKey, GroupState> g = Tables.groups(dir, FEAT, LABEL, PRED);
        // b = (1,1,1,0,2,2,1,1,1,0), mu = 1; alpha 3: sum(b^3 - 1) / (10 * 3 * 2) = (0*6 - 2 + 14) / 60.
        var p = new MetricParameters(0.95, 30, dev.assay.metric.Reference.HIGHEST_RATE, true, 3.0);
        var v = compute("generalized_entropy_index", g, p);
        assertEquals(12.0 / 60, only(v).value(), 1e-12);
    }

    /** AIF360's formula over a benefit vector, by hand: GEI(alpha) = sum((b/mu)^alpha - 1) / (n alpha (alpha - 1)), Theil for alpha 1. */
    private static double aif360(double[] b, double alpha) {
        double mu = java.util.Arrays.stream(b).sum() / b.length;
        double sum = 0;
        for (double v : b) {
            sum += alpha == 1 ? (v == 0 ? 0 : (v / mu) * Math.log(v / mu)) : Math.pow(v / mu, alpha) - 1;
        }
        return alpha == 1 ? sum / b.length : sum / (b.length * alpha * (alpha - 1));
    }

    /** The whole-dataset counts of (a, y, p) rows under the given card outcomes, through the SQL scan. */
    private Map<GroupKey, GroupState> aggregate(String csv, String types, Map<String, String> columnTypes, OutcomeColumns outcomes)
            throws Exception {
        Path parquet = Tables.toParquet(dir, csv, types);
        try (DuckDbEngine c = DuckDbEngine.open(DuckDb.withDefaults(dir))) {
            return new AggregationPlan(List.of(Scope.of("a")), outcomes).execute(c, c.table(parquet)).groups(Scope.of("a"));
        }
    }

    static final int[] CREDIT_LABEL = {1, 1, 1, 0, 0, 0, 1, 0};
    static final int[] CREDIT_PRED = {1, 0, 0, 0, 1, 0, 1, 0};

    /**
     * Credit default: the positive class is 1 (default), the favorable outcome 0 (no default). AIF360 with
     * favorable_label = 0: y_pred = [pred == 0] = 0,1,1,1,0,1,0,1; y_true = [label == 0] = 0,0,0,1,1,1,0,1;
     * b = y_pred - y_true + 1 = 1,2,2,1,0,1,1,1 (two defaulters predicted not to default gain; one
     * non-defaulter predicted to default loses). The positive class would give 1,0,0,1,2,1,1,1 instead.
     */
    @Test
    void benefitFollowsTheFavorableOutcomeWhenItIsTheNegativeClass() throws Exception {
        StringBuilder csv = new StringBuilder("a,y,p\n");
        for (int i = 0; i < CREDIT_LABEL.length; i++) {
            csv.append(i % 2 == 0 ? "u" : "v").append(',').append(CREDIT_LABEL[i]).append(',').append(CREDIT_PRED[i]).append('\n');
        }
        OutcomeColumns outcomes = new OutcomeColumns("p", Optional.of(Json.createValue(0)), Optional.of("y"), Optional.of(Json.createValue(1)),
                List.of(Json.createValue(1)), Optional.empty(), Map.of("a", "VARCHAR", "y", "INTEGER", "p", "INTEGER"));
        Map<GroupKey, GroupState> g = aggregate(csv.toString(), "{'a': 'VARCHAR', 'y': 'INTEGER', 'p': 'INTEGER'}",
                Map.of("a", "VARCHAR", "y", "INTEGER", "p", "INTEGER"), outcomes);
        double[] b = {1, 2, 2, 1, 0, 1, 1, 1};
        // mu = 9/8; GEI(2) = (sum b^2 / mu^2 - n) / (2n) = (13 * 64/81 - 8) / 16 = 23/162.
        assertEquals(23.0 / 162, aif360(b, 2), 1e-15);
        assertEquals(aif360(b, 2), only(compute("generalized_entropy_index", g)).value(), 1e-12);
        assertEquals(aif360(b, 1), only(compute("theil_index", g)).value(), 1e-12);
        assertEquals(Math.sqrt(2 * aif360(b, 2)), only(compute("coefficient_of_variation", g)).value(), 1e-12);
        assertNotEquals(aif360(new double[] {1, 0, 0, 1, 2, 1, 1, 1}, 2), aif360(b, 2), 1e-3, "the positive class gives another value");
        // Between groups: u holds rows 0, 2, 4, 6 (b = 1, 2, 0, 1: mean 1), v rows 1, 3, 5, 7 (2, 1, 1, 1: mean 5/4).
        double[] between = {1, 1.25, 1, 1.25, 1, 1.25, 1, 1.25};
        assertEquals(aif360(between, 2), only(compute("between_group_generalized_entropy_index", g)).value(), 1e-12);
    }

    /**
     * COMPAS's terms: the prediction is score_text, the label two_year_recid, positivePrediction [Medium, High]
     * translates predictions to the positive class 1 (re-offence), and the favorable outcome "Low" is not among
     * them, so the favorable label is 0. Rows (label, prediction): (0, Low) b 1, (1, Low) b 2, (0, High) b 0,
     * (1, Medium) b 1, (0, Medium) b 0, (1, High) b 1.
     */
    @Test
    void predictionsInOtherTermsTakeTheFavorableClassTheCardTranslatesThemTo() throws Exception {
        String csv = "a,y,p\nu,0,Low\nu,1,Low\nu,0,High\nv,1,Medium\nv,0,Medium\nv,1,High\n";
        Map<String, String> types = Map.of("a", "VARCHAR", "y", "INTEGER", "p", "VARCHAR");
        OutcomeColumns outcomes = new OutcomeColumns("p", Optional.of(Json.createValue("Low")), Optional.of("y"), Optional.of(Json.createValue(1)),
                List.<JsonValue>of(Json.createValue("Medium"), Json.createValue("High")), Optional.empty(), types);
        Map<GroupKey, GroupState> g = aggregate(csv, "{'a': 'VARCHAR', 'y': 'INTEGER', 'p': 'VARCHAR'}", types, outcomes);
        double[] b = {1, 2, 0, 1, 0, 1};
        MetricValue gei = only(compute("generalized_entropy_index", g));
        assertEquals(aif360(b, 2), gei.value(), 1e-12);
        assertEquals(6, gei.n());
    }
}
