package dev.assay.metric.privacy;

import dev.assay.metric.MetricValue;

import java.util.List;

/**
 * l-diversity of a sensitive column within the quasi-identifier classes (Machanavajjhala et al. 2007,
 * as ARX computes it), over each class's non-null values:
 * <ul>
 * <li>{@code l_diversity}: distinct l-diversity, the fewest distinct values in any class;</li>
 * <li>{@code entropy_l_diversity}: entropy l-diversity, exp of the smallest entropy (natural log) of the
 * values in any class: a class with l equally frequent values gives exactly l.</li>
 * </ul>
 * A class whose rows all share the sensitive value discloses it (l = 1) even when k is large. Undefined
 * without quasi-identifiers or without values of the column.
 */
public final class LDiversity {

    public static final String DISTINCT = "l_diversity";
    public static final String ENTROPY = "entropy_l_diversity";

    public static final List<String> IDS = List.of(DISTINCT, ENTROPY);

    private LDiversity() {
    }

    public static MetricValue of(String id, String column, EquivalenceClasses d) {
        EquivalenceClasses.Diversity v = d == null ? null : d.diversity().get(column);
        if (v == null || v.classes() == 0) {
            return MetricValue.undefined(id, column, null, 0,
                    "needs quasi-identifiers in the model card and values in the column", null);
        }
        double value = id.equals(DISTINCT) ? v.fewestDistinct() : Math.exp(v.smallestEntropy());
        return MetricValue.defined(id, column, null, value, null, v.classes(), null)
                .withNote(v.classes() + " quasi-identifier classes hold values of the column");
    }
}
