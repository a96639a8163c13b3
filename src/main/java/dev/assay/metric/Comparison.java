package dev.assay.metric;

/**
 * How a change from the model's last approved version ({@code <metric>_change_from_approved}) was tested,
 * for one group: paired or unpaired, why, on how many rows, and the two values compared on them.
 *
 * <p>Paired when both versions were evaluated on the same rows: both model cards name an id column
 * ({@code columns.id}) and the two datasets share ids. Each version is then judged on each pair (McNemar's
 * test for rates, DeLong's for the AUC): the comparison is of the models, not of two samples. Unpaired when
 * the rows cannot be paired (a card names no id, or the datasets share none), or when the rule asks for it:
 * the evaluations are independent samples (two proportions: Fisher's exact or the z-test; two AUCs:
 * Hanley and McNeil).
 *
 * @param design    {@link #PAIRED} or {@link #UNPAIRED}
 * @param why       why this design, in words
 * @param now       the metric now, on the rows tested (paired: the pairs); null when undefined there
 * @param n         the rows (paired: pairs) it rests on, weighted
 * @param before    the metric in the approved version, on the rows tested
 * @param approvedN the rows it rests on (paired: the same pairs)
 * @param improved  paired rates only: pairs this version gets right and the approved version wrong
 * @param worsened  paired rates only: pairs the approved version gets right and this version wrong
 * @param pairing   how the two datasets' rows paired by id; null when they were not joined (a card names no id)
 * @param untested  why there is no test, when there is none (too few pairs, no test for this metric, ...); else null
 */
public record Comparison(String design, String why, Double now, long n, Double before, long approvedN, Long improved,
                         Long worsened, Pairing pairing, String untested) {

    public static final String PAIRED = "paired";
    public static final String UNPAIRED = "unpaired";

    /**
     * How the rows of this version's dataset (in the group) and of the approved version's dataset (all of them)
     * paired by the cards' id columns; rows, not weights. A row of this version is exactly one of: without an id,
     * duplicated (its id occurs more than once in either dataset: which row pairs with which is unknowable),
     * unmatched (its id is not in the approved dataset), conflicting (the two datasets disagree on its label or
     * its weight: not the same row), or paired.
     */
    public record Pairing(long rows, long withoutId, long duplicated, long unmatched, long conflicting, long pairs,
                          long approvedRows, long approvedWithoutId, long approvedDuplicated, long approvedUnmatched) {

        /** Every row on both sides paired: nothing left out. */
        public boolean complete() {
            return pairs == rows && pairs == approvedRows;
        }
    }

    /** The same comparison, with the reason it has no test. */
    public Comparison untested(String why) {
        return new Comparison(design, this.why, now, n, before, approvedN, improved, worsened, pairing, why);
    }
}
