package dev.assay.metric.performance;

import dev.assay.metric.GroupKey;
import dev.assay.metric.MetricValue;
import dev.assay.stats.Interval;
import dev.assay.stats.Proportions;

import java.util.List;
import java.util.Map;

/**
 * {@code roc_auc}: the exact area under the ROC curve of the score per group, U / (P N), where U is
 * the Mann-Whitney statistic with ties counted one half (scikit-learn's roc_auc_score). Interval:
 * Hanley and McNeil (1982), SE^2 = (A(1-A) + (P-1)(Q1-A^2) + (N-1)(Q2-A^2)) / (P N), Q1 = A/(2-A),
 * Q2 = 2A^2/(1+A), clipped to [0, 1]. Undefined without both classes.
 */
public final class RocAuc {

    public static final String ID = "roc_auc";

    private RocAuc() {
    }

    public static List<MetricValue> all(String scope, Map<GroupKey, RankState> groups, double confidence) {
        return groups.entrySet().stream().sorted(Map.Entry.comparingByKey(GroupKey.ORDER))
                .map(e -> of(scope, e.getKey().id(), e.getValue(), confidence)).toList();
    }

    static MetricValue of(String scope, String group, RankState r, double confidence) {
        long n = r.positives() + r.negatives();
        if (r.positives() == 0 || r.negatives() == 0) {
            return MetricValue.undefined(ID, scope, group, n, "the AUC needs both positive and negative labels", null);
        }
        double p = r.positives();
        double q = r.negatives();
        double a = r.u() / (p * q);
        double q1 = a / (2 - a);
        double q2 = 2 * a * a / (1 + a);
        double se = Math.sqrt((a * (1 - a) + (p - 1) * (q1 - a * a) + (q - 1) * (q2 - a * a)) / (p * q));
        double z = Proportions.z(confidence);
        return MetricValue.defined(ID, scope, group, a, new Interval(Math.max(0, a - z * se), Math.min(1, a + z * se)), n, null);
    }
}
