package dev.assay.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

import java.util.List;
import java.util.Optional;

/**
 * Mantel-Haenszel estimators of a ratio common to K strata of 2x2 tables, their intervals, and the
 * Cochran-Mantel-Haenszel test, on counts. Stratum k compares x1 successes of n1 trials (the compared group) with
 * x0 of n0 (the reference), N = n1 + n0.
 *
 * <ul>
 *   <li>Risk ratio (Mantel and Haenszel 1959; Rothman, Greenland and Lash, <i>Modern Epidemiology</i>, 3rd ed.,
 *       eq. 15-18): RR = Σ x1 n0 / N ÷ Σ x0 n1 / N, with the Greenland and Robins (1985, <i>Biometrics</i> 41:55-68)
 *       variance of ln RR: Σ (n1 n0 (x1 + x0) − x1 x0 N) / N² ÷ (Σ x1 n0 / N · Σ x0 n1 / N), consistent both for
 *       many sparse strata and for few large ones.</li>
 *   <li>Odds ratio (Mantel and Haenszel 1959; Agresti, <i>Categorical Data Analysis</i>, 2nd ed., §6.3.5):
 *       OR = Σ x1 d / N ÷ Σ b x0 / N (b = n1 − x1, d = n0 − x0), with the Robins, Breslow and Greenland (1986,
 *       <i>Biometrics</i> 42:311-323) variance of ln OR, as R's {@code mantelhaen.test} and statsmodels'
 *       {@code StratifiedTable} give it.</li>
 *   <li>The Cochran-Mantel-Haenszel test of conditional independence (Agresti §6.3.2): (|Σ (x1 − E)| − c)² ÷ Σ V,
 *       E = n1 m1 / N, V = n1 n0 m1 m0 / (N² (N − 1)) (m1, m0 the successes and failures of the stratum), χ² with
 *       1 degree of freedom; c = 0 without a continuity correction, ½ with one (R's default, when |Σ (x1 − E)| ≥ ½).</li>
 * </ul>
 * A stratum with n1 = 0 or n0 = 0 adds nothing to any sum (every term has both factors): it carries no comparison.
 */
public final class MantelHaenszel {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private MantelHaenszel() {
    }

    /** One stratum: {@code x1} successes of {@code n1} in the compared group, {@code x0} of {@code n0} in the reference. */
    public record Table(long x1, long n1, long x0, long n0) {

        public Table {
            if (x1 < 0 || x0 < 0 || x1 > n1 || x0 > n0) {
                throw new IllegalArgumentException("a stratum needs 0 <= x <= n in both groups: " + x1 + "/" + n1 + ", " + x0 + "/" + n0);
            }
        }

        double total() {
            return (double) n1 + n0;
        }

        /** Whether both groups have trials in this stratum: only then does it compare them. */
        public boolean comparesBoth() {
            return n1 > 0 && n0 > 0;
        }
    }

    /**
     * A common ratio and its interval at the confidence asked; no interval when the ratio is 0 (its logarithm has
     * none) or its variance is not finite.
     */
    public record Estimate(double value, Interval ci) {
    }

    /**
     * The Mantel-Haenszel risk ratio with the Greenland-Robins interval; empty (undefined) when the denominator
     * Σ x0 n1 / N is 0: no stratum in which both groups have trials and the reference has a success.
     */
    public static Optional<Estimate> riskRatio(List<Table> strata, double confidence) {
        double r = 0;
        double s = 0;
        double v = 0;
        for (Table t : strata) {
            if (!t.comparesBoth()) {
                continue;
            }
            double n = t.total();
            r += t.x1 * (double) t.n0 / n;
            s += t.x0 * (double) t.n1 / n;
            v += ((double) t.n1 * t.n0 * (t.x1 + t.x0) - (double) t.x1 * t.x0 * n) / (n * n);
        }
        return estimate(r, s, v / (r * s), confidence);
    }

    /**
     * The Mantel-Haenszel odds ratio with the Robins-Breslow-Greenland interval; empty (undefined) when the
     * denominator Σ b x0 / N is 0.
     */
    public static Optional<Estimate> oddsRatio(List<Table> strata, double confidence) {
        double r = 0;
        double s = 0;
        double pr = 0;
        double psqr = 0;
        double qs = 0;
        for (Table t : strata) {
            if (!t.comparesBoth()) {
                continue;
            }
            double n = t.total();
            double a = t.x1;
            double b = t.n1 - t.x1;
            double c = t.x0;
            double d = t.n0 - t.x0;
            double p = (a + d) / n;
            double q = (b + c) / n;
            double rk = a * d / n;
            double sk = b * c / n;
            r += rk;
            s += sk;
            pr += p * rk;
            psqr += p * sk + q * rk;
            qs += q * sk;
        }
        return estimate(r, s, pr / (2 * r * r) + psqr / (2 * r * s) + qs / (2 * s * s), confidence);
    }

    private static Optional<Estimate> estimate(double numerator, double denominator, double logVariance, double confidence) {
        if (denominator == 0) {
            return Optional.empty();
        }
        double ratio = numerator / denominator;
        if (ratio == 0 || !(logVariance >= 0) || !Double.isFinite(logVariance)) {
            return Optional.of(new Estimate(ratio, null));
        }
        double half = Proportions.z(confidence) * Math.sqrt(logVariance);
        double log = Math.log(ratio);
        return Optional.of(new Estimate(ratio, new Interval(Math.exp(log - half), Math.exp(log + half))));
    }

    /**
     * The Cochran-Mantel-Haenszel test; empty when its variance Σ V is 0 (no stratum of at least two rows in which both
     * groups have trials and the outcome varies).
     *
     * @param continuityCorrection subtract ½ from |Σ (x1 − E)| (R's {@code correct = TRUE}); Assay's metrics do not
     */
    public static Optional<SignificanceTests.Result> test(List<Table> strata, boolean continuityCorrection) {
        double deviation = 0;
        double variance = 0;
        for (Table t : strata) {
            double n = t.total();
            if (!t.comparesBoth() || n < 2) {
                continue;
            }
            double m1 = t.x1 + t.x0;
            double m0 = n - m1;
            deviation += t.x1 - t.n1 * m1 / n;
            variance += (double) t.n1 * t.n0 * m1 * m0 / (n * n * (n - 1));
        }
        if (variance == 0) {
            return Optional.empty();
        }
        double corrected = Math.abs(deviation) - (continuityCorrection && Math.abs(deviation) >= 0.5 ? 0.5 : 0);
        double statistic = corrected * corrected / variance;
        // P(χ²₁ > x) = 2 Φ(−√x): exact, and without the cancellation of 1 − F(x) for the small p-values of large audits.
        return Optional.of(new SignificanceTests.Result("Cochran-Mantel-Haenszel test", statistic,
                2 * STANDARD_NORMAL.cumulativeProbability(-Math.sqrt(statistic))));
    }
}
