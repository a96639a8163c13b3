package dev.assay.metric.drift;

import dev.assay.metric.Tables;
import dev.assay.metric.engine.DuckDbEngine;
import dev.assay.metric.ValueFrequencies;
import dev.assay.metric.quality.ColumnState;
import dev.assay.metric.quality.QualityPlan;
import dev.assay.infrastructure.DuckDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The drift scans' two ways to a numeric comparison, the joint histogram and SQL alone, give the same numbers. */
class DriftPlanTest {

    @TempDir
    Path dir;

    @Test
    void theHistogramAndTheSqlPathAgree() throws Exception {
        Random r = new Random(5);
        StringBuilder e = new StringBuilder("x,vd,k\n");
        StringBuilder b = new StringBuilder("x,vd,k\n");
        for (int i = 0; i < 3000; i++) {
            // x: rounded, with ties and nulls; y: integers with a long tail; c: categories with a new one.
            e.append(i % 17 == 0 ? "" : Math.round((0.4 + r.nextGaussian()) * 100) / 100.0).append(',')
                    .append((int) Math.floor(Math.exp(r.nextDouble() * 6))).append(',').append("ABCD".charAt(r.nextInt(4))).append('\n');
            b.append(Math.round(r.nextGaussian() * 100) / 100.0).append(',')
                    .append((int) Math.floor(Math.exp(r.nextDouble() * 5.5))).append(',').append("ABC".charAt(r.nextInt(3))).append('\n');
        }
        // Columns named like the grouped scan's aliases (vd, k): they must not be taken for them.
        String columns = "{'x': 'DOUBLE', 'vd': 'BIGINT', 'k': 'VARCHAR'}";
        Path ep = Tables.toParquet(dir, e.toString(), columns);
        Path bp = Tables.toParquet(dir, b.toString(), columns);
        Map<String, String> types = Map.of("x", "DOUBLE", "vd", "BIGINT", "k", "VARCHAR");
        try (DuckDbEngine c = DuckDbEngine.open(DuckDb.withDefaults(dir))) {
            Map<String, DriftState> histogram = DriftPlan.compare(c, c.table(ep), c.table(bp), List.of("x", "vd", "k"), types, types, Long.MAX_VALUE, Long.MAX_VALUE);
            Map<String, DriftState> sql = DriftPlan.compare(c, c.table(ep), c.table(bp), List.of("x", "vd", "k"), types, types, 0, Long.MAX_VALUE);
            // An evaluation spread wider than the grouped scan takes: categories alone, numbers by SQL.
            Map<String, DriftState> wide = DriftPlan.compare(c, c.table(ep), c.table(bp), List.of("x", "vd", "k"), types, types, Long.MAX_VALUE, 10);
            for (String column : List.of("x", "vd", "k")) {
                assertEquals(sql.get(column).psi(), wide.get(column).psi(), 0, column);
                assertEquals(sql.get(column).ks(), wide.get(column).ks(), 0, column);
            }
            assertArrayEquals(sql.get("k").baselineCounts(), wide.get("k").baselineCounts());
            for (String column : List.of("x", "vd")) {
                DriftState h = histogram.get(column);
                DriftState s = sql.get(column);
                assertEquals(s.numeric(), h.numeric(), column);
                assertEquals(s.evaluationRows(), h.evaluationRows(), column);
                assertEquals(s.baselineRows(), h.baselineRows(), column);
                assertEquals(s.psi(), h.psi(), 1e-12, column + " psi: the same bins");
                assertEquals(s.ks(), h.ks(), 1e-12, column + " ks");
                assertEquals(s.wasserstein(), h.wasserstein(), 1e-9, column + " wasserstein");
            }
            assertEquals(3000 - (2999 / 17 + 1), histogram.get("x").evaluationRows(), "nulls are not values");
            assertArrayEquals(sql.get("k").evaluationCounts(), histogram.get("k").evaluationCounts());
            assertEquals(4, histogram.get("k").evaluationCounts().length, "the evaluation's new category D is compared too");
        }
    }

    /** The frequencies the grouped scan hands to the quality checks are the ones those checks count themselves. */
    @Test
    void theEvaluationFrequenciesAreTheQualityChecksOwn() throws Exception {
        StringBuilder e = new StringBuilder("x,vd,k,big\n");
        StringBuilder b = new StringBuilder("x,vd,k,big\n");
        long base = 1L << 60;
        for (int i = 0; i < 400; i++) {
            // big: integers beyond 2^53, distinct, that share doubles in pairs; vd: each value once or twice.
            e.append(i % 9 == 0 ? "" : String.valueOf((i % 37) / 4.0)).append(',').append(i / 2 + (i % 5 == 0 ? 1000 : 0)).append(',')
                    .append(i % 7 == 0 ? "" : "k" + (i % 6)).append(',').append(base + i).append('\n');
            b.append((i % 41) / 4.0).append(',').append(i).append(',').append("k" + (i % 5)).append(',').append(base + 2 * i).append('\n');
        }
        String columns = "{'x': 'DOUBLE', 'vd': 'BIGINT', 'k': 'VARCHAR', 'big': 'BIGINT'}";
        Path ep = Tables.toParquet(dir, e.toString(), columns);
        Path bp = Tables.toParquet(dir, b.toString(), columns);
        Map<String, String> types = Map.of("x", "DOUBLE", "vd", "BIGINT", "k", "VARCHAR", "big", "BIGINT");
        try (DuckDbEngine c = DuckDbEngine.open(DuckDb.withDefaults(dir))) {
            DriftPlan.Comparison comparison = DriftPlan.compareAll(c, c.table(ep), c.table(bp), List.of("x", "vd", "k", "big"), types, types);
            Map<String, ColumnState> own = new QualityPlan(List.of("x", "vd", "k", "big"), types).columns(c, c.table(ep));
            for (String column : List.of("x", "vd", "k")) {
                ValueFrequencies f = comparison.evaluationFrequencies().get(column);
                assertEquals(own.get(column).distinct(), f.distinct(), column + " distinct");
                assertEquals(own.get(column).singletons(), f.singletons(), column + " singletons");
            }
            assertEquals(false, comparison.evaluationFrequencies().containsKey("big"), "values past 2^53 are counted by the column itself");
            assertEquals(400, own.get("big").distinct());
        }
    }
}
