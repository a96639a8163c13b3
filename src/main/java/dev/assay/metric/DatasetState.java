package dev.assay.metric;

/**
 * Dataset-level counts: rows, rows that repeat an earlier row exactly, and the equivalence classes of
 * the model card's quasi-identifiers (re-identification risk).
 *
 * @param classes       equivalence classes (distinct quasi-identifier combinations); 0 without quasi-identifiers
 * @param smallestClass the size of the smallest class: k of k-anonymity
 * @param rowsBelowK    rows in classes smaller than the audit's k
 * @param uniqueRows    rows alone in their class
 * @param diversity     per sensitive column, its diversity within the classes
 */
public record DatasetState(long rows, long duplicateRows, long classes, long smallestClass, long rowsBelowK,
                           long uniqueRows, int k, java.util.Map<String, Diversity> diversity) {

    public DatasetState {
        diversity = java.util.Map.copyOf(diversity);
    }

    public DatasetState(long rows, long duplicateRows, long classes, long smallestClass, long rowsBelowK, long uniqueRows, int k) {
        this(rows, duplicateRows, classes, smallestClass, rowsBelowK, uniqueRows, k, java.util.Map.of());
    }

    /**
     * How varied one sensitive column is within the quasi-identifier classes, over its non-null values.
     *
     * @param classes          classes holding at least one value of the column
     * @param fewestDistinct   the fewest distinct values in any such class (distinct l-diversity)
     * @param smallestEntropy  the smallest Shannon entropy (natural log) of the values in any such class
     */
    public record Diversity(long classes, long fewestDistinct, double smallestEntropy) {
    }
}
