package dev.assay.metric.performance;

import dev.assay.metric.GroupKey;
import dev.assay.metric.MetricValue;
import dev.assay.metric.counts.RegressionState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Regression metrics per group, from {@link RegressionState} sums (scikit-learn's names):
 * {@code mean_absolute_error} = sum|y - yhat| / n; {@code root_mean_squared_error} =
 * sqrt(sum (y - yhat)^2 / n); {@code r2} = 1 - SS_res / SS_tot with SS_tot = sum y^2 - (sum y)^2 / n
 * (undefined when every label is the same); {@code mean_prediction} = sum yhat / n; and
 * {@code mean_prediction_difference}, the largest minus the smallest group mean prediction
 * (Fairlearn's demographic parity for regression, on means).
 */
public final class RegressionMetrics {

    public static final String MEAN_ABSOLUTE_ERROR = "mean_absolute_error";
    public static final String ROOT_MEAN_SQUARED_ERROR = "root_mean_squared_error";
    public static final String R2 = "r2";
    public static final String MEAN_PREDICTION = "mean_prediction";
    public static final String MEAN_PREDICTION_DIFFERENCE = "mean_prediction_difference";

    public static final List<String> PER_GROUP = List.of(MEAN_ABSOLUTE_ERROR, ROOT_MEAN_SQUARED_ERROR, R2, MEAN_PREDICTION);

    private static final String NONE = "no rows with both a numeric label and a numeric prediction";

    private RegressionMetrics() {
    }

    public static List<MetricValue> all(String id, String scope, Map<GroupKey, RegressionState> groups) {
        List<MetricValue> values = new ArrayList<>();
        groups.entrySet().stream().sorted(Map.Entry.comparingByKey(GroupKey.ORDER))
                .forEach(e -> values.add(of(id, scope, e.getKey().id(), e.getValue())));
        return values;
    }

    static MetricValue of(String id, String scope, String group, RegressionState s) {
        if (s.n() == 0) {
            return MetricValue.undefined(id, scope, group, 0, NONE, null);
        }
        double n = s.n();
        return switch (id) {
            case MEAN_ABSOLUTE_ERROR -> MetricValue.defined(id, scope, group, s.absoluteErrors() / n, null, s.n(), null);
            case ROOT_MEAN_SQUARED_ERROR -> MetricValue.defined(id, scope, group, Math.sqrt(s.squaredErrors() / n), null, s.n(), null);
            case MEAN_PREDICTION -> MetricValue.defined(id, scope, group, s.predictionSum() / n, null, s.n(), null);
            case R2 -> {
                double total = s.labelSquares() - s.labelSum() * s.labelSum() / n;
                yield total <= 0 ? MetricValue.undefined(id, scope, group, s.n(), "every label is the same (no variance to explain)", null)
                        : MetricValue.defined(id, scope, group, 1 - s.squaredErrors() / total, null, s.n(), null);
            }
            default -> throw new IllegalArgumentException(id);
        };
    }

    public static MetricValue meanPredictionDifference(String scope, Map<GroupKey, RegressionState> groups) {
        String id = MEAN_PREDICTION_DIFFERENCE;
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        String maxGroup = null;
        String minGroup = null;
        long n = 0;
        List<String> skipped = new ArrayList<>();
        for (var e : groups.entrySet().stream().sorted(Map.Entry.comparingByKey(GroupKey.ORDER)).toList()) {
            if (e.getKey().hasUnknown()) {
                continue;
            }
            if (e.getValue().n() == 0) {
                skipped.add(e.getKey().id());
                continue;
            }
            double mean = e.getValue().predictionSum() / e.getValue().n();
            n += e.getValue().n();
            if (mean > max) {
                max = mean;
                maxGroup = e.getKey().id();
            }
            if (mean < min) {
                min = mean;
                minGroup = e.getKey().id();
            }
        }
        String note = skipped.isEmpty() ? null : "skipped, no numeric rows: " + String.join(", ", skipped);
        if (maxGroup == null) {
            return MetricValue.undefined(id, scope, null, 0, NONE, null).withNote(note);
        }
        return MetricValue.defined(id, scope, null, max - min, null, n, "highest " + maxGroup + ", lowest " + minGroup)
                .withNote(note);
    }
}
