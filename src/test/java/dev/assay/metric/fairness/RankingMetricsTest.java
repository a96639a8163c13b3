package dev.assay.metric.fairness;

import dev.assay.infrastructure.DuckDb;
import dev.assay.metric.MetricParameters;
import dev.assay.metric.MetricValue;
import dev.assay.metric.Need;
import dev.assay.metric.OutcomeColumns;
import dev.assay.metric.Scope;
import dev.assay.metric.States;
import dev.assay.metric.Tables;
import dev.assay.metric.TopK;
import dev.assay.metric.counts.AggregationPlan;
import dev.assay.metric.engine.DuckDbEngine;
import dev.assay.metric.engine.MetricCatalogue;
import dev.assay.metric.engine.MetricEngine;
import dev.assay.stats.Proportions;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.assay.metric.Tables.group;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ranking metrics on a ten-row table worked by hand, through the real scan on DuckDB. The ranking by score,
 * descending (rows 8 and 9 have no score and are not ranked):
 *
 * <pre>
 *   position  1    2    3    4    5    6    7    8
 *   group     A    B    A    B    A    B    C    A      B: one row without a score; D: its only row has none
 *   score     0.9  0.8  0.7  0.7  0.7  0.5  0.4  0.2    positions 3-5 are one tie
 * </pre>
 *
 * Ranked rows: A 4, B 3, C 1 (a one-row group), D 0 (no ranked row: undefined). Position bias v_j = 1 / log2(1 + j)
 * (Singh and Joachims 2018): v1 = 1, v2 = log_3 2 = 0.6309297535714575, v3 = 1/2, v4 = 0.43067655807339306,
 * v5 = 0.38685280723454163, v6 = 0.3562071871080222, v7 = 1/3, v8 = 0.31546487678572877 (Python's
 * {@code 1 / math.log2(1 + j)}); the tie's rows each take (v3 + v4 + v5) / 3.
 */
class RankingMetricsTest {

    private static final String CSV = """
            g,s,p
            A,0.9,1
            B,0.8,1
            A,0.7,1
            B,0.7,1
            A,0.7,1
            B,0.5,0
            C,0.4,0
            B,,0
            D,,0
            A,0.2,0
            """;

    private static final Scope G = Scope.of("g");

    @TempDir
    Path dir;

    private static double v(int j) {
        return 1 / (Math.log(1 + j) / Math.log(2));
    }

    /** The audit's states for these cuts: the ranking's scan and the counts, as the engine runs them. */
    private States states(String csv, TopK... cuts) throws Exception {
        Path parquet = Tables.toParquet(dir, csv, "{'g': 'VARCHAR', 's': 'DOUBLE', 'p': 'INTEGER'}");
        OutcomeColumns outcomes = new OutcomeColumns("p", Optional.of(Json.createValue(1)), Optional.empty(), Optional.empty(),
                List.of(), Optional.of("s"), Map.of("g", "VARCHAR", "s", "DOUBLE", "p", "INTEGER"));
        try (DuckDbEngine engine = DuckDbEngine.open(DuckDb.withDefaults(dir))) {
            return new AggregationPlan(List.of(G), outcomes).execute(engine, engine.table(parquet))
                    .with(FairnessFamily.RANKING, new RankingPlan(List.of(G), outcomes, List.of(cuts)).ranking(engine, engine.table(parquet)));
        }
    }

    private static List<MetricValue> compute(String id, Scope scope, States s, TopK cut, long minimumGroupSize) {
        return MetricCatalogue.get(id).computation().compute(scope, s,
                MetricParameters.DEFAULTS.withMinimumGroupSize(minimumGroupSize).withTopK(cut));
    }

    @Test
    void rowsTiedAcrossTheCutEnterByTheirChanceOfSelection() throws Exception {
        TopK k4 = TopK.rows(4);
        States s = states(CSV, k4);
        // k = 4: positions 1-2 are in; the tie at 3-5 has 2 of the 4 places left, so each of its 3 rows counts 2/3.
        List<MetricValue> rates = compute(SelectionRateAtK.ID, G, s, k4, 30);
        assertEquals(7.0 / 12, group(rates, "A").value(), 1e-12);   // (1 + 2 * 2/3) / 4
        assertEquals(5.0 / 9, group(rates, "B").value(), 1e-12);    // (1 + 1 * 2/3) / 3
        assertEquals(0.0, group(rates, "C").value(), 0);
        assertEquals(4, group(rates, "A").n());
        assertEquals(3, group(rates, "B").n());
        assertNull(group(rates, "A").ci(), "a fractional count has no Wilson interval");
        assertEquals(Proportions.wilson(0, 1, 0.95).orElseThrow(), group(rates, "C").ci());
        assertEquals("top 4", group(rates, "A").at());
        assertTrue(group(rates, "A").note().contains("2 of the 3 rows tied at the cut each count 2/3"), group(rates, "A").note());
        assertTrue(group(rates, "B").note().contains("1 row without a score, not ranked"), group(rates, "B").note());
        MetricValue d = group(rates, "D");
        assertNull(d.value());
        assertEquals("no row of this group has a score", d.undefined());
        assertEquals(0, d.n());

        MetricValue overall = Tables.only(compute(SelectionRateAtK.ID, Scope.OVERALL, s, k4, 30));
        assertEquals(0.5, overall.value(), 1e-12);                 // exactly k = 4 of the 8 ranked rows
        assertEquals(Proportions.wilson(4, 8, 0.95).orElseThrow(), overall.ci());

        // The impact ratio at k, with a minimum group size of 1: A (7/12) is the reference.
        List<MetricValue> ratios = compute(ImpactRatioAtK.ID, G, s, k4, 1);
        assertEquals(1.0, group(ratios, "A").value(), 0);
        assertEquals("A", group(ratios, "B").reference());
        assertEquals(20.0 / 21, group(ratios, "B").value(), 1e-12);  // (5/9) / (7/12)
        assertEquals(0.0, group(ratios, "C").value(), 0);
        assertNull(group(ratios, "B").ci());
        assertNull(group(ratios, "B").test(), "no test on fractional counts");
        assertTrue(group(ratios, "B").note().contains("no interval or test"), group(ratios, "B").note());
        assertEquals("no row of this group has a score", group(ratios, "D").undefined());
        // Only A has 4 ranked rows: with a minimum of 4 it is still the reference; with 5 no group is.
        assertEquals(20.0 / 21, group(compute(ImpactRatioAtK.ID, G, s, k4, 4), "B").value(), 1e-12);
        assertEquals("no group has at least 5 rows to serve as reference", group(compute(ImpactRatioAtK.ID, G, s, k4, 5), "B").undefined());
    }

    @Test
    void wholeCountsHaveTheImpactRatiosIntervalAndTest() throws Exception {
        TopK k2 = TopK.rows(2);
        States s = states(CSV, k2);
        // k = 2 falls between blocks: A 1 of 4, B 1 of 3, C 0 of 1; the reference is B.
        List<MetricValue> ratios = compute(ImpactRatioAtK.ID, G, s, k2, 1);
        MetricValue a = group(ratios, "A");
        assertEquals("B", a.reference());
        assertEquals(0.75, a.value(), 1e-12);
        assertEquals(Proportions.katzRatio(1, 4, 1, 3, 0.95).orElseThrow(), a.ci());
        // Fisher's exact test of [[1, 3], [1, 2]]: every table with these margins is as likely or less, p = 1.
        assertEquals("Fisher exact test", a.test().test());
        assertEquals(1.0, a.test().pValue(), 1e-12);
        assertEquals(0.25, group(compute(SelectionRateAtK.ID, G, s, k2, 30), "A").value(), 1e-12);
        assertNotNull(group(compute(SelectionRateAtK.ID, G, s, k2, 30), "A").ci());
    }

    @Test
    void exposureOfTheWholeRankingTiedRowsShareTheirPositionsMeanBias() throws Exception {
        States s = states(CSV, TopK.NONE);
        double tie = (v(3) + v(4) + v(5)) / 3;
        double a = (v(1) + 2 * tie + v(8)) / 4;
        double b = (v(2) + tie + v(6)) / 3;
        double c = v(7);
        double all = (v(1) + v(2) + v(3) + v(4) + v(5) + v(6) + v(7) + v(8)) / 8;
        assertEquals(0.6309297535714575, v(2), 1e-15);
        List<MetricValue> exposure = compute(Exposure.ID, G, s, TopK.NONE, 30);
        assertEquals(a, group(exposure, "A").value(), 1e-12);
        assertEquals(0.5484544467477547, group(exposure, "A").value(), 1e-12);  // Python, the same sums
        assertEquals(b, group(exposure, "B").value(), 1e-12);
        assertEquals(1.0 / 3, group(exposure, "C").value(), 1e-12);
        assertNull(group(exposure, "A").at(), "the whole ranking");
        assertEquals("no row of this group has a score", group(exposure, "D").undefined());
        assertEquals(all, Tables.only(compute(Exposure.ID, Scope.OVERALL, s, TopK.NONE, 30)).value(), 1e-12);

        List<MetricValue> normalized = compute(NormalizedDiscountedExposure.ID, G, s, TopK.NONE, 30);
        assertEquals(a / all, group(normalized, "A").value(), 1e-12);
        assertEquals(1.1098204008425372, group(normalized, "A").value(), 1e-12);
        assertEquals(b / all, group(normalized, "B").value(), 1e-12);
        assertEquals(c / all, group(normalized, "C").value(), 1e-12);
        assertEquals(1.0, Tables.only(compute(NormalizedDiscountedExposure.ID, Scope.OVERALL, s, TopK.NONE, 30)).value(), 0);

        // Lowest over highest: C (one row) against A; with a minimum of 2 ranked rows C is left out, B against A.
        MetricValue ratio = Tables.only(compute(ExposureRatio.ID, G, s, TopK.NONE, 1));
        assertEquals(c / a, ratio.value(), 1e-12);
        assertEquals(0.6077684943753224, ratio.value(), 1e-12);
        assertEquals("highest A, lowest C", ratio.reference());
        assertEquals(8, ratio.n());
        MetricValue withoutC = Tables.only(compute(ExposureRatio.ID, G, s, TopK.NONE, 2));
        assertEquals(b / a, withoutC.value(), 1e-12);
        assertTrue(withoutC.note().contains("skipped, fewer than 2 ranked rows: C (1 ranked), D (0 ranked)"), withoutC.note());
        assertEquals("needs two groups of at least 4 ranked rows",
                Tables.only(compute(ExposureRatio.ID, G, s, TopK.NONE, 4)).undefined());
    }

    @Test
    void exposureWithACutCountsOnlyTheTopK() throws Exception {
        TopK k4 = TopK.rows(4);
        States s = states(CSV, k4);
        // Position 5, the tie's last, is beyond the cut: the tie's rows share (v3 + v4 + 0) / 3; positions 6-8 count 0.
        double tie = (v(3) + v(4)) / 3;
        double a = (v(1) + 2 * tie) / 4;
        double b = (v(2) + tie) / 3;
        double all = (v(1) + v(2) + v(3) + v(4)) / 8;
        List<MetricValue> exposure = compute(Exposure.ID, G, s, k4, 30);
        assertEquals(a, group(exposure, "A").value(), 1e-12);
        assertEquals(0.4051127596788988, group(exposure, "A").value(), 1e-12);
        assertEquals(b, group(exposure, "B").value(), 1e-12);
        assertEquals(0.0, group(exposure, "C").value(), 0);
        assertEquals("top 4", group(exposure, "A").at());
        assertEquals(a / all, group(compute(NormalizedDiscountedExposure.ID, G, s, k4, 30), "A").value(), 1e-12);
        assertEquals(1.2651835150070943, group(compute(NormalizedDiscountedExposure.ID, G, s, k4, 30), "A").value(), 1e-12);
        assertEquals(b / a, Tables.only(compute(ExposureRatio.ID, G, s, k4, 2)).value(), 1e-12);
        assertEquals(0.0, Tables.only(compute(ExposureRatio.ID, G, s, k4, 1)).value(), 0);
    }

    @Test
    void aShareRoundsHalfUpOnItsDecimalValue() throws Exception {
        assertEquals(2, TopK.share(0.15).resolve(10));    // 1.5: half up, though 0.15 * 10 is 1.5000000000000002 in doubles
        assertEquals(3, TopK.share(0.1).resolve(30));     // exactly 3, though 0.1 * 30 is 3.0000000000000004 in doubles
        assertEquals(2, TopK.share(0.3).resolve(8));      // 2.4
        assertEquals(5, TopK.share(0.5625).resolve(8));   // 4.5
        assertEquals(0, TopK.share(0.05).resolve(8));     // 0.4
        assertEquals("top 56.25% (5 of 8)", TopK.share(0.5625).at(8));

        TopK half = TopK.share(0.5625);
        TopK tiny = TopK.share(0.05);
        States s = states(CSV, half, tiny);
        // k = 5 takes the whole tie: A 3 of 4, B 2 of 3, whole counts with Wilson intervals.
        List<MetricValue> rates = compute(SelectionRateAtK.ID, G, s, half, 30);
        assertEquals(0.75, group(rates, "A").value(), 1e-12);
        assertEquals(2.0 / 3, group(rates, "B").value(), 1e-12);
        assertEquals(Proportions.wilson(3, 4, 0.95).orElseThrow(), group(rates, "A").ci());
        // k = 0: nobody is selected, so no ratio exists, and nothing is exposed.
        MetricValue none = group(compute(SelectionRateAtK.ID, G, s, tiny, 30), "A");
        assertEquals(0.0, none.value(), 0);
        assertTrue(none.note().contains("share = 0.05 of 8 ranked rows rounds to k = 0: no row is selected"), none.note());
        assertEquals("the highest selection rate is 0, so no ratio exists", group(compute(ImpactRatioAtK.ID, G, s, tiny, 1), "B").undefined());
        assertEquals("no position within the cut is exposed", group(compute(NormalizedDiscountedExposure.ID, G, s, tiny, 1), "A").undefined());
    }

    @Test
    void aCutBeyondTheRankingSelectsEveryRankedRow() throws Exception {
        TopK k20 = TopK.rows(20);
        States s = states(CSV, k20);
        List<MetricValue> rates = compute(SelectionRateAtK.ID, G, s, k20, 30);
        for (String g : List.of("A", "B", "C")) {
            assertEquals(1.0, group(rates, g).value(), 0);
            assertTrue(group(rates, g).note().contains("the cut (k = 20) is beyond the 8 ranked rows: every ranked row is selected"));
        }
        // Exposure at k = 20 is the whole ranking's.
        States whole = states(CSV, TopK.NONE);
        assertEquals(group(compute(Exposure.ID, G, whole, TopK.NONE, 30), "B").value(),
                group(compute(Exposure.ID, G, s, k20, 30), "B").value(), 1e-15);
    }

    @Test
    void withoutAScoreColumnOrACutTheMetricsSayWhy() throws Exception {
        States s = states(CSV, TopK.rows(4));
        assertEquals("needs a cut of the ranking: the rule's parameters k (rows) or share (of the ranked rows)",
                Tables.only(compute(SelectionRateAtK.ID, G, s, TopK.NONE, 30)).undefined());
        assertEquals("needs a cut of the ranking: the rule's parameters k (rows) or share (of the ranked rows)",
                Tables.only(compute(ImpactRatioAtK.ID, G, s, TopK.NONE, 30)).undefined());
        // A card without a score column: the engine runs no ranking scan.
        for (String id : List.of(SelectionRateAtK.ID, ImpactRatioAtK.ID, Exposure.ID, NormalizedDiscountedExposure.ID, ExposureRatio.ID)) {
            MetricValue v = Tables.only(compute(id, G, States.NONE, TopK.rows(4), 30));
            assertNull(v.value());
            assertEquals(FairnessFamily.NO_SCORE_COLUMN, v.undefined(), id);
        }
    }

    @Test
    void aShortlistsCompanionsAreReadAtItsCut() {
        MetricParameters rule = MetricParameters.DEFAULTS.withMinimumGroupSize(10).withTopK(TopK.rows(10));
        List<Need> needs = MetricEngine.over(ImpactRatioAtK.ID, List.of(G), rule, MetricParameters.DEFAULTS);
        assertEquals(List.of("count", SelectionRateAtK.ID, "unknown_count", ImpactRatioAtK.ID), needs.stream().map(Need::metric).toList());
        assertEquals(TopK.rows(10), needs.get(1).parameters().topK(), "the selection rates beside the ratio, at the ratio's cut");
        assertEquals(MetricParameters.DEFAULTS, needs.get(1).parameters().withTopK(TopK.NONE), "otherwise the card's defaults");
        assertEquals(TopK.NONE, needs.get(0).parameters().topK(), "a count reads no cut");
        assertEquals(rule, needs.get(3).parameters());
    }

    @Test
    void anEmptyDatasetHasItsWholeUndefined() throws Exception {
        States s = states("g,s,p\n", TopK.rows(3), TopK.NONE);
        MetricValue rate = Tables.only(compute(SelectionRateAtK.ID, Scope.OVERALL, s, TopK.rows(3), 30));
        assertEquals("no row of this group has a score", rate.undefined());
        assertEquals("no row of this group has a score", Tables.only(compute(Exposure.ID, Scope.OVERALL, s, TopK.NONE, 30)).undefined());
        assertEquals("needs two groups of at least 30 ranked rows", Tables.only(compute(ExposureRatio.ID, G, s, TopK.NONE, 30)).undefined());
    }
}
