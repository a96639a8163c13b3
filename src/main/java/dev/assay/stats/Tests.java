package dev.assay.stats;

import org.apache.commons.math3.distribution.HypergeometricDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.ChiSquareTest;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.IntStream;

/** Significance tests on counts, and multiple-comparison control. */
public final class Tests {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private Tests() {
    }

    /** A test's name, statistic (NaN where the test has none) and two-sided p-value. */
    public record Result(String test, double statistic, double pValue) {
    }

    /**
     * Two-proportion z-test with the pooled variance: z = (p1 - p2) / sqrt(p(1-p)(1/n1 + 1/n2)).
     * Undefined with an empty group or when both proportions are 0 or both 1 (no variance).
     */
    public static Optional<Result> twoProportionZ(long x1, long n1, long x2, long n2) {
        if (n1 <= 0 || n2 <= 0) {
            return Optional.empty();
        }
        double p1 = (double) x1 / n1;
        double p2 = (double) x2 / n2;
        double pooled = (double) (x1 + x2) / (n1 + n2);
        double variance = pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2);
        if (variance == 0) {
            return Optional.empty();
        }
        double z = (p1 - p2) / Math.sqrt(variance);
        return Optional.of(new Result("two-proportion z-test", z, 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z))));
    }

    /**
     * Fisher's exact test, two-sided, of the 2x2 table [[x1, n1 - x1], [x2, n2 - x2]]: the sum of the
     * probabilities of all tables with the same margins that are no more likely than the observed one.
     */
    public static Optional<Result> fisherExact(long x1, long n1, long x2, long n2) {
        if (n1 <= 0 || n2 <= 0 || n1 + n2 > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        int population = (int) (n1 + n2);
        int successes = (int) (x1 + x2);
        HypergeometricDistribution h = new HypergeometricDistribution(null, population, successes, (int) n1);
        double observed = h.probability((int) x1);
        double p = 0;
        for (int k = h.getSupportLowerBound(); k <= h.getSupportUpperBound(); k++) {
            double pk = h.probability(k);
            if (pk <= observed * (1 + 1e-7)) {
                p += pk;
            }
        }
        return Optional.of(new Result("Fisher exact test", Double.NaN, Math.min(1, p)));
    }

    /**
     * The test used to compare two groups' rates: Fisher's exact test when a group is small (under
     * 30) or an expected cell count is under 5, the two-proportion z-test otherwise.
     */
    public static Optional<Result> compareProportions(long x1, long n1, long x2, long n2) {
        if (n1 <= 0 || n2 <= 0) {
            return Optional.empty();
        }
        double pooled = (double) (x1 + x2) / (n1 + n2);
        double minExpected = Math.min(Math.min(n1 * pooled, n1 * (1 - pooled)), Math.min(n2 * pooled, n2 * (1 - pooled)));
        if (n1 < 30 || n2 < 30 || minExpected < 5) {
            return fisherExact(x1, n1, x2, n2);
        }
        return twoProportionZ(x1, n1, x2, n2);
    }

    /** Pearson's chi-square test of independence of group and outcome over all groups (k x 2 table). */
    public static Optional<Result> chiSquareIndependence(long[] successes, long[] trials) {
        int k = successes.length;
        long[][] table = new long[k][2];
        int nonEmpty = 0;
        for (int i = 0; i < k; i++) {
            table[i][0] = successes[i];
            table[i][1] = trials[i] - successes[i];
            nonEmpty += trials[i] > 0 ? 1 : 0;
        }
        long[][] used = Arrays.stream(table).filter(r -> r[0] + r[1] > 0).toArray(long[][]::new);
        long column0 = Arrays.stream(used).mapToLong(r -> r[0]).sum();
        long column1 = Arrays.stream(used).mapToLong(r -> r[1]).sum();
        if (nonEmpty < 2 || column0 == 0 || column1 == 0) {
            return Optional.empty();
        }
        ChiSquareTest test = new ChiSquareTest();
        return Optional.of(new Result("chi-square test of independence", test.chiSquare(used), test.chiSquareTest(used)));
    }

    /**
     * Benjamini-Hochberg adjusted p-values (the step-up false discovery rate procedure), in the order
     * given: adjusted_i = min over j with rank_j >= rank_i of (m / rank_j) p_j, capped at 1.
     */
    public static double[] benjaminiHochberg(double[] p) {
        int m = p.length;
        Integer[] order = IntStream.range(0, m).boxed().sorted(Comparator.comparingDouble(i -> p[i])).toArray(Integer[]::new);
        double[] adjusted = new double[m];
        double running = 1.0;
        for (int r = m - 1; r >= 0; r--) {
            int i = order[r];
            running = Math.min(running, p[i] * m / (r + 1));
            adjusted[i] = running;
        }
        return adjusted;
    }
}
