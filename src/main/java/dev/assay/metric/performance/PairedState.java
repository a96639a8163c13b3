package dev.assay.metric.performance;

/**
 * One group's rows paired with the approved version's by id, as {@link PairedPlan} counts them: how this
 * version's rows of the group paired (rows, not weights: each row is exactly one of without an id,
 * duplicated, unmatched, conflicting or paired), and the pairs with a label and both predictions, by label
 * class and by which version classifies them right (frequency-weighted, as every outcome count). Sums of
 * counts, so two partitions of a group merge by addition ({@link #plus}).
 */
public record PairedState(long rows, long withoutId, long duplicated, long unmatched, long conflicting, long pairs,
                          Cells positives, Cells negatives) {

    /** No row. */
    public static final PairedState EMPTY = new PairedState(0, 0, 0, 0, 0, 0, Cells.EMPTY, Cells.EMPTY);

    /**
     * The pairs of one label class by correctness: right in both versions, right only now, right only in
     * the approved version, wrong in both (McNemar's 2 x 2 table; the discordant cells are {@link #onlyNow}
     * and {@link #onlyBefore}).
     */
    public record Cells(long both, long onlyNow, long onlyBefore, long neither) {

        public static final Cells EMPTY = new Cells(0, 0, 0, 0);

        public long total() {
            return both + onlyNow + onlyBefore + neither;
        }

        public Cells plus(Cells o) {
            return new Cells(both + o.both, onlyNow + o.onlyNow, onlyBefore + o.onlyBefore, neither + o.neither);
        }
    }

    public PairedState plus(PairedState o) {
        return new PairedState(rows + o.rows, withoutId + o.withoutId, duplicated + o.duplicated, unmatched + o.unmatched,
                conflicting + o.conflicting, pairs + o.pairs, positives.plus(o.positives), negatives.plus(o.negatives));
    }
}
