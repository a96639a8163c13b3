package dev.assay.metric.performance;

/**
 * What the exact ROC AUC of a group needs: its positive and negative counts and the Mann-Whitney U
 * statistic (ties counted one half), computed in SQL from the group's score histogram.
 */
public record RankState(long positives, long negatives, double u) {

    /** No ranked row: no positive, no negative. */
    public static final RankState EMPTY = new RankState(0, 0, 0);
}
