package dev.assay.metric.quality;

import dev.assay.metric.GroupKey;
import dev.assay.metric.counts.GroupState;
import dev.assay.metric.counts.Groups;
import dev.assay.metric.MetricValue;

import java.util.List;
import java.util.Map;

/**
 * {@code label_balance}: per group, the rows of the rarer label class over the rows of the commoner
 * one (positive against negative labels): 1 for a balanced group, 0 when the group holds one class
 * only. It is the reciprocal of the imbalance ratio of the class-imbalance literature (Fernández et
 * al., Learning from Imbalanced Data Sets, 2018). Undefined for a group without labeled rows.
 * Its companion {@code label_prevalence} (positive labels / labeled rows) is the confusion rate
 * {@code base_rate} under its data-quality name.
 */
public final class LabelBalance {

    public static final String ID = "label_balance";

    private LabelBalance() {
    }

    public static MetricValue of(String scope, String group, GroupState s) {
        long positive = s.labelPositives();
        long negative = s.labelNegatives();
        if (positive + negative == 0) {
            return MetricValue.undefined(ID, scope, group, 0, "no rows with a label", null);
        }
        return MetricValue.defined(ID, scope, group, (double) Math.min(positive, negative) / Math.max(positive, negative),
                null, positive + negative, null);
    }

    public static List<MetricValue> all(String scope, Map<GroupKey, GroupState> groups) {
        return Groups.sorted(groups).stream().map(e -> of(scope, e.getKey().id(), e.getValue())).toList();
    }
}
