package dev.assay.metric.fairness;

import dev.assay.metric.counts.GroupState;

/**
 * What an impact ratio compares for one group: how many of its rows were decided, and how many of those
 * were selected. A decision by prediction counts whole rows ({@link #of(GroupState)}); a shortlist cut inside
 * a tie counts the tied rows at the cut fractionally, each by the chance a random tie-break would select it, so
 * {@code selected} may be a fraction ({@link #whole} false), and intervals and tests, which count rows, are
 * then left out.
 *
 * @param rows     the group's rows, decided or not (the share NYC LL144's exclusion reads)
 * @param decided  rows with a decision: a prediction, or a score to be ranked by
 * @param selected decided rows selected (the favorable prediction; in the top k), in [0, decided]
 * @param whole    whether {@code selected} is a whole number of rows
 */
public record Selections(long rows, long decided, double selected, boolean whole) {

    /** The selections of a group's predictions: favorable predictions of its predicted rows, always whole. */
    public static Selections of(GroupState s) {
        return new Selections(s.rows(), s.predicted(), s.favorable(), true);
    }

    /** selected / decided; only for a group with decided rows. */
    public double rate() {
        return selected / decided;
    }

    /** The selected rows as a count; only when {@link #whole}. */
    public long count() {
        return Math.round(selected);
    }
}
