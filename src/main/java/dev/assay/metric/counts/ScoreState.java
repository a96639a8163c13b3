package dev.assay.metric.counts;

import java.util.Arrays;

/**
 * The score-related counts and sums of one group, mergeable like {@link GroupState}: Brier and log
 * loss sums, calibration bins (ten equal-width bins of the score) and the counts of a threshold
 * sweep (thresholds 0.1 to 0.9), and the rows scoring above the median of the whole dataset (NYC
 * LL144's scoring rate). "Labeled" rows have a score and a label; y = 1 for the positive label.
 */
public record ScoreState(long scored, long labeled, long positives, double brierSum, double logLossSum,
                         long[] binCount, double[] binScoreSum, long[] binPositives,
                         long[] selectedAt, long[] truePositivesAt, long[] falsePositivesAt,
                         long aboveMedian, long atOrAboveMedian) {

    public static final int BINS = 10;
    public static final double[] THRESHOLDS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
    /** Log loss clips scores to [EPSILON, 1 - EPSILON], as scikit-learn does, so a confident miss costs a lot but not infinitely. */
    public static final double EPSILON = 1e-15;

    public static ScoreState empty() {
        return new ScoreState(0, 0, 0, 0, 0, new long[BINS], new double[BINS], new long[BINS],
                new long[THRESHOLDS.length], new long[THRESHOLDS.length], new long[THRESHOLDS.length], 0, 0);
    }

    public long negatives() {
        return labeled - positives;
    }

    public ScoreState merge(ScoreState o) {
        return new ScoreState(scored + o.scored, labeled + o.labeled, positives + o.positives,
                brierSum + o.brierSum, logLossSum + o.logLossSum,
                add(binCount, o.binCount), add(binScoreSum, o.binScoreSum), add(binPositives, o.binPositives),
                add(selectedAt, o.selectedAt), add(truePositivesAt, o.truePositivesAt), add(falsePositivesAt, o.falsePositivesAt),
                aboveMedian + o.aboveMedian, atOrAboveMedian + o.atOrAboveMedian);
    }

    private static long[] add(long[] a, long[] b) {
        long[] c = a.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] += b[i];
        }
        return c;
    }

    private static double[] add(double[] a, double[] b) {
        double[] c = a.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] += b[i];
        }
        return c;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScoreState o && scored == o.scored && labeled == o.labeled && positives == o.positives
                && brierSum == o.brierSum && logLossSum == o.logLossSum && Arrays.equals(binCount, o.binCount)
                && Arrays.equals(binScoreSum, o.binScoreSum) && Arrays.equals(binPositives, o.binPositives)
                && Arrays.equals(selectedAt, o.selectedAt) && Arrays.equals(truePositivesAt, o.truePositivesAt)
                && Arrays.equals(falsePositivesAt, o.falsePositivesAt) && aboveMedian == o.aboveMedian
                && atOrAboveMedian == o.atOrAboveMedian;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(scored) * 31 + Long.hashCode(labeled) * 7 + Arrays.hashCode(binCount);
    }

    @Override
    public String toString() {
        return "ScoreState[scored=" + scored + ", labeled=" + labeled + ", positives=" + positives + "]";
    }
}
