package dev.assay.metric.performance;

import dev.assay.metric.GroupKey;
import dev.assay.metric.MetricValue;
import dev.assay.stats.HanleyMcNeil;
import dev.assay.stats.Interval;
import dev.assay.stats.Proportions;

import java.util.List;
import java.util.Map;

/**
 * {@code roc_auc}: the exact area under the ROC curve of the score per group, U / (P N), where U is
 * the Mann-Whitney statistic with ties counted one half (scikit-learn's roc_auc_score). Interval:
 * A +- z SE, clipped to [0, 1], with Hanley and McNeil's (1982) SE ({@link HanleyMcNeil#standardError}). Undefined
 * without both classes.
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
        double a = auc(r);
        double se = HanleyMcNeil.standardError(a, r.positives(), r.negatives());
        double z = Proportions.z(confidence);
        return MetricValue.defined(ID, scope, group, a, new Interval(Math.max(0, a - z * se), Math.min(1, a + z * se)), n, null);
    }

    /** U / (P N) of a state with both classes. */
    static double auc(RankState r) {
        return r.u() / ((double) r.positives() * r.negatives());
    }
}
