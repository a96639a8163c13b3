package dev.assay.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

import java.util.Optional;

/** Intervals for a proportion and for the ratio of two proportions. */
public final class Proportions {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private Proportions() {
    }

    /** The two-sided critical value z for a confidence level, e.g. 1.959963984540054 for 0.95. */
    public static double z(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1): " + confidence);
        }
        return STANDARD_NORMAL.inverseCumulativeProbability(1 - (1 - confidence) / 2);
    }

    /**
     * Wilson score interval for {@code successes / trials} (Wilson 1927; Newcombe 1998, method 3).
     * Undefined for zero trials. Counts are longs: datasets beyond 2^31 rows are fine.
     */
    public static Optional<Interval> wilson(long successes, long trials, double confidence) {
        if (trials <= 0) {
            return Optional.empty();
        }
        if (successes < 0 || successes > trials) {
            throw new IllegalArgumentException("successes must be in [0, trials]");
        }
        double z = z(confidence);
        double n = trials;
        double p = successes / n;
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double center = (p + z2 / (2 * n)) / denominator;
        double half = z / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return Optional.of(new Interval(Math.max(0, center - half), Math.min(1, center + half)));
    }

    /**
     * Newcombe's hybrid score interval for the difference p1 - p2 of two independent proportions
     * (Newcombe 1998, method 10), built from the two Wilson intervals. Undefined when a group is empty.
     */
    public static Optional<Interval> newcombeDifference(long x1, long n1, long x2, long n2, double confidence) {
        Optional<Interval> w1 = wilson(x1, n1, confidence);
        Optional<Interval> w2 = wilson(x2, n2, confidence);
        if (w1.isEmpty() || w2.isEmpty()) {
            return Optional.empty();
        }
        double p1 = (double) x1 / n1;
        double p2 = (double) x2 / n2;
        double l1 = w1.get().lower();
        double u1 = w1.get().upper();
        double l2 = w2.get().lower();
        double u2 = w2.get().upper();
        double d = p1 - p2;
        double lower = d - Math.sqrt((p1 - l1) * (p1 - l1) + (u2 - p2) * (u2 - p2));
        double upper = d + Math.sqrt((u1 - p1) * (u1 - p1) + (p2 - l2) * (p2 - l2));
        return Optional.of(new Interval(lower, upper));
    }

    /**
     * Katz log interval for the ratio of two proportions (x1/n1) / (x2/n2) (Katz et al. 1978):
     * exp(ln RR +- z * sqrt(1/x1 - 1/n1 + 1/x2 - 1/n2)). Undefined when either count of
     * successes is zero (the log of the ratio is then unbounded).
     */
    public static Optional<Interval> katzRatio(long x1, long n1, long x2, long n2, double confidence) {
        if (x1 <= 0 || x2 <= 0 || n1 <= 0 || n2 <= 0) {
            return Optional.empty();
        }
        double ratio = ((double) x1 / n1) / ((double) x2 / n2);
        double se = Math.sqrt(1.0 / x1 - 1.0 / n1 + 1.0 / x2 - 1.0 / n2);
        double z = z(confidence);
        return Optional.of(new Interval(Math.exp(Math.log(ratio) - z * se), Math.exp(Math.log(ratio) + z * se)));
    }
}
