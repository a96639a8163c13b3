package dev.assay.metric.privacy;

import java.util.Map;

/**
 * The equivalence classes of the model card's quasi-identifiers (rows sharing all their values), as
 * {@link AnonymityPlan} counts them: what re-identification risk and l-diversity are computed from.
 *
 * @param rows          rows of the dataset
 * @param classes       equivalence classes (distinct quasi-identifier combinations); 0 without quasi-identifiers
 * @param smallestClass the size of the smallest class: k of k-anonymity
 * @param rowsBelowK    rows in classes smaller than {@code k}
 * @param uniqueRows    rows alone in their class
 * @param k             the floor under which a class counts as at risk
 * @param diversity     per sensitive column, its diversity within the classes
 */
public record EquivalenceClasses(long rows, long classes, long smallestClass, long rowsBelowK, long uniqueRows, int k,
                                 Map<String, Diversity> diversity) {

    public EquivalenceClasses {
        diversity = Map.copyOf(diversity);
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
