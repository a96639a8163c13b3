package dev.assay.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignificanceTest {

    @Test
    void twoProportionZOfTenOfTwentyAgainstTwentyOfTwenty() {
        SignificanceTests.Result r = SignificanceTests.twoProportionZ(10, 20, 20, 20).orElseThrow();
        assertEquals(-3.6514837167011072, r.statistic(), 1e-12);
        // p = erfc(|z| / sqrt 2), computed with the C library: 2.6072963285531743e-4.
        assertEquals(2.6072963285531743e-4, r.pValue(), 1e-12);
    }

    @Test
    void fisherExactOfTheLadyTastingTea() {
        // Fisher (1935): 3 of 4 cups right each way; two-sided p = 34/70.
        assertEquals(34.0 / 70, SignificanceTests.fisherExact(3, 4, 1, 4).orElseThrow().pValue(), 1e-12);
        // A one-sided extreme: 4 of 4 against 0 of 4: p = 2/70.
        assertEquals(2.0 / 70, SignificanceTests.fisherExact(4, 4, 0, 4).orElseThrow().pValue(), 1e-12);
    }

    @Test
    void smallGroupsAreComparedWithFisher() {
        assertEquals("Fisher exact test", SignificanceTests.compareProportions(3, 4, 1, 4).orElseThrow().test());
        assertEquals("two-proportion z-test", SignificanceTests.compareProportions(40, 100, 60, 100).orElseThrow().test());
        assertEquals("Fisher exact test", SignificanceTests.compareProportions(1, 100, 3, 100).orElseThrow().test(),
                "expected counts under 5");
    }

    @Test
    void chiSquareOfATwoByTwoTable() {
        // [[3, 1], [1, 3]]: every expected count is 2, chi2 = 4 * (1/2) = 2, one degree of freedom.
        SignificanceTests.Result r = SignificanceTests.chiSquareIndependence(new long[] {3, 1}, new long[] {4, 4}).orElseThrow();
        assertEquals(2.0, r.statistic(), 1e-12);
        assertEquals(0.15729920705028513, r.pValue(), 1e-12);
    }

    @Test
    void benjaminiHochbergByHand() {
        // Sorted: 0.005 (rank 1), 0.01 (2), 0.03 (3), 0.04 (4); m = 4.
        // Raw m*p/rank: 0.02, 0.02, 0.04, 0.04; step-up minimum from the top keeps them.
        assertArrayEquals(new double[] {0.02, 0.04, 0.04, 0.02},
                SignificanceTests.benjaminiHochberg(new double[] {0.01, 0.04, 0.03, 0.005}), 1e-15);
        // Monotone: a larger p never gets a smaller adjusted value.
        double[] adjusted = SignificanceTests.benjaminiHochberg(new double[] {0.001, 0.049, 0.05, 0.9});
        assertTrue(adjusted[0] <= adjusted[1] && adjusted[1] <= adjusted[2] && adjusted[2] <= adjusted[3]);
        assertEquals(0.9, adjusted[3], 1e-15);
    }

    @Test
    void newcombeHybridIntervalForADifference() {
        // Newcombe (1998), Table II, example (a): 56/70 - 48/80, method 10: 0.0524 to 0.3339.
        Interval ci = Proportions.newcombeDifference(56, 70, 48, 80, 0.95).orElseThrow();
        assertEquals(0.0524, ci.lower(), 5e-5);
        assertEquals(0.3339, ci.upper(), 5e-5);
    }
}
