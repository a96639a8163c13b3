package dev.assay.stats;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Mantel-Haenszel estimators and the Cochran-Mantel-Haenszel test against published worked examples, and their
 * edge cases by hand.
 */
class MantelHaenszelTest {

    private static final double Z95 = 1.959963984540054;
    private static final double Z90 = 1.6448536269514722;

    /**
     * Agresti (1990), <i>Categorical Data Analysis</i>, pp. 231-237, penicillin and rabbits, as R's
     * {@code mantelhaen.test} documents it ({@code Rabbits}): per penicillin level, rabbits cured of those injected
     * at once (the compared group) and of those injected 1.5 h later (the reference).
     */
    private static final List<MantelHaenszel.Table> RABBITS = List.of(
            new MantelHaenszel.Table(0, 6, 0, 5),   // 1/8
            new MantelHaenszel.Table(3, 6, 0, 6),   // 1/4
            new MantelHaenszel.Table(6, 6, 2, 6),   // 1/2
            new MantelHaenszel.Table(5, 6, 6, 6),   // 1
            new MantelHaenszel.Table(2, 2, 5, 5));  // 4

    /**
     * Rothman (2012), <i>Epidemiology: An Introduction</i>, 2nd ed., Table 10-3 (the UGDP trial, as the fmsb package's
     * {@code RRMH} example gives it): deaths among patients on tolbutamide (compared) and on placebo (reference), by age
     * (under 55, 55 and over).
     */
    private static final List<MantelHaenszel.Table> TOLBUTAMIDE = List.of(
            new MantelHaenszel.Table(8, 106, 5, 120),
            new MantelHaenszel.Table(22, 98, 16, 85));

    @Test
    void oddsRatioOfThePenicillinDataIsAgrestisAndRsWithTheRobinsBreslowGreenlandInterval() {
        MantelHaenszel.Estimate or = MantelHaenszel.oddsRatio(RABBITS, 0.95).orElseThrow();
        // By hand: Σ ad/N = 18/12 + 24/12 = 3.5 (levels 1/4 and 1/2), Σ bc/N = 6/12 = 0.5 (level 1): 7, as R prints.
        assertEquals(7.0, or.value(), 1e-12);
        // R: "95 percent confidence interval: 1.026713 47.725133" (mantelhaen.test(Rabbits)), to its printed digits.
        assertEquals(1.026713, or.ci().lower(), 5e-7);
        assertEquals(47.725133, or.ci().upper(), 5e-6);
        // And by hand, Robins, Breslow and Greenland (1986): Σ PR/(2R²) + Σ (PS + QR)/(2RS) + Σ QS/(2S²), with
        // (P, Q, R, S) = (3/4, 1/4, 3/2, 0), (5/6, 1/6, 2, 0), (5/12, 7/12, 0, 1/2) per contributing level:
        // (9/8 + 5/3) / 24.5 + (5/24 + 3/8 + 1/3) / 3.5 + (7/24) / 0.5 = 47/49.
        double half = Z95 * Math.sqrt(47.0 / 49.0);
        assertEquals(7 * Math.exp(-half), or.ci().lower(), 1e-12);
        assertEquals(7 * Math.exp(half), or.ci().upper(), 1e-9);
    }

    @Test
    void cochranMantelHaenszelTestOfThePenicillinDataIsRs() {
        // R: "Mantel-Haenszel X-squared = 3.9286, df = 1, p-value = 0.04747" (with R's default continuity correction).
        SignificanceTests.Result corrected = MantelHaenszel.test(RABBITS, true).orElseThrow();
        assertEquals(3.9286, corrected.statistic(), 5e-5);
        assertEquals(0.04747, corrected.pValue(), 5e-6);
        // By hand: Σ (x1 − E) = 16 − 13 = 3; Σ V = (972 + 1152 + 396) / 1584 = 2520/1584 (levels 1/8 and 4 have m1 or m0 = 0).
        double variance = 2520.0 / 1584;
        assertEquals(2.5 * 2.5 / variance, corrected.statistic(), 1e-12);
        SignificanceTests.Result plain = MantelHaenszel.test(RABBITS, false).orElseThrow();
        assertEquals(9 / variance, plain.statistic(), 1e-12);
        assertEquals(1 - new ChiSquaredDistribution(1).cumulativeProbability(9 / variance), plain.pValue(), 1e-12);
        assertEquals("Cochran-Mantel-Haenszel test", plain.test());
    }

    @Test
    void riskRatioOfTheTolbutamideDataIsRothmansWithTheGreenlandRobinsInterval() {
        MantelHaenszel.Estimate rr = MantelHaenszel.riskRatio(TOLBUTAMIDE, 0.90).orElseThrow();
        // Rothman: RR_MH = 1.33. By hand: (8·120/226 + 22·85/183) / (5·106/226 + 16·98/183) = 598300 / 451358.
        assertEquals(1.33, rr.value(), 5e-3);
        assertEquals(598300.0 / 451358, rr.value(), 1e-12);
        // Greenland and Robins (1985): Σ (n1 n0 M1 − a c N)/N² / (R S), (106·120·13 − 8·5·226)/226² = 156320/51076 and
        // (98·85·38 − 22·16·183)/183² = 252124/33489, R = 598300/41358, S = 451358/41358.
        double variance = (156320.0 / 51076 + 252124.0 / 33489) / ((598300.0 / 41358) * (451358.0 / 41358));
        double log = Math.log(598300.0 / 451358);
        assertEquals(Math.exp(log - Z90 * Math.sqrt(variance)), rr.ci().lower(), 1e-12);
        assertEquals(Math.exp(log + Z90 * Math.sqrt(variance)), rr.ci().upper(), 1e-12);
    }

    @Test
    void oneStratumIsTheCrudeComparisonWithKatzsAndWoolfsIntervals() {
        List<MantelHaenszel.Table> one = List.of(new MantelHaenszel.Table(30, 100, 60, 120));
        MantelHaenszel.Estimate rr = MantelHaenszel.riskRatio(one, 0.95).orElseThrow();
        assertEquals(0.3 / 0.5, rr.value(), 1e-12);
        Interval katz = Proportions.katzRatio(30, 100, 60, 120, 0.95).orElseThrow();
        assertEquals(katz.lower(), rr.ci().lower(), 1e-12);
        assertEquals(katz.upper(), rr.ci().upper(), 1e-12);
        MantelHaenszel.Estimate or = MantelHaenszel.oddsRatio(one, 0.95).orElseThrow();
        // (30·60)/(70·60) = 3/7, Woolf's variance 1/30 + 1/70 + 1/60 + 1/60.
        assertEquals(3.0 / 7, or.value(), 1e-12);
        double half = Z95 * Math.sqrt(1.0 / 30 + 1.0 / 70 + 1.0 / 60 + 1.0 / 60);
        assertEquals(3.0 / 7 * Math.exp(-half), or.ci().lower(), 1e-12);
        assertEquals(3.0 / 7 * Math.exp(half), or.ci().upper(), 1e-12);
    }

    @Test
    void aStratumLackingEitherGroupChangesNothing() {
        List<MantelHaenszel.Table> more = new ArrayList<>(TOLBUTAMIDE);
        more.add(new MantelHaenszel.Table(3, 5, 0, 0));
        more.add(new MantelHaenszel.Table(0, 0, 4, 9));
        more.add(new MantelHaenszel.Table(0, 0, 0, 0));
        assertTrue(more.stream().filter(t -> !t.comparesBoth()).count() == 3);
        MantelHaenszel.Estimate a = MantelHaenszel.riskRatio(TOLBUTAMIDE, 0.95).orElseThrow();
        MantelHaenszel.Estimate b = MantelHaenszel.riskRatio(more, 0.95).orElseThrow();
        assertEquals(a, b);
        assertEquals(MantelHaenszel.oddsRatio(TOLBUTAMIDE, 0.95), MantelHaenszel.oddsRatio(more, 0.95));
        assertEquals(MantelHaenszel.test(TOLBUTAMIDE, false), MantelHaenszel.test(more, false));
    }

    @Test
    void zeroCells() {
        // The reference selects no one where both are: no ratio (undefined), never infinity.
        List<MantelHaenszel.Table> noReference = List.of(new MantelHaenszel.Table(4, 10, 0, 10), new MantelHaenszel.Table(0, 0, 7, 7));
        assertTrue(MantelHaenszel.riskRatio(noReference, 0.95).isEmpty());
        assertTrue(MantelHaenszel.oddsRatio(noReference, 0.95).isEmpty());
        // The group selects no one: a ratio of exactly 0, whose logarithm (and so interval) does not exist.
        List<MantelHaenszel.Table> none = List.of(new MantelHaenszel.Table(0, 10, 4, 10), new MantelHaenszel.Table(0, 5, 1, 20));
        MantelHaenszel.Estimate rr = MantelHaenszel.riskRatio(none, 0.95).orElseThrow();
        assertEquals(0.0, rr.value());
        assertNull(rr.ci());
        assertEquals(0.0, MantelHaenszel.oddsRatio(none, 0.95).orElseThrow().value());
        // Everyone selected in every stratum: no variance, no test; the ratio is 1 and its Greenland-Robins variance 0.
        List<MantelHaenszel.Table> all = List.of(new MantelHaenszel.Table(5, 5, 8, 8), new MantelHaenszel.Table(2, 2, 3, 3));
        assertTrue(MantelHaenszel.test(all, false).isEmpty());
        MantelHaenszel.Estimate same = MantelHaenszel.riskRatio(all, 0.95).orElseThrow();
        assertEquals(1.0, same.value(), 1e-12);
        assertEquals(1.0, same.ci().lower(), 1e-12);
        assertEquals(1.0, same.ci().upper(), 1e-12);
        // A stratum of one row has no hypergeometric variance: it adds nothing to the test.
        assertEquals(MantelHaenszel.test(TOLBUTAMIDE, false), MantelHaenszel.test(List.of(TOLBUTAMIDE.get(0), TOLBUTAMIDE.get(1),
                new MantelHaenszel.Table(1, 1, 0, 0)), false));
        assertTrue(MantelHaenszel.riskRatio(List.of(), 0.95).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new MantelHaenszel.Table(3, 2, 0, 1));
    }
}
