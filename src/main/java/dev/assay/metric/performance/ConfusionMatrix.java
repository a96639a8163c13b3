package dev.assay.metric.performance;

import dev.assay.metric.GroupKey;
import dev.assay.metric.MetricValue;
import dev.assay.metric.OutcomeClasses;
import dev.assay.metric.counts.ClassMatrix;
import dev.assay.metric.counts.PerClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code confusion_matrix}: a multiclass model's confusion matrix per group, one value per cell (scikit-learn's
 * confusion_matrix with {@code labels} = the card's classes, plus a row and a column for values outside them):
 * {@code value} the rows (frequency-weighted) whose label is the class named in {@code at} ({@code "label <class>"})
 * and whose prediction is the value's {@code class}; {@code n} the group's rows with both a label and a prediction
 * (the matrix's total). Values outside the classes are {@link OutcomeClasses#OUTSIDE} on either side; rows without a
 * label or a prediction are in no cell. Every cell is reported, zeros included: (K + 1)² values per group, in the
 * card's class order, label-major.
 */
public final class ConfusionMatrix {

    public static final String ID = "confusion_matrix";

    /** The prefix of {@code at}: the label's side of the cell. */
    public static final String LABEL = "label ";

    private ConfusionMatrix() {
    }

    public static List<MetricValue> of(String scope, GroupKey group, ClassMatrix m) {
        List<String> names = new ArrayList<>(m.names());
        names.add(OutcomeClasses.OUTSIDE);
        List<MetricValue> cells = new ArrayList<>();
        long n = m.labeled();
        for (int l = 0; l < names.size(); l++) {
            for (int p = 0; p < names.size(); p++) {
                cells.add(new MetricValue(ID, scope, group.id(), (double) m.count(l, p), null, n, null, null, null, null, null,
                        LABEL + names.get(l)).forClass(names.get(p)));
            }
        }
        return cells;
    }

    public static List<MetricValue> all(String scope, Map<GroupKey, ClassMatrix> matrices) {
        List<MetricValue> out = new ArrayList<>();
        PerClass.sorted(matrices).forEach(e -> out.addAll(of(scope, e.getKey(), e.getValue())));
        return out;
    }
}
