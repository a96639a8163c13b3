package dev.assay.metric.performance;

import dev.assay.metric.engine.DuckDbEngine;
import dev.assay.infrastructure.DuckDb;
import dev.assay.metric.counts.AggregationPlan;
import dev.assay.metric.counts.Aggregates;
import dev.assay.metric.engine.MetricCatalogue;
import dev.assay.metric.MetricParameters;
import dev.assay.metric.MetricValue;
import dev.assay.metric.OutcomeColumns;
import dev.assay.metric.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Regression metrics on a table small enough to compute by hand. */
class RegressionMetricsTest {

    @TempDir
    Path dir;

    @Test
    void byHand() throws Exception {
        // A: y 1 2 3, yhat 1 2 5 -> MAE 2/3, RMSE sqrt(4/3), SS_tot 2, R2 1 - 4/2 = -1, mean yhat 8/3.
        // B: y 2 4, yhat 3 3 -> MAE 1, RMSE 1, SS_tot 2, R2 0, mean yhat 3. C: y 5 5, yhat 5 6 -> R2 undefined.
        Path parquet = dev.assay.metric.Tables.toParquet(dir, "g,y,yhat\nA,1,1\nA,2,2\nA,3,5\nB,2,3\nB,4,3\nC,5,5\nC,5,6\n", null);
        DuckDb duckDb = DuckDb.withDefaults(dir);
        OutcomeColumns outcomes = new OutcomeColumns("yhat", Optional.empty(), Optional.of("y"), Optional.empty(), List.of(),
                Optional.empty(), Map.of("g", "VARCHAR", "y", "BIGINT", "yhat", "BIGINT"));
        Aggregates a;
        try (DuckDbEngine c = DuckDbEngine.open(duckDb)) {
            a = new AggregationPlan(List.of(Scope.of("g")), outcomes).execute(c, c.table(parquet));
        }
        assertEquals(2.0 / 3, value(a, "mean_absolute_error", "A"), 1e-12);
        assertEquals(Math.sqrt(4.0 / 3), value(a, "root_mean_squared_error", "A"), 1e-12);
        assertEquals(-1.0, value(a, "r2", "A"), 1e-12);
        assertEquals(8.0 / 3, value(a, "mean_prediction", "A"), 1e-12);
        assertEquals(1.0, value(a, "mean_absolute_error", "B"), 1e-12);
        assertEquals(0.0, value(a, "r2", "B"), 1e-12);
        assertNull(find(a, "r2", "C").value());
        MetricValue diff = MetricCatalogue.find("mean_prediction_difference").orElseThrow().computation()
                .compute(Scope.of("g"), a, MetricParameters.DEFAULTS).get(0);
        assertEquals(5.5 - 8.0 / 3, diff.value(), 1e-12);
        // Overall: y 1 2 3 2 4 5 5, yhat 1 2 5 3 3 5 6.
        MetricValue mae = MetricCatalogue.find("mean_absolute_error").orElseThrow().computation()
                .compute(Scope.OVERALL, a, MetricParameters.DEFAULTS).get(0);
        assertEquals(5.0 / 7, mae.value(), 1e-12);
        // No favorable outcome: selection rates are undefined, not 0.
        MetricValue rate = MetricCatalogue.find("selection_rate").orElseThrow().computation()
                .compute(Scope.of("g"), a, MetricParameters.DEFAULTS.withFavorableKnown(false)).get(0);
        assertNull(rate.value());
        assertEquals("the model card names no favorable outcome", rate.undefined());
    }

    private static MetricValue find(Aggregates a, String id, String group) {
        return MetricCatalogue.find(id).orElseThrow().computation().compute(Scope.of("g"), a, MetricParameters.DEFAULTS)
                .stream().filter(v -> group.equals(v.group())).findFirst().orElseThrow();
    }

    private static double value(Aggregates a, String id, String group) {
        return find(a, id, group).value();
    }
}
