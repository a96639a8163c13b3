package dev.assay.metric.fairness;

import dev.assay.metric.TopK;

/**
 * Where one {@link TopK} cut a ranking of {@code ranked} rows: after {@code k} positions, which fall after the
 * {@code above} rows of the blocks of tied scores wholly in the top k and, when the k-th position falls inside a
 * block, {@code k - above} positions into its {@code tied} rows. Exactly min(k, ranked) rows are selected: the
 * rows above, and each tied row with probability (k - above) / tied, the chance a random order of the tie gives it
 * one of the remaining places (the expected value of every count under a random tie-break).
 *
 * @param asked  the rule's cut
 * @param ranked rows with a score in the whole dataset
 * @param k      the cut in rows ({@link TopK#resolve}), possibly beyond {@code ranked} or 0
 * @param above  rows in the tie blocks wholly within the top k
 * @param tied   rows of the block the cut falls inside; 0 when it falls between two blocks
 */
public record Cut(TopK asked, long ranked, long k, long above, long tied) {

    /** Positions of the cut's tie block inside the top k: k - above when the cut falls inside a block, else 0. */
    public long inside() {
        return tied == 0 ? 0 : k - above;
    }

    /** The chance that a row tied at the cut is selected, (k - above) / tied; 0 when no block straddles the cut. */
    public double share() {
        return tied == 0 ? 0 : (double) inside() / tied;
    }

    /** The selected rows: min(k, ranked). */
    public long selected() {
        return Math.min(k, ranked);
    }
}
