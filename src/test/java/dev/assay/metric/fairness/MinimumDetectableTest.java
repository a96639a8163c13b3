package dev.assay.metric.fairness;

import dev.assay.metric.GroupKey;
import dev.assay.metric.MetricValue;
import dev.assay.metric.counts.ConfusionRates;
import dev.assay.metric.counts.GroupRate;
import dev.assay.metric.counts.GroupState;
import dev.assay.metric.engine.MetricCatalogue;
import dev.assay.stats.Power;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The minimum detectable effects beside each comparison. The values of {@link Power} are tested by hand in PowerTest;
 * here: which sizes and rates each comparison feeds it, and the worst group of a scope.
 */
class MinimumDetectableTest {

    private static GroupKey g(String v) {
        return new GroupKey(List.of(v));
    }

    /** Rows, predictions, favorable predictions (no labels). */
    private static GroupState selections(long predicted, long favorable) {
        return new GroupState(predicted, predicted, favorable, 0, 0, 0, 0);
    }

    @Test
    void perGroupAgainstTheImpactRatiosReference() {
        // A: 100 of 200 selected (0.5, the reference); B: 20 of 45; C: 3 of 3 (too small to be the reference at 30).
        Map<GroupKey, GroupState> groups = new LinkedHashMap<>();
        groups.put(g("A"), selections(200, 100));
        groups.put(g("B"), selections(45, 20));
        groups.put(g("C"), selections(3, 3));
        List<MetricValue> values = MinimumDetectable.impactRatio("race", groups, 30, 0.95, 0);
        MetricValue a = values.get(0);
        MetricValue b = values.get(1);
        MetricValue c = values.get(2);
        assertFalse(a.isDefined());
        assertEquals("the reference group: nothing is compared with it", a.undefined());
        // PowerTest: 45 rows against 200 at 0.5 detect ratios up to 0.59987801467937042956 (mpmath).
        assertEquals(0.5998780146793704, b.value(), 1e-9);
        assertEquals(45, b.n());
        assertEquals("A", b.reference());
        assertTrue(b.note().contains("with 45 rows against 200 (reference selection_rate 0.5000), a ratio of 0.5999 or lower"
                + " (a shortfall of 0.2001 or more)"), b.note());
        assertTrue(b.note().endsWith("one-sided z-test at 5%"), b.note());
        // Three rows: Phi((0.5 - 1.645 * sqrt(pbar qbar (1/3 + 1/200))) / sqrt(0.25 / 200)) at p1 = 0 is below 0.8.
        assertFalse(c.isDefined());
        assertTrue(c.undefined().startsWith("too few rows: with 3 against 200"), c.undefined());
        // The rule's confidence sets the level: 90% is alpha 0.10, a less demanding test, so more is detectable.
        double at90 = MinimumDetectable.impactRatio("race", groups, 30, 0.90, 0).get(1).value();
        assertEquals(Power.minimumDetectableRatio(45, 200, 0.5, 0.10, 0.8).orElseThrow(), at90, 1e-15);
        assertTrue(at90 > b.value());
    }

    @Test
    void differencesAreTheSamePointOnTheRateScale() {
        Map<GroupKey, GroupState> groups = new LinkedHashMap<>();
        groups.put(g("A"), selections(1000, 300));
        groups.put(g("B"), selections(1000, 290));
        var ref = Map.entry("A", groups.get(g("A")));
        MetricValue d = MinimumDetectable.againstReference("minimum_detectable_statistical_parity_difference",
                MinimumDetectable.Scale.DIFFERENCE, "sex", groups, java.util.Optional.of(ref), 0.95).get(1);
        // PowerTest: 1000 and 1000 rows at 0.3: r* = 0.83454682050353094224, d* = 0.3 (1 - r*) = 0.04963595384894071733.
        assertEquals(0.04963595384894072, d.value(), 1e-9);
    }

    @Test
    void aScopeIsAsSensitiveAsItsLeastSensitiveGroup() {
        // Selection rates: A 0.5 of 200 (highest), B 0.45 of 1000, C 0.4 of 45. C, the smallest, limits what the
        // demographic parity ratio could have detected: its r* against A (45 vs 200 at 0.5) = 0.59987801467937042956.
        Map<GroupKey, GroupState> groups = new LinkedHashMap<>();
        groups.put(g("A"), selections(200, 100));
        groups.put(g("B"), selections(1000, 450));
        groups.put(g("C"), selections(45, 18));
        MetricValue ratio = MinimumDetectable.betweenGroups("minimum_detectable_demographic_parity_ratio",
                MinimumDetectable.Scale.RATIO, GroupRate.SELECTION, "race", groups, 0.95);
        assertEquals(0.5998780146793704, ratio.value(), 1e-9);
        assertNull(ratio.group());
        assertEquals("A", ratio.reference());
        assertEquals(1245, ratio.n());
        assertTrue(ratio.note().startsWith("least sensitive group C: "), ratio.note());
        MetricValue difference = MinimumDetectable.betweenGroups("minimum_detectable_demographic_parity_difference",
                MinimumDetectable.Scale.DIFFERENCE, GroupRate.SELECTION, "race", groups, 0.95);
        assertEquals(0.5 * (1 - 0.5998780146793704), difference.value(), 1e-9);
    }

    @Test
    void errorRatesUseTheirOwnDenominators() {
        // True positive rates: A 80 of 100 labeled positive (0.8), B 60 of 100. The sizes are the positives, not the rows.
        Map<GroupKey, GroupState> groups = new LinkedHashMap<>();
        groups.put(g("A"), new GroupState(500, 500, 100, 80, 20, 20, 380));
        groups.put(g("B"), new GroupState(500, 500, 80, 60, 20, 40, 380));
        MetricValue v = MinimumDetectable.betweenGroups("minimum_detectable_true_positive_rate_difference",
                MinimumDetectable.Scale.DIFFERENCE, ConfusionRates.TRUE_POSITIVE_RATE, "sex", groups, 0.95);
        double r = Power.minimumDetectableRatio(100, 100, 0.8, 0.05, 0.8).orElseThrow();
        assertEquals(0.8 * (1 - r), v.value(), 1e-15);
        assertEquals(200, v.n());
    }

    @Test
    void undefinedWithTheReason() {
        Map<GroupKey, GroupState> one = Map.of(g("A"), selections(100, 50));
        MetricValue v = MinimumDetectable.betweenGroups("minimum_detectable_demographic_parity_ratio", MinimumDetectable.Scale.RATIO,
                GroupRate.SELECTION, "race", one, 0.95);
        assertEquals("fewer than two groups have a defined selection_rate: nothing is compared", v.undefined());
        Map<GroupKey, GroupState> zero = new LinkedHashMap<>();
        zero.put(g("A"), selections(100, 0));
        zero.put(g("B"), selections(100, 0));
        MetricValue z = MinimumDetectable.impactRatio("race", zero, 30, 0.95, 0).get(1);
        assertEquals("the reference's selection_rate is 0: no lower rate exists to detect", z.undefined());
    }

    @Test
    void everyComparisonOfRatesHasOne() {
        for (String id : List.of("impact_ratio", "disparate_impact", "statistical_parity_difference", "demographic_parity_ratio",
                "demographic_parity_difference", "equal_opportunity_difference", "equalized_odds_ratio",
                "false_positive_rate_difference", "accuracy_ratio")) {
            assertTrue(MetricCatalogue.find(MinimumDetectable.of(id)).isPresent(), id);
        }
        assertEquals(MinimumDetectable.Scale.RATIO, MinimumDetectable.scaleOf("disparate_impact"));
        assertEquals(MinimumDetectable.Scale.DIFFERENCE, MinimumDetectable.scaleOf("equal_opportunity_difference"));
        assertTrue(MetricCatalogue.find(MinimumDetectable.of("selection_rate_difference_to_overall")).isEmpty());
    }
}
