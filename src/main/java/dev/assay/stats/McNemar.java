package dev.assay.stats;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * McNemar's test of two paired proportions: the same rows judged right or wrong by two classifiers. Only
 * the discordant pairs carry information: {@code b} pairs the first gets right and the second wrong,
 * {@code c} the reverse; under H0 (equal proportions) b given b + c is Binomial(b + c, 1/2) (McNemar
 * 1947; Agresti, Categorical Data Analysis, 3rd ed. 2013, section 11.1.1).
 *
 * <p>The p-value is the <em>mid-p</em> version of the exact conditional test (Fagerland, Lydersen and Laake
 * 2013, "The McNemar test for binary matched-pairs data: mid-p and asymptotic are better than exact
 * conditional", BMC Medical Research Methodology 13:91): with k = min(b, c) and n = b + c,
 * {@code 2 P(X <= k) - P(X = k)}, and {@code 1 - P(X = b) / 2} when b = c. Why this one: across their 9595
 * scenarios it never exceeded the nominal level, it is almost as powerful as the asymptotic test (which
 * does exceed it), and the exact conditional test and the continuity-corrected chi-square are needlessly
 * conservative; it is also exact arithmetic on the binomial, so it is as good for 3 discordant pairs as for
 * 3 million. The Result's statistic is McNemar's uncorrected chi-square (b - c)^2 / (b + c) (Agresti's z^2),
 * for readers who know the test by that number; the decision is the mid-p's.
 *
 * <p>All counts are frequency-weighted counts of pairs. Above {@link Integer#MAX_VALUE} discordant pairs
 * (only reachable with weights) the binomial is out of Commons Math's range and the asymptotic chi-square
 * test is used instead, under its own name: at that size the two agree to many digits.
 */
public final class McNemar {

    /** The test's name as reports show it. */
    public static final String MID_P = "McNemar mid-p test";

    /** Its large-sample form, used only beyond the binomial's range. */
    public static final String ASYMPTOTIC = "McNemar asymptotic test";

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private McNemar() {
    }

    /**
     * The test of b against c (both &ge; 0); its statistic McNemar's chi-square without continuity correction,
     * (b - c)^2 / (b + c). No discordant pair at all: p = 1 and no statistic (NaN, as the Result says: the two
     * classifiers agree on every pair, so nothing speaks for a difference).
     *
     * @throws IllegalArgumentException for a negative count
     */
    public static SignificanceTests.Result test(long b, long c) {
        check(b, c);
        if (b + c == 0) {
            return new SignificanceTests.Result(MID_P, Double.NaN, 1.0);
        }
        double d = (double) b - c;
        double chiSquare = d * d / (b + c);
        if (b + c > Integer.MAX_VALUE) {
            // The chi-square of one degree of freedom is z^2: 2 P(Z <= -|z|) keeps the digits of a tiny p-value.
            return new SignificanceTests.Result(ASYMPTOTIC, chiSquare, 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(d / Math.sqrt(b + c))));
        }
        return new SignificanceTests.Result(MID_P, chiSquare, midP(b, c));
    }

    /**
     * The two-sided exact conditional p-value, {@code min(1, 2 P(X <= min(b, c)))} with X ~ Binomial(b + c, 1/2);
     * 1 when b + c = 0.
     */
    public static double exactP(long b, long c) {
        check(b, c);
        if (b + c == 0) {
            return 1.0;
        }
        BinomialDistribution x = binomial(b, c);
        return Math.min(1.0, 2 * x.cumulativeProbability((int) Math.min(b, c)));
    }

    /**
     * The two-sided mid-p value: {@code 2 P(X <= k) - P(X = k)} for k = min(b, c) &lt; (b + c) / 2, and
     * {@code 1 - P(X = b) / 2} when b = c (Fagerland et al. 2013, equation 2 and its supplement); 1 when
     * b + c = 0.
     */
    public static double midP(long b, long c) {
        check(b, c);
        if (b + c == 0) {
            return 1.0;
        }
        BinomialDistribution x = binomial(b, c);
        int k = (int) Math.min(b, c);
        if (b == c) {
            return 1 - x.probability(k) / 2;
        }
        return 2 * x.cumulativeProbability(k) - x.probability(k);
    }

    private static BinomialDistribution binomial(long b, long c) {
        if (b + c > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("more discordant pairs than the binomial's range: " + (b + c));
        }
        return new BinomialDistribution(null, (int) (b + c), 0.5);
    }

    private static void check(long b, long c) {
        if (b < 0 || c < 0) {
            throw new IllegalArgumentException("discordant counts must be at least 0: " + b + ", " + c);
        }
    }
}
