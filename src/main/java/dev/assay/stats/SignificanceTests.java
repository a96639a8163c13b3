package dev.assay.stats;

import org.apache.commons.math3.distribution.HypergeometricDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.apache.commons.math3.util.ArithmeticUtils;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.IntStream;

/** Significance tests on counts, and multiple-comparison control. */
public final class SignificanceTests {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private SignificanceTests() {
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

    /** Up to this sample size (both samples) the KS p-value is exact, as SciPy's ks_2samp(method="auto"). */
    public static final long KS_EXACT_MAX = 10_000;

    /**
     * The two-sample, two-sided Kolmogorov-Smirnov test of D = sup |F_n - G_m|, as SciPy's
     * {@code ks_2samp(method="auto")}: exact when both samples have at most 10,000 values
     * ({@link #kolmogorovSmirnovExactP}), asymptotic above ({@link #kolmogorovSmirnovAsymptoticP}).
     * Ties are allowed in D (it is computed over the samples' exact empirical distributions); the
     * p-value is the one of the continuous null distribution, as in SciPy and R's ks.test, which is
     * conservative under ties. Undefined with an empty sample or a D outside [0, 1].
     *
     * @param d the statistic, a multiple of 1 / lcm(n, m) up to rounding (it is rounded to the nearest)
     */
    public static Optional<Result> kolmogorovSmirnov(double d, long n, long m) {
        if (n <= 0 || m <= 0 || !(d >= 0 && d <= 1)) {
            return Optional.empty();
        }
        // Above 10,000 values a side N = round(nm / (n + m)) is at least 1, so the asymptotic value exists.
        double p = Math.max(n, m) <= KS_EXACT_MAX ? kolmogorovSmirnovExactP(d, n, m) : kolmogorovSmirnovAsymptoticP(d, n, m).orElseThrow();
        return Optional.of(new Result("two-sample Kolmogorov-Smirnov", d, p));
    }

    /**
     * P(D &ge; d) under H0 for samples of n and m values, exactly (SciPy's {@code ks_2samp(method="exact")},
     * two-sided): the share of the C(n+m, n) lattice paths from (0, 0) to (m, n) that touch or cross
     * |x/m - y/n| = d (Hodges 1958, the "inside" method), computed as 1 - share directly (Viehmann 2021,
     * arXiv:2102.08037) so that small p-values keep their digits. O(n m) time, O(min(n, m)) memory.
     * Complete separation (d = 1) gives 2 / C(n+m, n); d = 0 gives 1.
     *
     * @throws IllegalArgumentException when a sample is empty or d is outside [0, 1]
     */
    public static double kolmogorovSmirnovExactP(double d, long n, long m) {
        if (n <= 0 || m <= 0 || !(d >= 0 && d <= 1)) {
            throw new IllegalArgumentException("needs n, m > 0 and d in [0, 1]: " + n + ", " + m + ", " + d);
        }
        long small = Math.min(n, m);
        long large = Math.max(n, m);
        long g = ArithmeticUtils.gcd(small, large);
        long smallG = small / g;
        long largeG = large / g;
        // D in units of 1 / lcm(n, m), where every attainable value lies.
        long h = Math.round(d * (largeG * small));
        if (h == 0) {
            return 1.0;
        }
        // Column x (0..large) of the lattice; rows y in [lo, hi) are strictly inside |x smallG - y largeG| < h.
        // a[y - lo] = 1 - (paths from the origin to (x, y) staying inside) / C(x + y, y); the rest of a is 1.
        long hi = Math.min(ceilDiv(h, largeG), small + 1);
        long lo = 0;
        double[] a = new double[(int) Math.min(2 * hi + 2, small + 1)];
        Arrays.fill(a, (int) hi, a.length, 1.0);
        for (long x = 1; x <= large; x++) {
            long lastLo = lo;
            long lastLength = hi - lo;
            lo = Math.min(Math.max(Math.floorDiv(smallG * x - h, largeG) + 1, 0), small);
            hi = Math.min(ceilDiv(smallG * x + h, largeG), small + 1);
            if (hi <= lo) {
                return 1.0;
            }
            // The point below the window, if any, is outside: a = 1 there; at y = 0 no path comes from below.
            double below = lo == 0 ? 0.0 : 1.0;
            for (long y = lo; y < hi; y++) {
                // Paths into (x, y) come from (x - 1, y) and (x, y - 1), in proportion x : y of C(x + y, y).
                below = (a[(int) (y - lastLo)] * x + below * y) / (x + y);
                a[(int) (y - lo)] = below;
            }
            long length = hi - lo;
            if (lastLength > length) {
                Arrays.fill(a, (int) length, (int) lastLength, 1.0);
            }
        }
        return a[(int) (hi - lo - 1)];
    }

    /**
     * SciPy's large-sample p-value ({@code ks_2samp(method="asymp")}, two-sided): the one-sample
     * Kolmogorov distribution's survival function at d for N = round(n m / (n + m)) values
     * ({@code kstwo.sf(d, N)}), from Commons Math's CDF of D_N (Marsaglia-Tsang-Wang below 141 values,
     * Pelz-Good above). Absolute error under 1e-9 against SciPy (the test's vectors); as 1 - CDF it has no
     * relative precision below about 1e-15. Undefined when N rounds to 0 (n = m = 1: SciPy says NaN), a
     * case the exact method covers: {@link #kolmogorovSmirnov} uses this one only above 10,000 values.
     */
    public static Optional<Double> kolmogorovSmirnovAsymptoticP(double d, long n, long m) {
        if (n <= 0 || m <= 0 || !(d >= 0 && d <= 1)) {
            return Optional.empty();
        }
        long effective = (long) Math.rint((double) n * m / (n + m)); // half to even, as NumPy's round
        if (effective < 1) {
            return Optional.empty();
        }
        return Optional.of(Math.min(1, Math.max(0, 1 - new KolmogorovSmirnovTest().cdf(d, (int) Math.min(Integer.MAX_VALUE, effective)))));
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
