package dev.assay.stats;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two-proportion power of Fleiss, Levin and Paik (2003, §4.2, §4.4) and the minimum detectable ratio solved
 * from it. Expected values computed by hand below, and checked once with mpmath at 40 digits (findroot for the
 * ratios); the test runs no Python.
 */
class PowerTest {

    @Test
    void powerOfTheOneSidedPooledTestByHand() {
        // p1 = 0.3 over 100 rows, p2 = 0.5 over 100 rows, alpha 0.05 (one-sided): z(0.95) = 1.6448536269514722.
        // Pooled p = (30 + 50) / 200 = 0.4; its standard error sqrt(0.4 * 0.6 * (1/100 + 1/100)) = sqrt(0.0048)
        // = 0.06928203230275509. Unpooled: sqrt(0.3 * 0.7 / 100 + 0.5 * 0.5 / 100) = sqrt(0.0046) = 0.06782329983125268.
        // Shift: 0.2 - 1.6448536269514722 * 0.06928203230275509 = 0.0860411978842...; / 0.0678232998 = 1.2686082526...;
        // Phi(1.2686082526...) = 0.8977095902581745 (mpmath: 0.89770959025817449744...).
        double z = 1.6448536269514722;
        double byHand = new org.apache.commons.math3.distribution.NormalDistribution(null, 0, 1)
                .cumulativeProbability((0.2 - z * Math.sqrt(0.0048)) / Math.sqrt(0.0046));
        assertEquals(0.8977095902581745, byHand, 1e-12);
        assertEquals(0.8977095902581745, Power.ofTwoProportions(0.3, 100, 0.5, 100, 0.05), 1e-9);
        // No difference: the power is the level itself.
        assertEquals(0.05, Power.ofTwoProportions(0.5, 100, 0.5, 100, 0.05), 1e-12);
        // Both rates at the bounds: the statistic is certain.
        assertEquals(1.0, Power.ofTwoProportions(0, 10, 1, 10, 0.05), 0);
    }

    @Test
    void minimumDetectableRatiosByHand() {
        // r* solves power(r * p2) = 0.8. For 100 and 100 rows at p2 = 0.5: at r = 0.6554247738666120, p1 = 0.32771238693330600,
        // pooled p = 0.41385619346665303, pooled SE = sqrt(0.413856 * 0.586144 * 0.02) = 0.0696533193..., unpooled SE
        // sqrt(0.327712 * 0.672288 / 100 + 0.0025) = 0.0685796601...; (0.172287613 - 1.644853627 * 0.0696533193) / 0.0685796601
        // = 0.8416212 = z(0.8): the power is 0.8. mpmath (40 digits): 0.65542477386661198147...
        assertEquals(0.6554247738666120, Power.minimumDetectableRatio(100, 100, 0.5, 0.05, 0.8).orElseThrow(), 1e-9);
        // The example: 45 rows against 200 at a selection rate of 0.5 could only have shown a ratio below 0.60.
        // mpmath: 0.59987801467937042956...
        assertEquals(0.5998780146793704, Power.minimumDetectableRatio(45, 200, 0.5, 0.05, 0.8).orElseThrow(), 1e-9);
        // 1000 and 1000 rows at 0.3: mpmath 0.83454682050353094224...; the difference 0.3 * (1 - r*) = 0.04963595384894072.
        double r = Power.minimumDetectableRatio(1000, 1000, 0.3, 0.05, 0.8).orElseThrow();
        assertEquals(0.8345468205035309, r, 1e-9);
        assertEquals(0.04963595384894072, 0.3 * (1 - r), 1e-9);
        // At r* the power is the one asked for.
        assertEquals(0.8, Power.ofTwoProportions(r * 0.3, 1000, 0.3, 1000, 0.05), 1e-9);
    }

    @Test
    void undefinedWhereNothingCanBeDetected() {
        assertTrue(Power.minimumDetectableRatio(100, 100, 0, 0.05, 0.8).isEmpty(), "no rate below 0");
        assertTrue(Power.minimumDetectableRatio(0, 100, 0.5, 0.05, 0.8).isEmpty(), "an empty group");
        // Three rows against three at 0.5: even a rate of 0 is found with power Phi((0.5 - 1.645 * sqrt(0.25 * 2/3)) / sqrt(0.25/3))
        // = Phi(-0.594) = 0.276 < 0.8.
        assertTrue(Power.minimumDetectableRatio(3, 3, 0.5, 0.05, 0.8).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> Power.minimumDetectableRatio(10, 10, 0.5, 0.05, 0.01));
    }

    /** More rows never make an audit see less: r* rises (toward 1) with the group's size and the reference's. */
    @Property(tries = 300)
    void monotoneInTheGroupSizes(@ForAll @LongRange(min = 10, max = 100_000) long n, @ForAll @LongRange(min = 10, max = 100_000) long m,
                                 @ForAll @DoubleRange(min = 0.05, max = 1) double rate) {
        var small = Power.minimumDetectableRatio(n, m, rate, 0.05, 0.8);
        var larger = Power.minimumDetectableRatio(2 * n, m, rate, 0.05, 0.8);
        var both = Power.minimumDetectableRatio(2 * n, 2 * m, rate, 0.05, 0.8);
        if (small.isPresent()) {
            assertTrue(larger.isPresent() && larger.get() >= small.get() - 1e-12, n + " " + m + " " + rate);
        }
        if (larger.isPresent()) {
            assertTrue(both.isPresent() && both.get() >= larger.get() - 1e-12, n + " " + m + " " + rate);
        }
    }

    /** Any ratio at or below r* is detected with at least the power asked for; r* itself with exactly it. */
    @Property(tries = 300)
    void everyLowerRatioIsDetected(@ForAll @LongRange(min = 5, max = 50_000) long n, @ForAll @LongRange(min = 5, max = 50_000) long m,
                                   @ForAll @DoubleRange(min = 0.01, max = 1) double rate, @ForAll @DoubleRange(min = 0, max = 1) double below) {
        Power.minimumDetectableRatio(n, m, rate, 0.05, 0.8).ifPresent(r -> {
            assertEquals(0.8, Power.ofTwoProportions(r * rate, n, rate, m, 0.05), 1e-9);
            assertTrue(Power.ofTwoProportions(below * r * rate, n, rate, m, 0.05) >= 0.8 - 1e-9);
        });
    }

    @Test
    void approachesOneAsTheRowsGrow() {
        double previous = 0;
        for (long n = 100; n <= 100_000_000L; n *= 10) {
            double r = Power.minimumDetectableRatio(n, n, 0.4, 0.05, 0.8).orElseThrow();
            assertTrue(r > previous);
            previous = r;
        }
        assertTrue(previous > 0.999, "10^8 rows a side see a ratio of " + previous);
    }
}
