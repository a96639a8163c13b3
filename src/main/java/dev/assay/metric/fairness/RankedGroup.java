package dev.assay.metric.fairness;

import java.math.BigInteger;

/**
 * One group's place in a ranking by score cut at one {@link dev.assay.metric.TopK}: sums over its rows, so
 * the states of cells add up to their groups' ({@link #merge}). Counts are rows (frequency-weighted when the
 * card names a weight).
 *
 * @param ranked   rows with a score
 * @param unranked rows without one (null or non-finite): not ranked, counted for the note
 * @param inTop    ranked rows whose whole tie block lies within the top k: selected
 * @param atCut    ranked rows of the tie block the k-th position falls inside (some of it in the top k, some
 *                 not): each selected with the chance {@link Cut#share()} a random tie-break would give it
 * @param exposure the sum over the ranked rows of their position bias 1 / log2(1 + j) at rank j, positions
 *                 beyond k counting 0 (with a cut), tied rows each taking the mean over the positions they occupy
 */
public record RankedGroup(long ranked, long unranked, long inTop, long atCut, double exposure) {

    public static final RankedGroup EMPTY = new RankedGroup(0, 0, 0, 0, 0.0);

    public RankedGroup merge(RankedGroup o) {
        return new RankedGroup(ranked + o.ranked, unranked + o.unranked, inTop + o.inTop, atCut + o.atCut, exposure + o.exposure);
    }

    /**
     * The group's selections at the cut: its rows in the top k, and its rows tied at the cut each counted by the
     * chance it is selected, atCut (k - above) / tied, computed exactly (whole when it divides).
     */
    public Selections selections(Cut cut) {
        if (cut.tied() == 0 || atCut == 0) {
            return new Selections(ranked + unranked, ranked, inTop, true);
        }
        BigInteger[] q = BigInteger.valueOf(atCut).multiply(BigInteger.valueOf(cut.inside())).divideAndRemainder(BigInteger.valueOf(cut.tied()));
        boolean whole = q[1].signum() == 0;
        double tiedShare = whole ? q[0].doubleValue() : (double) atCut * cut.inside() / cut.tied();
        return new Selections(ranked + unranked, ranked, inTop + tiedShare, whole);
    }

    /** Mean exposure of the group's ranked rows; only for a group with ranked rows. */
    public double meanExposure() {
        return exposure / ranked;
    }
}
