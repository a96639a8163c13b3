package dev.assay.metric;

/** Settings a metric computation takes from the rule or audit that asks for it. */
public record MetricParameters(double confidence, long minimumGroupSize) {

    public static final MetricParameters DEFAULTS = new MetricParameters(0.95, 30);
}
