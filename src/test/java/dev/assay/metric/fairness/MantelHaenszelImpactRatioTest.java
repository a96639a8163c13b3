package dev.assay.metric.fairness;

import dev.assay.metric.GroupKey;
import dev.assay.metric.MetricParameters;
import dev.assay.metric.MetricValue;
import dev.assay.metric.Scope;
import dev.assay.metric.counts.Aggregates;
import dev.assay.metric.counts.GroupState;
import dev.assay.metric.engine.MetricCatalogue;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code mantel_haenszel_impact_ratio} and the per-stratum values beside it, on counts given by hand: Simpson's paradox
 * both ways (a gap the control explains is reported as explained; a gap within every stratum is not hidden by equal crude
 * rates), strata lacking a group, an unknown control value, and the undefined cases.
 */
class MantelHaenszelImpactRatioTest {

    private static final Scope SEX = Scope.of("sex");
    private static final MetricParameters LEVEL = MetricParameters.DEFAULTS.withControls(List.of("level"));
    private static final double Z95 = 1.959963984540054;

    /** Cells {sex, level, predictions, favorable}: the counts of sex alone and of sex within level, as the scan rolls them up. */
    private static Aggregates counts(Object[]... cells) {
        Map<GroupKey, GroupState> crude = new LinkedHashMap<>();
        Map<GroupKey, GroupState> fine = new LinkedHashMap<>();
        for (Object[] c : cells) {
            long n = ((Number) c[2]).longValue();
            GroupState s = new GroupState(n, n, ((Number) c[3]).longValue(), 0, 0, 0, 0);
            crude.merge(new GroupKey(Arrays.asList((String) c[0])), s, GroupState::merge);
            fine.merge(new GroupKey(Arrays.asList((String) c[0], (String) c[1])), s, GroupState::merge);
        }
        Map<Scope, Map<GroupKey, GroupState>> byScope = new LinkedHashMap<>();
        byScope.put(SEX, crude);
        byScope.put(Scope.of("sex", "level"), fine);
        return new Aggregates(byScope);
    }

    private static List<MetricValue> compute(String metric, Aggregates counts, MetricParameters p) {
        return MetricCatalogue.get(metric).computation().compute(SEX, counts, p);
    }

    private static MetricValue of(List<MetricValue> values, String group, String stratum) {
        return values.stream().filter(v -> group.equals(v.group()) && java.util.Objects.equals(stratum, v.stratum())).findFirst()
                .orElseThrow(() -> new AssertionError(group + " in " + stratum + ": " + values));
    }

    @Test
    void aGapTheControlExplainsIsReportedAsExplained() {
        // Women apply mostly to senior posts, where everyone is selected less: crude rates 60/250 = 0.24 against
        // 90/250 = 0.36 (a crude ratio of 2/3, below four fifths), yet within each level the rates are equal.
        Aggregates counts = counts(
                new Object[] {"F", "junior", 50, 20}, new Object[] {"M", "junior", 200, 80},
                new Object[] {"F", "senior", 200, 40}, new Object[] {"M", "senior", 50, 10});
        MetricValue crude = of(compute(ImpactRatio.ID, counts, MetricParameters.DEFAULTS), "F", null);
        assertEquals(0.24 / 0.36, crude.value(), 1e-12);

        List<MetricValue> mh = compute(MantelHaenszelImpactRatio.ID, counts, LEVEL);
        MetricValue f = of(mh, "F", null);
        // By hand: Σ a n0/N = 20·200/250 + 40·50/250 = 24 and Σ c n1/N = 80·50/250 + 10·200/250 = 24.
        assertEquals(1.0, f.value(), 1e-12);
        assertEquals("M", f.reference());
        assertEquals(250, f.n());
        assertEquals("Mantel-Haenszel over 2 of 2 strata of level", f.note());
        // Greenland-Robins: ((50·200·100 − 20·80·250) + (200·50·50 − 40·10·250)) / 250² / (24·24) = 16 / 576.
        double half = Z95 * Math.sqrt((600000.0 + 400000.0) / 62500 / 576);
        assertEquals(Math.exp(-half), f.ci().lower(), 1e-12);
        assertEquals(Math.exp(half), f.ci().upper(), 1e-12);
        // No deviation from independence within the strata: the CMH statistic is exactly 0.
        assertEquals(0.0, f.test().statistic(), 1e-12);
        assertEquals(1.0, f.test().pValue(), 1e-12);
        MetricValue m = of(mh, "M", null);
        assertEquals(1.0, m.value());
        assertEquals("the reference group", m.note());

        // Beside it, the gap within each stratum: equal rates, ratio 1 in both levels.
        List<MetricValue> within = compute(ImpactRatio.ID, counts, LEVEL);
        assertEquals(4, within.size());
        for (String level : List.of("junior", "senior")) {
            assertEquals(1.0, of(within, "F", level).value(), 1e-12, level);
            assertEquals(1.0, of(within, "M", level).value(), 1e-12, level);
        }
        List<MetricValue> rates = compute("selection_rate", counts, LEVEL);
        assertEquals(0.4, of(rates, "F", "junior").value(), 1e-12);
        assertEquals(0.2, of(rates, "M", "senior").value(), 1e-12);
        assertEquals(50, of(rates, "M", "senior").n());
    }

    @Test
    void aGapWithinEveryStratumIsNotHiddenByEqualCrudeRates() {
        // Within each level women are selected at half the men's rate (0.4 against 0.8, 0.1 against 0.2), but they apply
        // where selection is high: crude 85/250 = 0.34 against 80/250 = 0.32, and the crude ratio passes for everyone.
        Aggregates counts = counts(
                new Object[] {"F", "a", 200, 80}, new Object[] {"M", "a", 50, 40},
                new Object[] {"F", "b", 50, 5}, new Object[] {"M", "b", 200, 40});
        List<MetricValue> crude = compute(ImpactRatio.ID, counts, MetricParameters.DEFAULTS);
        assertEquals("F", of(crude, "M", null).reference());
        assertEquals(0.32 / 0.34, of(crude, "M", null).value(), 1e-12);

        List<MetricValue> mh = compute(MantelHaenszelImpactRatio.ID, counts, LEVEL);
        MetricValue f = of(mh, "F", null);
        // The crude leader F selects less within the strata: M's ratio against F is (40·200/250 + 40·50/250) /
        // (80·50/250 + 5·200/250) = 40/20 = 2 > 1, so M is the reference, and F's ratio is 20/40.
        assertEquals("M", f.reference());
        assertEquals(0.5, f.value(), 1e-12);
        assertEquals(1.0, of(mh, "M", null).value());
        // Greenland-Robins by hand: (200·50·120 − 80·40·250)/250² + (50·200·45 − 5·40·250)/250² = 6.4 + 6.4, over 20·40.
        double half = Z95 * Math.sqrt(12.8 / 800);
        assertEquals(0.5 * Math.exp(-half), f.ci().lower(), 1e-12);
        assertEquals(0.5 * Math.exp(half), f.ci().upper(), 1e-12);
        // Cochran-Mantel-Haenszel by hand: Σ (a − E) = (80 − 96) + (5 − 9) = −20; Σ V = (200·50·120·130 + 50·200·45·205) /
        // (250²·249) = 248250000/15562500; χ² = 400 / Σ V.
        double chi = 400 / (248250000.0 / 15562500);
        assertEquals(chi, f.test().statistic(), 1e-9);
        assertEquals(2 * new NormalDistribution(0, 1).cumulativeProbability(-Math.sqrt(chi)), f.test().pValue(), 1e-12);
        assertEquals("Cochran-Mantel-Haenszel test", f.test().test());

        // The odds ratio tells the same: (80·10/250 + 5·160/250) / (120·40/250 + 45·40/250) = 6.4 / 26.4.
        MetricValue or = of(compute(MantelHaenszelOddsRatio.ID, counts, LEVEL), "F", null);
        assertEquals("M", or.reference());
        assertEquals(6.4 / 26.4, or.value(), 1e-12);
        assertEquals(f.test(), or.test());

        // Per stratum, F's ratio is 0.5 in both levels.
        List<MetricValue> within = compute(ImpactRatio.ID, counts, LEVEL);
        assertEquals(0.5, of(within, "F", "a").value(), 1e-12);
        assertEquals(0.5, of(within, "F", "b").value(), 1e-12);
    }

    @Test
    void strataLackingAGroupContributeNothingAndSaySo() {
        List<Object[]> cells = new ArrayList<>(List.of(
                new Object[] {"F", "a", 200, 80}, new Object[] {"M", "a", 50, 40},
                new Object[] {"F", "b", 50, 5}, new Object[] {"M", "b", 200, 40}));
        MetricValue before = of(compute(MantelHaenszelImpactRatio.ID, counts(cells.toArray(Object[][]::new)), LEVEL), "F", null);
        cells.add(new Object[] {"F", "c", 60, 30});
        cells.add(new Object[] {"M", "d", 40, 1});
        // An unknown level is a stratum of its own, compared within like any other; it lacks women here.
        cells.add(new Object[] {"M", null, 40, 2});
        MetricValue after = of(compute(MantelHaenszelImpactRatio.ID, counts(cells.toArray(Object[][]::new)), LEVEL), "F", null);
        assertEquals(before.value(), after.value(), 1e-12);
        assertEquals(before.ci(), after.ci());
        assertEquals(before.test(), after.test());
        assertEquals(250, after.n());
        assertEquals("Mantel-Haenszel over 2 of 5 strata of level; 3 lacking F or M contribute nothing: c, d, (unknown)", after.note());
        // Per stratum, the unknown level is reported by that name, and F's missing rows there are undefined, never 0.
        List<MetricValue> rates = compute("selection_rate", counts(cells.toArray(Object[][]::new)), LEVEL);
        assertEquals(0.05, of(rates, "M", "(unknown)").value(), 1e-12);
        MetricValue absent = of(rates, "F", "(unknown)");
        assertNull(absent.value());
        assertEquals("no rows with a prediction in this group", absent.undefined());
    }

    @Test
    void undefinedWithTheReasonWhenNoStratumComparesOrTheReferenceSelectsNoOneThere() {
        Aggregates apart = counts(new Object[] {"F", "a", 40, 10}, new Object[] {"M", "b", 40, 20});
        MetricValue f = of(compute(MantelHaenszelImpactRatio.ID, apart, LEVEL), "F", null);
        assertNull(f.value());
        assertEquals("no stratum of level has rows of both F and M", f.undefined());
        assertEquals("M", f.reference());

        // F leads (10/40 selected, all in c, where no man is); where both are (a), F selects no one.
        Aggregates noShare = counts(new Object[] {"F", "a", 20, 0}, new Object[] {"F", "c", 20, 10}, new Object[] {"M", "a", 40, 1});
        MetricValue m = of(compute(MantelHaenszelImpactRatio.ID, noShare, LEVEL), "M", null);
        assertEquals("F", m.reference());
        assertNull(m.value());
        assertEquals("the reference group has no favorable outcome in any stratum it shares with this group", m.undefined());
        assertEquals(40, m.n());

        // No group large enough to be the reference.
        Aggregates small = counts(new Object[] {"F", "a", 5, 1}, new Object[] {"M", "a", 6, 3});
        MetricValue tiny = of(compute(MantelHaenszelImpactRatio.ID, small, LEVEL), "F", null);
        assertEquals("no group has at least 30 rows to serve as reference", tiny.undefined());
    }

    @Test
    void withoutControlsItIsTheCrudeRatioWithKatzsInterval() {
        Aggregates counts = counts(
                new Object[] {"F", "a", 200, 80}, new Object[] {"M", "a", 50, 40},
                new Object[] {"F", "b", 50, 5}, new Object[] {"M", "b", 200, 40});
        MetricValue mh = of(compute(MantelHaenszelImpactRatio.ID, counts, MetricParameters.DEFAULTS), "M", null);
        MetricValue crude = of(compute(ImpactRatio.ID, counts, MetricParameters.DEFAULTS), "M", null);
        assertEquals(crude.value(), mh.value(), 1e-12);
        assertEquals(crude.reference(), mh.reference());
        assertNotNull(mh.ci());
        assertEquals(crude.ci().lower(), mh.ci().lower(), 1e-12);
        assertEquals(crude.ci().upper(), mh.ci().upper(), 1e-12);
        assertEquals("Mantel-Haenszel over 1 stratum (no control columns: one stratum, the crude comparison)", mh.note());
        assertNull(mh.stratum());
        assertTrue(compute(ImpactRatio.ID, counts, MetricParameters.DEFAULTS).stream().allMatch(v -> v.stratum() == null));
    }
}
