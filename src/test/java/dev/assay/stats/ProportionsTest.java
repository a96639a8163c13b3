package dev.assay.stats;

import org.apache.commons.math3.stat.interval.ConfidenceInterval;
import org.apache.commons.math3.stat.interval.WilsonScoreInterval;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProportionsTest {

    @Test
    void criticalValueOf95Percent() {
        assertEquals(1.959963984540054, Proportions.z(0.95), 1e-12);
    }

    @Test
    void wilsonMatchesCommonsMathImplementation() {
        int[][] cases = {{0, 10}, {1, 10}, {5, 10}, {10, 10}, {81, 263}, {1, 1}, {12345, 67890}};
        for (int[] c : cases) {
            ConfidenceInterval expected = new WilsonScoreInterval().createInterval(c[1], c[0], 0.95);
            Interval actual = Proportions.wilson(c[0], c[1], 0.95).orElseThrow();
            assertEquals(expected.getLowerBound(), actual.lower(), 1e-9, "lower " + c[0] + "/" + c[1]);
            assertEquals(expected.getUpperBound(), actual.upper(), 1e-9, "upper " + c[0] + "/" + c[1]);
        }
    }

    @Test
    void wilsonByHandFor81Of263() {
        // Newcombe (1998), Table I, example (ii): 81/263 -> 0.2553 to 0.3662 (95%).
        Interval ci = Proportions.wilson(81, 263, 0.95).orElseThrow();
        assertEquals(0.2553, ci.lower(), 5e-5);
        assertEquals(0.3662, ci.upper(), 5e-5);
    }

    @Test
    void wilsonIsUndefinedWithoutTrials() {
        assertTrue(Proportions.wilson(0, 0, 0.95).isEmpty());
    }

    @Test
    void katzRatioByHand() {
        // (30/100) / (50/100) = 0.6; se = sqrt(1/30 - 1/100 + 1/50 - 1/100) = sqrt(0.0333333...)
        Interval ci = Proportions.katzRatio(30, 100, 50, 100, 0.95).orElseThrow();
        double se = Math.sqrt(1.0 / 30 - 1.0 / 100 + 1.0 / 50 - 1.0 / 100);
        assertEquals(0.6 * Math.exp(-1.959963984540054 * se), ci.lower(), 1e-12);
        assertEquals(0.6 * Math.exp(1.959963984540054 * se), ci.upper(), 1e-12);
        assertEquals(0.4195, ci.lower(), 1e-4);
        assertEquals(0.8581, ci.upper(), 1e-4);
    }

    @Test
    void katzIsUndefinedWithAZeroCount() {
        assertTrue(Proportions.katzRatio(0, 10, 5, 10, 0.95).isEmpty());
        assertTrue(Proportions.katzRatio(5, 10, 0, 10, 0.95).isEmpty());
    }
}
