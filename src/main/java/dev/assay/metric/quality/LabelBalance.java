package dev.assay.metric.quality;

import dev.assay.metric.GroupKey;
import dev.assay.metric.counts.ClassMatrix;
import dev.assay.metric.counts.GroupState;
import dev.assay.metric.counts.PerClass;
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
 * {@code base_rate} under its data-quality name. For a multiclass model: the rows labeled with the rarest of the card's
 * classes over those labeled with the commonest (the reciprocal of the multiclass imbalance ratio, same source);
 * labels outside the classes are in neither.
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

    /** A multiclass model's balance per group: rarest class / commonest class among the card's classes. */
    public static List<MetricValue> ofClasses(String scope, Map<GroupKey, ClassMatrix> matrices) {
        return PerClass.sorted(matrices).stream().map(e -> {
            ClassMatrix m = e.getValue();
            long fewest = Long.MAX_VALUE;
            long most = 0;
            for (int c = 0; c < m.size(); c++) {
                fewest = Math.min(fewest, m.labeledAs(c));
                most = Math.max(most, m.labeledAs(c));
            }
            if (most == 0) {
                return MetricValue.undefined(ID, scope, e.getKey().id(), 0, "no rows labeled with one of the classes", null);
            }
            return MetricValue.defined(ID, scope, e.getKey().id(), (double) fewest / most, null, m.labels() - m.outsideLabels(), null);
        }).toList();
    }

    public static List<MetricValue> all(String scope, Map<GroupKey, GroupState> groups) {
        return Groups.sorted(groups).stream().map(e -> of(scope, e.getKey().id(), e.getValue())).toList();
    }
}
