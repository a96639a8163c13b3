package dev.assay.metric.performance;

import dev.assay.metric.GroupKey;
import dev.assay.metric.MetricValue;
import dev.assay.metric.counts.ClassMatrix;
import dev.assay.metric.counts.PerClass;
import dev.assay.stats.Proportions;

import java.util.List;
import java.util.Map;

/**
 * {@code accuracy} of a multiclass model: the rows whose prediction is their label's class / the rows with both a
 * label and a prediction (scikit-learn's accuracy_score), with a Wilson interval. A label or prediction outside
 * the card's classes is never right (scikit-learn would count two equal unknown values as a match; Assay cannot
 * tell two values outside the classes apart once counted, and an unknown class is not a correct answer). Not
 * through the favorable classes: accuracy has its own multiclass definition, the confusion rates do not.
 */
public final class MulticlassAccuracy {

    public static final String ID = "accuracy";

    private MulticlassAccuracy() {
    }

    public static MetricValue of(String scope, GroupKey group, ClassMatrix m, double confidence) {
        long n = m.labeled();
        if (n == 0) {
            return MetricValue.undefined(ID, scope, group.id(), 0, "no rows with both a label and a prediction", null);
        }
        return MetricValue.defined(ID, scope, group.id(), (double) m.correct() / n,
                Proportions.wilson(m.correct(), n, confidence).orElseThrow(), n, null).withNote(ClassAverages.outsideNote(m));
    }

    public static List<MetricValue> all(String scope, Map<GroupKey, ClassMatrix> matrices, double confidence) {
        return PerClass.sorted(matrices).stream().map(e -> of(scope, e.getKey(), e.getValue(), confidence)).toList();
    }
}
