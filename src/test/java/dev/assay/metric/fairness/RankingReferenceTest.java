package dev.assay.metric.fairness;

import dev.assay.infrastructure.DuckDb;
import dev.assay.metric.MetricParameters;
import dev.assay.metric.MetricValue;
import dev.assay.metric.OutcomeColumns;
import dev.assay.metric.Scope;
import dev.assay.metric.States;
import dev.assay.metric.Tables;
import dev.assay.metric.TopK;
import dev.assay.metric.counts.AggregationPlan;
import dev.assay.metric.engine.DuckDbEngine;
import dev.assay.metric.engine.MetricCatalogue;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scan ({@link RankingPlan}: a histogram streamed in score order, assembled per tie block) against a plain
 * row-by-row reference on generated tables: every row repeated by its weight, the scored rows sorted by score
 * (descending, ties in a shuffled order), each given its position, and then each tie's rows the mean over their
 * positions of [j <= k] and of v_j [j <= k]. Tables with ties across and within groups, missing scores, missing
 * attributes, one-row and scoreless groups, weights, and cuts below, inside and beyond the ranking.
 */
class RankingReferenceTest {

    private static final Scope G = Scope.of("g");

    @TempDir
    Path dir;

    /** One row: its group (null: unknown), score (null: missing) and frequency weight. */
    private record Row(String group, Double score, int weight) {
    }

    /** The reference's sums per group: ranked rows, selected rows (expected), exposure. */
    private static final class Sums {
        long ranked;
        double selected;
        double exposure;
    }

    private static Map<String, Sums> reference(List<Row> rows, long k, Random shuffle) {
        List<Row> expanded = new ArrayList<>();
        for (Row r : rows) {
            for (int i = 0; i < r.weight(); i++) {
                if (r.score() != null) {
                    expanded.add(r);
                }
            }
        }
        Collections.shuffle(expanded, shuffle);
        expanded.sort(Comparator.comparing(Row::score).reversed());
        Map<String, Sums> sums = new LinkedHashMap<>();
        sums.put(null, new Sums());
        int i = 0;
        while (i < expanded.size()) {
            int j = i;
            while (j < expanded.size() && expanded.get(j).score().equals(expanded.get(i).score())) {
                j++;
            }
            // Positions i+1 .. j hold one tie: each of its rows is any of them with equal chance.
            double inTop = 0;
            double bias = 0;
            for (int position = i + 1; position <= j; position++) {
                if (position <= k) {
                    inTop++;
                    bias += 1 / (Math.log(1 + position) / Math.log(2));
                }
            }
            int t = j - i;
            for (int r = i; r < j; r++) {
                for (String key : new String[] {null, String.valueOf(expanded.get(r).group())}) {
                    Sums s = sums.computeIfAbsent(key, x -> new Sums());
                    s.ranked++;
                    s.selected += inTop / t;
                    s.exposure += bias / t;
                }
            }
            i = j;
        }
        return sums;
    }

    private States states(List<Row> rows, List<TopK> cuts) throws Exception {
        StringBuilder csv = new StringBuilder("g,s,w,p\n");
        for (Row r : rows) {
            csv.append(r.group() == null ? "" : r.group()).append(',').append(r.score() == null ? "" : r.score().toString())
                    .append(',').append(r.weight()).append(",1\n");
        }
        Path parquet = Tables.toParquet(dir, csv.toString(), "{'g': 'VARCHAR', 's': 'DOUBLE', 'w': 'BIGINT', 'p': 'INTEGER'}");
        OutcomeColumns outcomes = new OutcomeColumns("p", Optional.of(Json.createValue(1)), Optional.empty(), Optional.empty(), List.of(),
                Optional.of("s"), Map.of("g", "VARCHAR", "s", "DOUBLE", "w", "BIGINT", "p", "INTEGER"), Optional.of("w"));
        try (DuckDbEngine engine = DuckDbEngine.open(DuckDb.withDefaults(dir))) {
            return new AggregationPlan(List.of(G), outcomes).execute(engine, engine.table(parquet))
                    .with(FairnessFamily.RANKING, new RankingPlan(List.of(G), outcomes, cuts).ranking(engine, engine.table(parquet)));
        }
    }

    @Test
    void theScanAgreesWithARowByRowRankingOnGeneratedTables() throws Exception {
        Random random = new Random(21);
        int compared = 0;
        for (int table = 0; table < 25; table++) {
            List<Row> rows = new ArrayList<>();
            int n = table == 0 ? 1 : random.nextInt(60);
            for (int i = 0; i < n; i++) {
                String group = random.nextInt(12) == 0 ? null : new String[] {"a", "b", "c"}[random.nextInt(3)];
                // Scores on a 0.1 grid (ties within and across groups), a few missing, a group "d" with none at all.
                Double score = random.nextInt(8) == 0 ? null : Math.round(random.nextDouble() * 10) / 10.0;
                rows.add(new Row(group, score, table % 2 == 0 ? 1 : 1 + random.nextInt(3)));
            }
            rows.add(new Row("d", null, 1));
            if (table % 3 == 0) {
                rows.add(new Row("e", 0.55, 1));   // a one-row group
            }
            long ranked = rows.stream().filter(r -> r.score() != null).mapToLong(Row::weight).sum();
            List<TopK> cuts = List.of(TopK.NONE, TopK.rows(1 + random.nextInt(Math.max(1, (int) ranked + 5))),
                    TopK.share(new double[] {0.1, 0.25, 1.0 / 3, 0.5, 1.0}[random.nextInt(5)]));
            States s = states(rows, cuts);
            for (TopK cut : cuts) {
                long k = cut.resolve(ranked);
                Map<String, Sums> expected = reference(rows, k, random);
                MetricParameters p = MetricParameters.DEFAULTS.withMinimumGroupSize(2).withTopK(cut);
                Sums whole = expected.get(null);
                for (String group : List.of("a", "b", "c", "d", "e")) {
                    boolean present = rows.stream().anyMatch(r -> group.equals(r.group()));
                    if (!present) {
                        continue;
                    }
                    Sums e = expected.getOrDefault(group, new Sums());
                    String where = "table " + table + " " + cut + " group " + group;
                    MetricValue exposure = find(Exposure.ID, G, s, p, group);
                    MetricValue normalized = find(NormalizedDiscountedExposure.ID, G, s, p, group);
                    if (e.ranked == 0) {
                        assertNull(exposure.value(), where);
                        assertNull(normalized.value(), where);
                    } else {
                        assertEquals(e.ranked, exposure.n(), where);
                        assertEquals(e.exposure / e.ranked, exposure.value(), 1e-9, where + " exposure");
                        if (whole.exposure > 0) {
                            assertEquals((e.exposure / e.ranked) / (whole.exposure / whole.ranked), normalized.value(), 1e-9, where + " nde");
                        }
                        compared++;
                    }
                    if (!cut.isNone()) {
                        MetricValue rate = find(SelectionRateAtK.ID, G, s, p, group);
                        if (e.ranked == 0) {
                            assertNull(rate.value(), where);
                        } else {
                            assertEquals(e.selected / e.ranked, rate.value(), 1e-9, where + " rate");
                            // An interval exactly when the expected count is whole rows.
                            boolean whole2 = Math.abs(e.selected - Math.rint(e.selected)) < 1e-9;
                            assertEquals(whole2, rate.ci() != null, where + " interval");
                        }
                    }
                }
                if (whole.ranked > 0) {
                    MetricValue all = Tables.only(compute(Exposure.ID, Scope.OVERALL, s, p));
                    assertEquals(whole.exposure / whole.ranked, all.value(), 1e-9);
                    if (!cut.isNone()) {
                        MetricValue rate = Tables.only(compute(SelectionRateAtK.ID, Scope.OVERALL, s, p));
                        assertEquals((double) Math.min(k, ranked) / ranked, rate.value(), 1e-9, "table " + table + " " + cut);
                        assertEquals(Math.min(k, ranked), whole.selected, 1e-9, "the reference selects exactly k");
                    }
                }
                checkRatios(expected, s, p, cut, "table " + table + " " + cut);
            }
        }
        assertTrue(compared > 100, compared + " values compared");
    }

    /** The ratios against the reference's group means: the lowest over the highest, each over the highest rate. */
    private static void checkRatios(Map<String, Sums> expected, States s, MetricParameters p, TopK cut, String where) {
        List<Sums> eligible = new ArrayList<>();
        expected.forEach((g, e) -> {
            if (g != null && !g.equals("null") && e.ranked >= 2) {
                eligible.add(e);
            }
        });
        MetricValue ratio = Tables.only(compute(ExposureRatio.ID, G, s, p));
        double hi = eligible.stream().mapToDouble(e -> e.exposure / e.ranked).max().orElse(Double.NaN);
        double lo = eligible.stream().mapToDouble(e -> e.exposure / e.ranked).min().orElse(Double.NaN);
        if (eligible.size() < 2 || hi == 0) {
            assertNull(ratio.value(), where + " exposure ratio");
        } else {
            assertEquals(lo / hi, ratio.value(), 1e-9, where + " exposure ratio");
        }
        if (cut.isNone()) {
            return;
        }
        double top = eligible.stream().mapToDouble(e -> e.selected / e.ranked).max().orElse(Double.NaN);
        for (MetricValue v : compute(ImpactRatioAtK.ID, G, s, p)) {
            Sums e = expected.get(v.group());
            if (e == null || e.ranked == 0 || eligible.isEmpty() || top == 0) {
                assertNull(v.value(), where + " impact ratio " + v.group());
            } else {
                assertEquals((e.selected / e.ranked) / top, v.value(), 1e-9, where + " impact ratio " + v.group());
            }
        }
    }

    private static List<MetricValue> compute(String id, Scope scope, States s, MetricParameters p) {
        return MetricCatalogue.get(id).computation().compute(scope, s, p);
    }

    private static MetricValue find(String id, Scope scope, States s, MetricParameters p, String group) {
        return compute(id, scope, s, p).stream().filter(v -> group.equals(v.group())).findFirst()
                .orElseThrow(() -> new AssertionError(id + ": no group " + group));
    }
}
