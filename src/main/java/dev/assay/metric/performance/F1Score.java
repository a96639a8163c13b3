package dev.assay.metric.performance;

import dev.assay.metric.GroupKey;
import dev.assay.metric.counts.GroupState;
import dev.assay.metric.counts.Groups;
import dev.assay.metric.MetricValue;

import java.util.List;
import java.util.Map;

/**
 * {@code f1}: the harmonic mean of precision and recall, 2 TP / (2 TP + FP + FN) (scikit-learn's
 * f1_score). Undefined without any positive label or prediction. No interval: it is not a proportion.
 */
public final class F1Score {

    public static final String ID = "f1";

    private F1Score() {
    }

    public static MetricValue of(String scope, String group, GroupState s) {
        long denominator = 2 * s.tp() + s.fp() + s.fn();
        if (denominator == 0) {
            return MetricValue.undefined(ID, scope, group, s.labeled(), "no positive labels and no positive predictions", null);
        }
        return MetricValue.defined(ID, scope, group, 2.0 * s.tp() / denominator, null, s.labeled(), null);
    }

    public static List<MetricValue> all(String scope, Map<GroupKey, GroupState> groups) {
        return Groups.sorted(groups).stream().map(e -> of(scope, e.getKey().id(), e.getValue())).toList();
    }
}
