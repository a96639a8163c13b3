package dev.assay.metric.drift;

/**
 * How one column moved between the baseline and the evaluation dataset, as computed by
 * {@link DriftPlan}: for a numeric column the population stability index over baseline deciles, the
 * Kolmogorov-Smirnov statistic and the Wasserstein distance over the exact empirical distributions;
 * for a categorical column the category counts of both.
 *
 * @param numeric         whether the column was compared as numeric
 * @param evaluationRows  non-null values in the evaluation dataset
 * @param baselineRows    non-null values in the baseline
 * @param psi             population stability index (both kinds)
 * @param ks              KS statistic, numeric only (NaN otherwise)
 * @param wasserstein     Wasserstein-1 distance divided by the baseline's standard deviation, numeric only
 * @param evaluationCounts category counts, categorical only (aligned with baselineCounts)
 * @param test            the drift test the audit asks for on this column, or null for Evidently's default
 */
public record DriftState(boolean numeric, long evaluationRows, long baselineRows, double psi, double ks,
                         double wasserstein, long[] evaluationCounts, long[] baselineCounts, String test) {

    public DriftState(boolean numeric, long evaluationRows, long baselineRows, double psi, double ks,
                      double wasserstein, long[] evaluationCounts, long[] baselineCounts) {
        this(numeric, evaluationRows, baselineRows, psi, ks, wasserstein, evaluationCounts, baselineCounts, null);
    }

    public DriftState withTest(String id) {
        return new DriftState(numeric, evaluationRows, baselineRows, psi, ks, wasserstein, evaluationCounts, baselineCounts, id);
    }
}
