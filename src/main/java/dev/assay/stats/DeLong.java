package dev.assay.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * DeLong's test for the difference of two correlated ROC AUCs: two scores of the same rows (DeLong,
 * DeLong and Clarke-Pearson 1988, "Comparing the areas under two or more correlated receiver operating
 * characteristic curves: a nonparametric approach", Biometrics 44:837-845), in the placement-value form of
 * Sun and Xu 2014 (IEEE Signal Processing Letters 21(11):1389-1393), as pROC's {@code roc.test} computes it.
 *
 * <p>With P positive and N negative rows, score k's placement of a positive row is
 * {@code V10_k = U_k / (2N)}, where {@code U_k = 2 (negatives scored below it) + (negatives scored alike)},
 * and of a negative row {@code V01_k = W_k / (2P)}, {@code W_k = 2 (positives scored above it) + (positives
 * scored alike)}: ties count one half, as in the Mann-Whitney statistic. AUC_k is the mean of V10_k.
 * S10 and S01 are the sample covariance matrices (denominators P - 1 and N - 1) of the placements, and
 * {@code Var(AUC_1 - AUC_2) = (S10_11 + S10_22 - 2 S10_12) / P + (S01_11 + S01_22 - 2 S01_12) / N};
 * {@code z = (AUC_1 - AUC_2) / sqrt(Var)}, two-sided against the standard normal.
 *
 * <p>Why it stays exact: {@link Components} are integer sums (U and W are integers; the sums of their
 * squares and cross products are exact in arbitrary precision), so every co-moment
 * {@code P Σ U_k U_l - Σ U_k Σ U_l} is an exact integer, and the variance is one exact rational until the
 * final division. Nothing is binned or approximated: the test equals DeLong's on the rows to the last
 * digit of a double. Frequency weights multiply each row's terms, as if it were repeated.
 */
public final class DeLong {

    /** The test's name as reports show it. */
    public static final String NAME = "DeLong test for two correlated ROC AUCs";

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private DeLong() {
    }

    /**
     * The sufficient statistics of the test over the rows both scores rank (weighted counts; every sum over
     * positives for U, over negatives for W; index 1 is the first score, 2 the second).
     */
    public record Components(long positives, long negatives,
                             BigInteger sumU1, BigInteger sumU2, BigInteger sumU1U1, BigInteger sumU2U2, BigInteger sumU1U2,
                             BigInteger sumW1, BigInteger sumW2, BigInteger sumW1W1, BigInteger sumW2W2, BigInteger sumW1W2) {

        /** No row: no positive, no negative. */
        public static final Components EMPTY = new Components(0, 0, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO,
                BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);

        /** The first score's AUC, Σ U_1 / (2 P N); empty without both classes. */
        public OptionalDouble auc1() {
            return auc(sumU1);
        }

        /** The second score's AUC. */
        public OptionalDouble auc2() {
            return auc(sumU2);
        }

        private OptionalDouble auc(BigInteger sumU) {
            return positives == 0 || negatives == 0 ? OptionalDouble.empty()
                    : OptionalDouble.of(ratio(sumU, BigInteger.valueOf(positives).multiply(BigInteger.valueOf(negatives)).shiftLeft(1)));
        }

        /**
         * Var(AUC_1 - AUC_2) as the exact rational
         * {@code (D10 (N - 1) + D01 (P - 1)) / (4 P^2 N^2 (P - 1)(N - 1))}, where D10 and D01 are the co-moment
         * combinations {@code M_11 + M_22 - 2 M_12} of U and W; empty with fewer than two rows of a class.
         */
        public OptionalDouble variance() {
            if (positives < 2 || negatives < 2) {
                return OptionalDouble.empty();
            }
            BigInteger p = BigInteger.valueOf(positives);
            BigInteger n = BigInteger.valueOf(negatives);
            BigInteger p1 = p.subtract(BigInteger.ONE);
            BigInteger n1 = n.subtract(BigInteger.ONE);
            BigInteger numerator = differenceMoment(p, sumU1, sumU2, sumU1U1, sumU2U2, sumU1U2).multiply(n1)
                    .add(differenceMoment(n, sumW1, sumW2, sumW1W1, sumW2W2, sumW1W2).multiply(p1));
            BigInteger denominator = p.multiply(p).multiply(n).multiply(n).multiply(p1).multiply(n1).shiftLeft(2);
            return OptionalDouble.of(ratio(numerator, denominator));
        }

        /** P Σ(a - b)^2 - (Σ(a - b))^2 = M_aa + M_bb - 2 M_ab, exact: P times the sum of squared deviations of a - b. */
        private static BigInteger differenceMoment(BigInteger count, BigInteger sumA, BigInteger sumB, BigInteger sumAA,
                                                   BigInteger sumBB, BigInteger sumAB) {
            BigInteger squares = sumAA.add(sumBB).subtract(sumAB.shiftLeft(1));
            BigInteger sum = sumA.subtract(sumB);
            return count.multiply(squares).subtract(sum.multiply(sum));
        }
    }

    /**
     * The test of AUC_1 - AUC_2. Undefined (empty) with fewer than two positive or two negative rows (the
     * covariances need two of each). When the difference has no variance the two scores order every
     * positive against every negative alike: equal AUCs give z = 0 and p = 1 (pROC's answer for identical
     * curves); unequal ones (never seen in practice) have no test.
     */
    public static Optional<SignificanceTests.Result> test(Components c) {
        if (c.positives() < 2 || c.negatives() < 2) {
            return Optional.empty();
        }
        double variance = c.variance().orElseThrow();
        BigInteger difference = c.sumU1().subtract(c.sumU2());
        if (variance == 0) {
            return difference.signum() == 0 ? Optional.of(new SignificanceTests.Result(NAME, 0.0, 1.0)) : Optional.empty();
        }
        // z = (Σ U_1 - Σ U_2) / (2 P N) / sqrt(Var): the exact difference over the exact variance's root.
        double auc = ratio(difference, BigInteger.valueOf(c.positives()).multiply(BigInteger.valueOf(c.negatives())).shiftLeft(1));
        double z = auc / Math.sqrt(variance);
        return Optional.of(new SignificanceTests.Result(NAME, z, 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z))));
    }

    /** a / b for exact integers, rounded once, to a double. */
    static double ratio(BigInteger a, BigInteger b) {
        return new BigDecimal(a).divide(new BigDecimal(b), MathContext.DECIMAL128).doubleValue();
    }
}
