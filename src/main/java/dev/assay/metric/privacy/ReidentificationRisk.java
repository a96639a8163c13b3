package dev.assay.metric.privacy;

import dev.assay.metric.MetricValue;

import java.util.List;
import java.util.Locale;

/**
 * Over the equivalence classes of the quasi-identifiers (rows sharing all their values):
 * <ul>
 * <li>{@code k_anonymity}: the size of the smallest class (the data set is k-anonymous for that k);</li>
 * <li>{@code rows_below_k}: rows in classes smaller than the audit's k (default 5), and their share in the note;</li>
 * <li>{@code prosecutor_risk_max} = 1 / smallest class; {@code prosecutor_risk_avg} = classes / rows
 * (the mean over rows of 1 / class size), as ARX defines them;</li>
 * <li>{@code sample_uniqueness}: rows alone in their class / rows.</li>
 * </ul>
 * Undefined without declared quasi-identifiers or without rows.
 */
public final class ReidentificationRisk {

    public static final String K_ANONYMITY = "k_anonymity";
    public static final String ROWS_BELOW_K = "rows_below_k";
    public static final String PROSECUTOR_RISK_MAX = "prosecutor_risk_max";
    public static final String PROSECUTOR_RISK_AVG = "prosecutor_risk_avg";
    public static final String SAMPLE_UNIQUENESS = "sample_uniqueness";

    public static final List<String> IDS = List.of(K_ANONYMITY, ROWS_BELOW_K, PROSECUTOR_RISK_MAX,
            PROSECUTOR_RISK_AVG, SAMPLE_UNIQUENESS);

    private ReidentificationRisk() {
    }

    public static MetricValue of(String id, EquivalenceClasses d) {
        if (d.classes() == 0 || d.rows() == 0) {
            return MetricValue.undefined(id, null, null, d.rows(), "no quasi-identifiers declared in the model card, or no rows", null);
        }
        return switch (id) {
            case K_ANONYMITY -> MetricValue.defined(id, null, null, d.smallestClass(), null, d.rows(), null);
            case ROWS_BELOW_K -> MetricValue.defined(id, null, null, d.rowsBelowK(), null, d.rows(), null)
                    .withNote(String.format(Locale.ROOT, "%.4f of the rows are in classes smaller than k = %d",
                            (double) d.rowsBelowK() / d.rows(), d.k()));
            case PROSECUTOR_RISK_MAX -> MetricValue.defined(id, null, null, 1.0 / d.smallestClass(), null, d.rows(), null);
            case PROSECUTOR_RISK_AVG -> MetricValue.defined(id, null, null, (double) d.classes() / d.rows(), null, d.rows(), null);
            case SAMPLE_UNIQUENESS -> MetricValue.defined(id, null, null, (double) d.uniqueRows() / d.rows(), null, d.rows(), null);
            default -> throw new IllegalArgumentException(id);
        };
    }
}
