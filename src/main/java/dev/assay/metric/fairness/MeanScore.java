package dev.assay.metric.fairness;

import dev.assay.metric.GroupKey;
import dev.assay.metric.counts.GroupState;
import dev.assay.metric.counts.Groups;
import dev.assay.metric.MetricValue;

import java.util.List;
import java.util.Map;

/** {@code mean_score}: the mean of the score column in each group (TF Fairness Indicators' average score). */
public final class MeanScore {

    public static final String ID = "mean_score";

    private MeanScore() {
    }

    public static List<MetricValue> all(String scope, Map<GroupKey, GroupState> groups) {
        return Groups.sorted(groups).stream().map(e -> {
            GroupState s = e.getValue();
            return s.scored() == 0
                    ? MetricValue.undefined(ID, scope, e.getKey().id(), 0, "no scores in this group (or no score column)", null)
                    : MetricValue.defined(ID, scope, e.getKey().id(), s.scoreSum() / s.scored(), null, s.scored(), null);
        }).toList();
    }
}
