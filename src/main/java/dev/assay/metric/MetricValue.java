package dev.assay.metric;

import dev.assay.stats.Interval;

/**
 * One computed value of one metric for one group of one scope (or for the whole dataset when
 * {@code group} is null). An undefined value has {@code value == null} and says why in
 * {@code undefined}; it is never reported as 0.
 *
 * @param n         the number of rows the value rests on
 * @param reference the reference group a ratio or difference was taken against, if any
 */
public record MetricValue(String metric, String scope, String group, Double value, Interval ci, long n,
                          String undefined, String reference) {

    public static MetricValue defined(String metric, String scope, String group, double value, Interval ci, long n,
                                      String reference) {
        return new MetricValue(metric, scope, group, value, ci, n, null, reference);
    }

    public static MetricValue undefined(String metric, String scope, String group, long n, String why, String reference) {
        return new MetricValue(metric, scope, group, null, null, n, why, reference);
    }

    public boolean isDefined() {
        return value != null;
    }
}
