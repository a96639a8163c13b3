package dev.assay.metric;

/**
 * Settings a metric computation takes from the rule or audit that asks for it.
 *
 * @param reference   the group comparisons are taken against (AIF360's privileged group)
 * @param worstCase   Fairlearn's {@code agg}: equalized odds as the worst of TPR and FPR (true), or their mean
 * @param alpha       the generalized entropy index's alpha (AIF360's default is 2)
 */
public record MetricParameters(double confidence, long minimumGroupSize, Reference reference, boolean worstCase,
                               double alpha) {

    public static final MetricParameters DEFAULTS = new MetricParameters(0.95, 30, Reference.HIGHEST_RATE, true, 2.0);

    public MetricParameters(double confidence, long minimumGroupSize) {
        this(confidence, minimumGroupSize, Reference.HIGHEST_RATE, true, 2.0);
    }

    public MetricParameters withMinimumGroupSize(long size) {
        return new MetricParameters(confidence, size, reference, worstCase, alpha);
    }
}
