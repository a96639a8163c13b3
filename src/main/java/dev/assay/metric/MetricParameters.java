package dev.assay.metric;

/**
 * Settings a metric computation takes from the rule or audit that asks for it.
 *
 * @param reference   the group comparisons are taken against (AIF360's privileged group)
 * @param worstCase   Fairlearn's {@code agg}: equalized odds as the worst of TPR and FPR (true), or their mean
 * @param alpha       the generalized entropy index's alpha (AIF360's default is 2)
 * @param favorableKnown whether the model card names a favorable outcome (a regression model has none:
 *                    its selection rates are undefined, not 0)
 */
public record MetricParameters(double confidence, long minimumGroupSize, Reference reference, boolean worstCase,
                               double alpha, boolean favorableKnown) {

    public static final MetricParameters DEFAULTS = new MetricParameters(0.95, 30, Reference.HIGHEST_RATE, true, 2.0, true);

    public MetricParameters(double confidence, long minimumGroupSize) {
        this(confidence, minimumGroupSize, Reference.HIGHEST_RATE, true, 2.0, true);
    }

    public MetricParameters(double confidence, long minimumGroupSize, Reference reference, boolean worstCase, double alpha) {
        this(confidence, minimumGroupSize, reference, worstCase, alpha, true);
    }

    public MetricParameters withMinimumGroupSize(long size) {
        return new MetricParameters(confidence, size, reference, worstCase, alpha, favorableKnown);
    }

    public MetricParameters withFavorableKnown(boolean known) {
        return new MetricParameters(confidence, minimumGroupSize, reference, worstCase, alpha, known);
    }
}
