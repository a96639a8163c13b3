package dev.assay.stats;

import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.distribution.NormalDistribution;

import java.util.Optional;

/**
 * What a comparison of two proportions could have seen: the power of the one-sided pooled two-proportion
 * z-test and, from it, the smallest effect detectable with a given power.
 *
 * <p>The power is Fleiss, Levin and Paik, <i>Statistical Methods for Rates and Proportions</i>, 3rd ed.
 * (Wiley 2003), §4.2 and §4.4 (eqs. 4.14 and 4.19 solved for the power instead of the sample size, without the
 * continuity correction, as the z-test Assay runs has none): for a group rate p1 over n1 rows and a reference
 * rate p2 over n2 rows, with p̄ = (n1 p1 + n2 p2) / (n1 + n2),
 * <pre>
 *   power(p1) = Φ( ( (p2 − p1) − z(1−α) √(p̄(1−p̄)(1/n1 + 1/n2)) ) / √(p1(1−p1)/n1 + p2(1−p2)/n2) )
 * </pre>
 * the variance under the null hypothesis pooled (the test's), under the alternative unpooled.
 *
 * <p>The minimum detectable ratio r* is the ratio r = p1/p2 &lt; 1 at which that power equals the power asked
 * for (0.8 by convention, Cohen 1988): solved with Commons Math's {@link BrentSolver} on [0, 1], where the power
 * falls from its value at p1 = 0 to α at p1 = p2. Any true ratio at or below r* would have been detected with at
 * least that power; a ratio above it could have passed unseen. The minimum detectable difference is
 * p2 (1 − r*): the same point on the rate scale. When even p1 = 0 is detected with less power, no ratio is
 * detectable: the groups are too small, and the result is empty.
 */
public final class Power {

    /** The conventional power a study should have to detect the effect it is about (Cohen 1988, §2.4). */
    public static final double CONVENTIONAL = 0.8;

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    /** Absolute accuracy of the ratio: far below anything reported, above the solver's floating-point floor. */
    private static final double ACCURACY = 1e-13;

    private Power() {
    }

    /**
     * The power of the one-sided pooled two-proportion z-test at level {@code alpha} to find a group rate
     * {@code p1} below a reference rate {@code p2} (formula above).
     *
     * @param p1    the group's true rate, in [0, 1]
     * @param n1    the group's rows (the rate's denominator), at least 1
     * @param p2    the reference's true rate, in [0, 1]
     * @param n2    the reference's rows, at least 1
     * @param alpha the one-sided significance level, in (0, 1)
     * @return a probability in [0, 1]
     * @throws IllegalArgumentException for arguments outside those ranges
     */
    public static double ofTwoProportions(double p1, long n1, double p2, long n2, double alpha) {
        if (!(p1 >= 0 && p1 <= 1 && p2 >= 0 && p2 <= 1) || n1 < 1 || n2 < 1 || !(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("rates in [0, 1], sizes >= 1, alpha in (0, 1)");
        }
        double pooled = (n1 * p1 + n2 * p2) / (n1 + n2);
        double null0 = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        double alternative = Math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2);
        double shift = (p2 - p1) - STANDARD_NORMAL.inverseCumulativeProbability(1 - alpha) * null0;
        if (alternative == 0) {
            // Both rates 0 or 1: the test statistic is certain; it rejects exactly when the shift is positive.
            return shift > 0 ? 1 : 0;
        }
        return STANDARD_NORMAL.cumulativeProbability(shift / alternative);
    }

    /**
     * The minimum detectable ratio r* (see the class comment): the largest ratio p1/p2 the test detects with
     * {@code power}, given the group sizes and the reference rate.
     *
     * @param groupSize     the group's rows (the rate's denominator)
     * @param referenceSize the reference group's rows
     * @param referenceRate the reference's rate, taken as its true rate
     * @param alpha         the one-sided level (1 − the rule's confidence)
     * @param power         the power asked for, in (alpha, 1)
     * @return r* in [0, 1); empty when a size is 0, the reference rate is 0 (no lower rate exists), or even a
     *         group rate of 0 would be detected with less than {@code power}
     */
    public static Optional<Double> minimumDetectableRatio(long groupSize, long referenceSize, double referenceRate,
                                                          double alpha, double power) {
        if (!(power > alpha && power < 1)) {
            throw new IllegalArgumentException("power must be in (alpha, 1): " + power);
        }
        if (groupSize <= 0 || referenceSize <= 0 || !(referenceRate > 0 && referenceRate <= 1)) {
            return Optional.empty();
        }
        double atZero = ofTwoProportions(0, groupSize, referenceRate, referenceSize, alpha) - power;
        if (atZero < 0) {
            return Optional.empty();
        }
        if (atZero == 0) {
            return Optional.of(0.0);
        }
        double ratio = new BrentSolver(ACCURACY).solve(1000,
                r -> ofTwoProportions(r * referenceRate, groupSize, referenceRate, referenceSize, alpha) - power, 0, 1);
        return Optional.of(ratio);
    }
}
